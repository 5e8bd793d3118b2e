/// A line chart for the Lab: several series over a shared step axis, linear or log y, nice ticks,
/// labelled event markers, a legend, a ghost run, a scrubbing cursor. Pure: draws into a Buffer.
public struct LineChart: Sendable {
  public var series: [ChartSeries]
  /// Earlier runs for comparison, drawn dimmed underneath the series.
  public var ghosts: [ChartSeries]
  public var markers: [ChartMarker]
  /// A vertical cursor line at this x (scrubbing through a finished run).
  public var cursorX: Double?
  public var yScale: AxisScale
  /// Fixed ranges; nil = from the data (a growing run can keep its full x range fixed).
  public var xRange: ClosedRange<Double>?
  public var yRange: ClosedRange<Double>?
  /// Drawn on the top row, left ("learning rate").
  public var title: String
  /// The x unit, shown at the right end of the x label row ("step").
  public var xName: String
  public var secondaryX: SecondaryXAxis?
  public var showsLegend: Bool
  /// Stamp each line's own shape along it (and in the legend), besides its colour.
  public var showsSeriesMarks = true
  /// Marker labels go only where they cover no data (else they are shortened, or left out):
  /// the curve always stays readable. Off: the placement hiding the fewest dots wins.
  public var labelsAvoidData = false
  /// Braille or blocks need Unicode: with ASCII `glyphs` the chart draws in ASCII whatever this says.
  public var mode: ChartGlyphMode
  public var glyphs: Glyphs
  public var theme: Theme

  public init(
    series: [ChartSeries], ghosts: [ChartSeries] = [], markers: [ChartMarker] = [],
    cursorX: Double? = nil, yScale: AxisScale = .linear, xRange: ClosedRange<Double>? = nil,
    yRange: ClosedRange<Double>? = nil, title: String = "", xName: String = "",
    secondaryX: SecondaryXAxis? = nil, showsLegend: Bool = true, mode: ChartGlyphMode = .braille,
    glyphs: Glyphs = .unicode, theme: Theme = .monochrome
  ) {
    self.series = series
    self.ghosts = ghosts
    self.markers = markers
    self.cursorX = cursorX
    self.yScale = yScale
    self.xRange = xRange
    self.yRange = yRange
    self.title = title
    self.xName = xName
    self.secondaryX = secondaryX
    self.showsLegend = showsLegend
    self.mode = mode
    self.glyphs = glyphs
    self.theme = theme
  }

  /// The mode actually drawn: ASCII whenever the glyph set is ASCII.
  public var glyphMode: ChartGlyphMode { glyphs.isUnicode ? mode : .ascii }

  /// The layout `draw` would use in `area`.
  public func layout(in area: Rect) -> ChartLayout { computeLayout(in: area).layout }

  public func draw(into buffer: inout Buffer, area: Rect) {
    // Cells are written directly below, so never reach outside the buffer.
    let area = area.intersection(buffer.area)
    let geometry = computeLayout(in: area)
    let layout = geometry.layout
    guard !layout.plot.isEmpty else {
      if !title.isEmpty {
        buffer.put(title, x: area.x, y: area.y, style: theme[.title], maxX: area.maxX)
      }
      return
    }
    if !title.isEmpty {
      buffer.put(
        truncate(title, toWidth: area.width, ellipsis: glyphs.ellipsis), x: area.x, y: area.y,
        style: theme[.title], maxX: area.maxX)
    }
    drawAxes(into: &buffer, geometry: geometry)
    let plot = layout.plot
    for marker in markers {
      guard let column = layout.column(forX: marker.x) else { continue }
      for y in plot.y..<plot.maxY {
        buffer[column, y] = Cell(glyphs.markerLine, style: theme[.marker])
      }
    }
    // Data: ghosts first, then series, so series win shared cells over ghosts.
    let pens = self.pens()
    var raster = ChartRaster(columns: plot.width, rows: plot.height, mode: glyphMode)
    let mapX = geometry.xMapping
    let mapY = geometry.yMapping
    for (i, ghost) in ghosts.enumerated() {
      raster.currentPen = Int16(i)
      raster.plot(ghost, x: mapX, y: mapY)
    }
    for (i, line) in series.enumerated() {
      raster.currentPen = Int16(ghosts.count + i)
      raster.plot(line, x: mapX, y: mapY)
    }
    for row in 0..<plot.height {
      for column in 0..<plot.width {
        guard let ch = raster.character(column: column, row: row, mode: glyphMode, pens: pens)
        else {
          continue
        }
        let owner = Int(raster.owner[row * plot.width + column])
        buffer[plot.x + column, plot.y + row] = Cell(ch, style: pens[owner].style)
      }
    }
    drawSeriesMarks(into: &buffer, geometry: geometry, pens: pens, raster: raster)
    if let cursorX, let column = layout.column(forX: cursorX) {
      let cursor = theme[.cursor]
      for y in plot.y..<plot.maxY {
        if raster.bits[(y - plot.y) * plot.width + column - plot.x] == 0 {
          buffer[column, y] = Cell(glyphs.cursorLine, style: cursor)
        } else {
          buffer[column, y].style = buffer[column, y].style.merged(with: cursor)
        }
      }
    }
    var occupied = drawMarkerLabels(into: &buffer, layout: layout, raster: raster)
    if showsLegend {
      drawLegend(into: &buffer, plot: plot, raster: raster, pens: pens, occupied: &occupied)
    }
  }

  /// Pens for ghosts then series.
  func pens() -> [ChartPen] {
    let asciiMarks: [Character] = ["*", "+", "o", "x", "#", "%"]
    let blockSets: [(Character, Character, Character)] = [
      ("▀", "▄", "█"), ("▔", "▁", "▒"), ("'", ".", ":"),
    ]
    let ghost = ChartPen(style: theme[.ghost], ascii: ".", blocks: ("░", "░", "░"))
    return Array(repeating: ghost, count: ghosts.count)
      + series.indices.map { position in
        let i = max(0, series[position].paletteIndex ?? position)
        return ChartPen(
          style: theme[.series(i)], ascii: asciiMarks[i % asciiMarks.count],
          blocks: blockSets[i % blockSets.count])
      }
  }
}

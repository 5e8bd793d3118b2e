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

  /// The layout `draw` would use in `area`.
  public func layout(in area: Rect) -> ChartLayout {
    ChartLayout(plot: area, xRange: 0...1, yRange: 0...1, xTicks: [], yTicks: [])
  }

  public func draw(into buffer: inout Buffer, area: Rect) {
  }
}

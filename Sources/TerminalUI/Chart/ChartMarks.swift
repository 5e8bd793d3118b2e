/// Per-series marks: besides its colour, every series (and every ghost) gets a shape of its own,
/// stamped along its line every few columns and shown in the legend, so the curves stay
/// distinguishable in monochrome and for colour-blind readers. ASCII charts draw each series
/// with its own character already and need no stamps.
extension LineChart {
  /// Shapes for series (by palette index) and for ghosts (by position).
  public static let seriesMarks: [Character] = ["●", "▲", "■", "◆", "▼", "★"]
  public static let ghostMarks: [Character] = ["○", "△", "□", "◇"]

  /// The mark of the series at `position` (`series[position]`), or of ghost `ghost`.
  func mark(series position: Int) -> Character {
    if let m = series[position].mark { return m }
    let i = max(0, series[position].paletteIndex ?? position)
    return Self.seriesMarks[i % Self.seriesMarks.count]
  }
  func mark(ghost position: Int) -> Character {
    ghosts[position].mark ?? Self.ghostMarks[position % Self.ghostMarks.count]
  }

  /// Stamps each line's mark on its own cells, staggered so two lines' marks do not collide.
  func drawSeriesMarks(
    into buffer: inout Buffer, geometry: ChartGeometry, pens: [ChartPen], raster: ChartRaster
  ) {
    guard showsSeriesMarks, glyphMode != .ascii else { return }
    let plot = geometry.layout.plot
    guard plot.width >= 12, plot.height >= 3 else { return }
    let lines: [(ChartSeries, Character, ChartPen)] =
      ghosts.indices.map { (ghosts[$0], mark(ghost: $0), pens[$0]) }
      + series.indices.map { (series[$0], mark(series: $0), pens[ghosts.count + $0]) }
    // A lone line needs no shape to tell it apart.
    guard lines.count > 1 else { return }
    let spacing = max(8, plot.width / 6)
    let x = geometry.xMapping
    let y = geometry.yMapping
    let dotsY = raster.dotsY
    let dotsX = raster.dotsX
    for (k, (line, mark, pen)) in lines.enumerated() where line.count > 0 {
      let offset = (spacing * k) / lines.count + spacing / 2
      var column = offset
      while column < plot.width - 1 {
        defer { column += spacing }
        // The point nearest the column's centre.
        let fraction =
          (Double(column * dotsX) + Double(dotsX - 1) / 2) / Double(max(1, raster.width - 1))
        let xValue = x.lower + fraction * x.span
        guard let index = line.nearestIndex(to: xValue) else { continue }
        let value = line.ys[index]
        guard value.isFinite, y.accepts(value), let dot = y.dot(value, height: raster.height)
        else { continue }
        // Only where the line itself is drawn (not a gap, not off the x range).
        let px = (line.x(at: index) - x.lower) / x.span * Double(raster.width - 1)
        guard px >= 0, abs(px / Double(dotsX) - Double(column)) <= 1.5 else { continue }
        let row = dot / dotsY
        buffer[plot.x + column, plot.y + row] = Cell(mark, style: pen.style)
      }
    }
  }
}

extension ChartSeries {
  /// The index of the point whose x is nearest `x` (xs ascending, or implicit), nil if empty.
  func nearestIndex(to x: Double) -> Int? {
    guard count > 0 else { return nil }
    if xs.isEmpty {
      let i = Int(((x - xStart) / (xStep == 0 ? 1 : xStep)).rounded())
      return min(max(0, i), count - 1)
    }
    var lo = 0
    var hi = count - 1
    while lo < hi {
      let mid = (lo + hi) / 2
      if xs[mid] < x { lo = mid + 1 } else { hi = mid }
    }
    if lo > 0, abs(xs[lo - 1] - x) <= abs(xs[lo] - x) { return lo - 1 }
    return lo
  }
}

import Foundation

/// The chart's layout plus the data → [0, 1] mappings used to place dots.
struct ChartGeometry {
  var layout: ChartLayout
  var area: Rect
  var yLabels: [(row: Int, text: String)]
  var xLabels: [(column: Int, text: String)]
  var secondaryLabels: [(column: Int, text: String)]
  var labelRow: Int?
  var secondaryRow: Int?
  var xMapping: AxisMapping
  var yMapping: AxisMapping
}

extension LineChart {
  /// Data extent of all series and ghosts: x over all points, y over finite (positive on log) values.
  func dataExtent() -> (x: ClosedRange<Double>?, y: ClosedRange<Double>?) {
    var xLo = Double.infinity
    var xHi = -Double.infinity
    var yLo = Double.infinity
    var yHi = -Double.infinity
    let log = yScale == .log10
    for s in series + ghosts {
      let ys = s.ys
      var firstValid = -1
      var lastValid = -1
      for i in 0..<ys.count {
        let y = ys[i]
        guard y.isFinite, !log || y > 0 else { continue }
        if !s.xs.isEmpty {
          let x = s.xs[i]
          guard x.isFinite else { continue }
          xLo = min(xLo, x)
          xHi = max(xHi, x)
        }
        if firstValid < 0 { firstValid = i }
        lastValid = i
        if y < yLo { yLo = y }
        if y > yHi { yHi = y }
      }
      if s.xs.isEmpty, firstValid >= 0 {
        let a = s.x(at: firstValid)
        let b = s.x(at: lastValid)
        xLo = min(xLo, a, b)
        xHi = max(xHi, a, b)
      }
    }
    return (xLo <= xHi ? xLo...xHi : nil, yLo <= yHi ? yLo...yHi : nil)
  }

  func resolvedXRange(_ extent: ClosedRange<Double>?) -> ClosedRange<Double> {
    if let xRange, xRange.lowerBound.isFinite, xRange.upperBound.isFinite {
      return xRange.lowerBound < xRange.upperBound
        ? xRange : xRange.lowerBound...(xRange.lowerBound + 1)
    }
    guard let extent else { return 0...1 }
    return extent.lowerBound < extent.upperBound
      ? extent : extent.lowerBound...(extent.lowerBound + 1)
  }

  func resolvedYRange(_ extent: ClosedRange<Double>?, maxTicks: Int) -> ClosedRange<Double> {
    if let yRange, yRange.lowerBound.isFinite, yRange.upperBound.isFinite,
      yRange.lowerBound < yRange.upperBound, yScale == .linear || yRange.lowerBound > 0
    {
      return yRange
    }
    switch yScale {
    case .log10:
      guard let extent else { return 1e-3...1 }
      // The nearest 1-2-5 values around the data, so a run ending just above a decade does not
      // waste a whole decade of height.
      var lo = AxisTicks.nice125(atMost: extent.lowerBound)
      var hi = AxisTicks.nice125(atLeast: extent.upperBound)
      if hi <= lo {
        lo /= 10
        hi *= 10
      }
      return lo...hi
    case .linear:
      guard var lo = extent?.lowerBound, var hi = extent?.upperBound else { return 0...1 }
      if lo == hi {
        let pad = lo == 0 ? 1 : abs(lo) * 0.1
        lo -= pad
        hi += pad
      }
      // The widest nice step whose expanded range still has at most `maxTicks` ticks.
      var count = max(1, maxTicks)
      while true {
        let step = AxisTicks.niceStep(span: hi - lo, maxCount: count)
        let l = floor(lo / step) * step
        let h = ceil(hi / step) * step
        if Int(((h - l) / step).rounded()) + 1 <= maxTicks || count == 1 { return l...h }
        count -= 1
      }
    }
  }

  func computeLayout(in area: Rect) -> ChartGeometry {
    let extent = dataExtent()
    let xr = resolvedXRange(extent.x)
    let titleRows = title.isEmpty ? 0 : 1
    var bottomRows = 2 + (secondaryX == nil ? 0 : 1)
    while bottomRows > 1 && area.height - titleRows - bottomRows < 3 { bottomRows -= 1 }
    let plotHeight = area.height - titleRows - bottomRows
    let maxYTicks = max(2, plotHeight / 3 + 1)
    let yr = resolvedYRange(extent.y, maxTicks: maxYTicks)
    var yTicks: [Double]
    var yTexts: [String]
    switch yScale {
    case .log10:
      yTicks = AxisTicks.log(yr, maxCount: maxYTicks)
      yTexts = yTicks.map(AxisTicks.logLabel)
    case .linear:
      let (ticks, step) = AxisTicks.linear(yr, maxCount: maxYTicks)
      yTicks = ticks
      yTexts = ticks.map { AxisTicks.label($0, step: step) }
    }
    let gutter = min(yTexts.map(\.count).max() ?? 0, max(0, area.width / 3))
    let plot = Rect(
      x: area.x + gutter + 1, y: area.y + titleRows, width: area.width - gutter - 1,
      height: max(0, plotHeight))
    let xMapping = AxisMapping(range: xr, scale: .linear)
    let yMapping = AxisMapping(range: yr, scale: yScale)
    var geometry = ChartGeometry(
      layout: ChartLayout(
        plot: plot, xRange: xr, yRange: yr, xTicks: [], yTicks: [],
        dotsPerColumn: ChartRaster(columns: 0, rows: 0, mode: glyphMode).dotsX), area: area,
      yLabels: [], xLabels: [], secondaryLabels: [], labelRow: nil, secondaryRow: nil,
      xMapping: xMapping, yMapping: yMapping)
    guard plot.width >= 2, plot.height >= 1 else {
      geometry.layout.plot = Rect(x: area.x, y: area.y, width: 0, height: 0)
      return geometry
    }
    // Y labels at the cell row their value's dot falls in; a row already labelled is skipped.
    let dotsY = ChartRaster(columns: 0, rows: 0, mode: glyphMode).dotsY
    let dotHeight = plot.height * dotsY
    var usedRows = Set<Int>()
    var keptY: [Double] = []
    for (tick, text) in zip(yTicks, yTexts) {
      let f = yMapping.fraction(tick)
      guard f.isFinite, f >= -1e-9, f <= 1 + 1e-9 else { continue }
      let row = plot.y + (dotHeight - 1 - Int((f * Double(dotHeight - 1)).rounded())) / dotsY
      guard usedRows.insert(row).inserted else { continue }
      geometry.yLabels.append((row, text))
      keptY.append(tick)
    }
    geometry.layout.yTicks = keptY
    // X labels: as many nice ticks as fit with their labels apart.
    if bottomRows >= 2 { geometry.labelRow = plot.maxY + 1 }
    if bottomRows >= 3 { geometry.secondaryRow = plot.maxY + 2 }
    let estimate = max(
      AxisTicks.label(xr.lowerBound, step: 1).count, AxisTicks.label(xr.upperBound, step: 1).count)
    // About one label per 16 columns on wide charts, as many as fit on narrow ones.
    let maxXTicks = max(3, min(plot.width / (estimate + 5), 2 + plot.width / 16))
    let (xTicks, xStep) = AxisTicks.linear(xr, maxCount: maxXTicks)
    geometry.layout.xTicks = xTicks
    geometry.xLabels = xTicks.compactMap { tick in
      geometry.layout.column(forX: tick).map { ($0, AxisTicks.label(tick, step: xStep)) }
    }
    if let secondary = secondaryX, secondary.primaryPerUnit > 0 {
      let lo = (xr.lowerBound - secondary.offset) / secondary.primaryPerUnit
      let hi = (xr.upperBound - secondary.offset) / secondary.primaryPerUnit
      if hi > lo {
        var (ticks, step) = AxisTicks.linear(lo...hi, maxCount: maxXTicks)
        if step < 1 {
          (ticks, step) = (stride(from: ceil(lo), through: floor(hi), by: 1).map { $0 }, 1)
        }
        geometry.secondaryLabels = ticks.compactMap { tick in
          geometry.layout.column(forX: secondary.offset + tick * secondary.primaryPerUnit).map {
            ($0, AxisTicks.label(tick, step: step))
          }
        }
      }
    }
    return geometry
  }
}

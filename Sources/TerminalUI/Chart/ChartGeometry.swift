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
  var mapX: (Double) -> Double
  var mapY: (Double) -> Double
}

extension LineChart {
  /// Data extent of all series and ghosts: x over all points, y over finite (positive on log) values.
  func dataExtent() -> (x: ClosedRange<Double>?, y: ClosedRange<Double>?) {
    var xLo = Double.infinity
    var xHi = -Double.infinity
    var yLo = Double.infinity
    var yHi = -Double.infinity
    for s in series + ghosts {
      for i in 0..<s.count {
        let y = s.ys[i]
        guard y.isFinite, yScale == .linear || y > 0 else { continue }
        let x = s.x(at: i)
        guard x.isFinite else { continue }
        xLo = min(xLo, x)
        xHi = max(xHi, x)
        yLo = min(yLo, y)
        yHi = max(yHi, y)
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
      var lo = pow(10, floor(log10(extent.lowerBound) + 1e-9))
      var hi = pow(10, ceil(log10(extent.upperBound) - 1e-9))
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
    let lx = xr.lowerBound
    let sx = xr.upperBound - xr.lowerBound
    let mapX: (Double) -> Double = { ($0 - lx) / sx }
    let mapY: (Double) -> Double
    switch yScale {
    case .log10:
      let l0 = log10(yr.lowerBound)
      let span = log10(yr.upperBound) - l0
      mapY = { $0 > 0 ? (log10($0) - l0) / span : .nan }
    case .linear:
      let l0 = yr.lowerBound
      let span = yr.upperBound - yr.lowerBound
      mapY = { ($0 - l0) / span }
    }
    var geometry = ChartGeometry(
      layout: ChartLayout(
        plot: plot, xRange: xr, yRange: yr, xTicks: [], yTicks: [],
        dotsPerColumn: ChartRaster(columns: 0, rows: 0, mode: mode).dotsX), area: area,
      yLabels: [], xLabels: [], secondaryLabels: [], labelRow: nil, secondaryRow: nil, mapX: mapX,
      mapY: mapY)
    guard plot.width >= 2, plot.height >= 1 else {
      geometry.layout.plot = Rect(x: area.x, y: area.y, width: 0, height: 0)
      return geometry
    }
    // Y labels at the cell row their value's dot falls in; a row already labelled is skipped.
    let dotsY = ChartRaster(columns: 0, rows: 0, mode: mode).dotsY
    let dotHeight = plot.height * dotsY
    var usedRows = Set<Int>()
    var keptY: [Double] = []
    for (tick, text) in zip(yTicks, yTexts) {
      let f = mapY(tick)
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
    let maxXTicks = max(2, plot.width / (estimate + 4))
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

/// How chart dots become characters.
public enum ChartGlyphMode: String, Sendable, Hashable, CaseIterable {
  /// 2×4 dots per cell (U+2800…U+28FF).
  case braille
  /// 1×2 per cell with half blocks (▀▄█); each series its own glyph set.
  case blocks
  /// 1×1 per cell, one ASCII marker per series (`*`, `+`, `o`, `x`, `#`, `%`; ghosts `.`).
  case ascii
}

public enum AxisScale: String, Sendable, Hashable {
  case linear
  /// log10; values ≤ 0 are not drawn (gaps).
  case log10
}

/// One line of the chart: y values at x positions. Non-finite values (NaN, ±Inf) leave gaps.
public struct ChartSeries: Sendable, Equatable {
  public var name: String
  /// Explicit x positions (same count as `ys`); when empty, x = `xStart + i * xStep`.
  public var xs: [Double]
  public var ys: [Double]
  public var xStart: Double
  public var xStep: Double
  /// Which theme series style (and ASCII/block glyph) to use; nil = the series' position. Lets a
  /// screen keep "val loss" looking the same whether or not other series are shown.
  public var paletteIndex: Int?
  /// The shape stamped along the line and shown in the legend; nil = the palette's
  /// (`LineChart.seriesMarks`, ghosts `LineChart.ghostMarks`).
  public var mark: Character? = nil

  /// Points at x = xStart, xStart + xStep, … (the usual "value per step").
  public init(
    name: String, ys: [Double], xStart: Double = 0, xStep: Double = 1, paletteIndex: Int? = nil
  ) {
    self.paletteIndex = paletteIndex
    self.name = name
    self.xs = []
    self.ys = ys
    self.xStart = xStart
    self.xStep = xStep
  }

  /// Points at explicit x positions (e.g. validation loss once per epoch).
  public init(name: String, xs: [Double], ys: [Double], paletteIndex: Int? = nil) {
    self.paletteIndex = paletteIndex
    self.name = name
    let n = min(xs.count, ys.count)
    self.xs = Array(xs.prefix(n))
    self.ys = Array(ys.prefix(n))
    self.xStart = 0
    self.xStep = 1
  }

  public var count: Int { ys.count }

  @inline(__always) public func x(at index: Int) -> Double {
    xs.isEmpty ? xStart + Double(index) * xStep : xs[index]
  }
}

/// A labelled vertical line at an x position ("milestone", "warmup end", "peak", …).
public struct ChartMarker: Sendable, Equatable {
  public var x: Double
  public var label: String
  public init(x: Double, label: String) {
    self.x = x
    self.label = label
  }
}

/// A second row of x labels in another unit, e.g. epochs under steps.
public struct SecondaryXAxis: Sendable, Equatable {
  public var name: String
  /// Primary x units per secondary unit (steps per epoch).
  public var primaryPerUnit: Double
  public var offset: Double
  public init(name: String, primaryPerUnit: Double, offset: Double = 0) {
    self.name = name
    self.primaryPerUnit = primaryPerUnit
    self.offset = offset
  }
}

/// Where things landed when the chart was laid out in an area: lets callers map a mouse column to
/// an x value (scrubbing) and tests check ranges.
public struct ChartLayout: Sendable, Equatable {
  /// The cells holding data (inside the axes).
  public var plot: Rect
  public var xRange: ClosedRange<Double>
  /// In data units (not log-transformed).
  public var yRange: ClosedRange<Double>
  public var xTicks: [Double]
  public var yTicks: [Double]
  /// Horizontal dots per cell (2 for braille, 1 otherwise).
  public var dotsPerColumn: Int

  var dotWidth: Int { max(1, plot.width * dotsPerColumn) }

  /// The x value at the centre of a plot column (clamped to the plot).
  public func xValue(atColumn column: Int) -> Double {
    guard dotWidth > 1 else { return xRange.lowerBound }
    let c = min(max(column - plot.x, 0), plot.width - 1)
    let dot = min(dotWidth - 1, c * dotsPerColumn + dotsPerColumn / 2)
    return xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * Double(dot)
      / Double(dotWidth - 1)
  }

  /// The plot column showing `x` (the column its dots fall in), or nil outside the range.
  public func column(forX x: Double) -> Int? {
    guard x.isFinite, xRange.contains(x), !plot.isEmpty else { return nil }
    let span = xRange.upperBound - xRange.lowerBound
    let f = span > 0 ? (x - xRange.lowerBound) / span : 0
    return plot.x + Int((f * Double(dotWidth - 1)).rounded()) / dotsPerColumn
  }
}

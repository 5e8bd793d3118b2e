import Foundation

/// How one series looks: its style, its ASCII marker and its block glyphs (upper, lower, both).
struct ChartPen: Sendable {
  var style: Style
  var ascii: Character
  var blocks: (upper: Character, lower: Character, both: Character)
}

/// The dot grid behind a chart: per cell, the dots set and the pen that last drew there (the later
/// series wins a shared cell; dots are combined).
struct ChartRaster {
  let columns: Int
  let rows: Int
  let dotsX: Int
  let dotsY: Int
  var bits: [UInt8]
  var owner: [Int16]
  /// The pen `plot` draws with.
  var currentPen: Int16 = 0

  init(columns: Int, rows: Int, mode: ChartGlyphMode) {
    self.columns = max(0, columns)
    self.rows = max(0, rows)
    switch mode {
    case .braille: (dotsX, dotsY) = (2, 4)
    case .blocks: (dotsX, dotsY) = (1, 2)
    case .ascii: (dotsX, dotsY) = (1, 1)
    }
    bits = Array(repeating: 0, count: self.columns * self.rows)
    owner = Array(repeating: -1, count: self.columns * self.rows)
  }

  var width: Int { columns * dotsX }
  var height: Int { rows * dotsY }

  @inline(__always) mutating func set(_ x: Int, _ y: Int, pen: Int16) {
    guard x >= 0, y >= 0, x < width, y < height else { return }
    let cell = (y / dotsY) * columns + x / dotsX
    let bit: UInt8
    if dotsY == 4 {
      // Braille dots 1,2,3,7 run down the left column, 4,5,6,8 down the right.
      let r = y & 3
      let left: UInt8 = r == 3 ? 0x40 : UInt8(1) << UInt8(r)
      bit = (x & 1) == 0 ? left : (r == 3 ? 0x80 : UInt8(8) << UInt8(r))
    } else if dotsY == 2 {
      bit = (y & 1) == 0 ? 1 : 2
    } else {
      bit = 1
    }
    bits[cell] |= bit
    owner[cell] = pen
  }

  mutating func verticalLine(_ x: Int, from y0: Int, to y1: Int, pen: Int16) {
    for y in min(y0, y1)...max(y0, y1) { set(x, y, pen: pen) }
  }

  /// Bresenham line between two dots.
  mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, pen: Int16) {
    var x = x0
    var y = y0
    let dx = abs(x1 - x0)
    let dy = -abs(y1 - y0)
    let sx = x0 < x1 ? 1 : -1
    let sy = y0 < y1 ? 1 : -1
    var err = dx + dy
    while true {
      set(x, y, pen: pen)
      if x == x1 && y == y1 { break }
      let e2 = 2 * err
      if e2 >= dy {
        err += dy
        x += sx
      }
      if e2 <= dx {
        err += dx
        y += sy
      }
    }
  }

  /// Draws a series, downsampled per dot column: each column gets one vertical stroke from its
  /// lowest to its highest value, joined to the previous column unless a gap (a non-finite value,
  /// or ≤ 0 on a log axis) lies between. Only each column's extremes and ends go through the
  /// (possibly logarithmic) y mapping, so the cost is O(points) cheap steps plus O(dots).
  mutating func plot(_ series: ChartSeries, x: AxisMapping, y: AxisMapping) {
    guard width > 0, height > 0 else { return }
    let w = Double(width - 1)
    let ys = series.ys
    let xs = series.xs
    let implicit = xs.isEmpty
    let scale = w / x.span
    let offset = -x.lower * scale
    let lowLimit = -1e-9 * w
    let highLimit = w * (1 + 1e-9)
    let isLog = y.isLog
    var column = Int.min
    var yMin = 0.0
    var yMax = 0.0
    var yFirst = 0.0
    var yLast = 0.0
    var hasPrevious = false
    var previousColumn = 0
    var previousY = 0.0
    var active = false
    for i in 0..<ys.count {
      let value = ys[i]
      let xv = implicit ? series.xStart + Double(i) * series.xStep : xs[i]
      let fx = xv * scale + offset
      guard value.isFinite, !isLog || value > 0, fx >= lowLimit, fx <= highLimit else {
        if active {
          stroke(column, yMin, yMax, yFirst, hasPrevious, previousColumn, previousY, y)
          active = false
        }
        hasPrevious = false
        continue
      }
      let c = Int(fx + 0.5)  // fx ≥ 0 here: round half up without a libm call
      if active && c == column {
        if value < yMin { yMin = value }
        if value > yMax { yMax = value }
        yLast = value
        continue
      }
      if active {
        stroke(column, yMin, yMax, yFirst, hasPrevious, previousColumn, previousY, y)
        hasPrevious = true
        previousColumn = column
        previousY = yLast
      }
      column = c
      yMin = value
      yMax = value
      yFirst = value
      yLast = value
      active = true
    }
    if active { stroke(column, yMin, yMax, yFirst, hasPrevious, previousColumn, previousY, y) }
  }

  /// One column's stroke, plus the join from the previous column's last point to its first.
  /// Kept out of line: inlined, the optimiser hoisted its log10 calls into the per-point loop.
  @inline(never)
  private mutating func stroke(
    _ column: Int, _ yMin: Double, _ yMax: Double, _ yFirst: Double, _ hasPrevious: Bool,
    _ previousColumn: Int, _ previousY: Double, _ y: AxisMapping
  ) {
    let pen = currentPen
    guard let top = y.dot(yMax, height: height), let bottom = y.dot(yMin, height: height) else {
      return
    }
    verticalLine(column, from: top, to: bottom, pen: pen)
    guard hasPrevious, let from = y.dot(previousY, height: height) else { return }
    let to = yFirst == yMax ? top : yFirst == yMin ? bottom : y.dot(yFirst, height: height) ?? top
    line(previousColumn, from, column, to, pen: pen)
  }

  /// The character for a cell, or nil when empty.
  func character(column: Int, row: Int, mode: ChartGlyphMode, pens: [ChartPen]) -> Character? {
    let index = row * columns + column
    let b = bits[index]
    guard b != 0, owner[index] >= 0 else { return nil }
    let pen = pens[Int(owner[index])]
    switch mode {
    case .braille: return ChartRaster.brailleCharacters[Int(b)]
    case .blocks: return b == 3 ? pen.blocks.both : b == 1 ? pen.blocks.upper : pen.blocks.lower
    case .ascii: return pen.ascii
    }
  }

  static let brailleCharacters: [Character] = (0..<256).map {
    Character(Unicode.Scalar(UInt32(0x2800 + $0)) ?? " ")
  }
}

/// Data → [0, 1] along one axis, linear or log10 (monotonic either way, so per-column extremes
/// can be found on raw values).
struct AxisMapping {
  var lower: Double
  var span: Double
  var isLog: Bool

  init(range: ClosedRange<Double>, scale: AxisScale) {
    isLog = scale == .log10
    if isLog {
      lower = Foundation.log10(range.lowerBound)
      span = Foundation.log10(range.upperBound) - lower
    } else {
      lower = range.lowerBound
      span = range.upperBound - range.lowerBound
    }
  }

  @inline(__always) func accepts(_ value: Double) -> Bool { !isLog || value > 0 }

  @inline(__always) func fraction(_ value: Double) -> Double {
    isLog ? (value > 0 ? (Foundation.log10(value) - lower) / span : .nan) : (value - lower) / span
  }

  /// The dot row (0 = top) of a value, or nil when it falls outside the range.
  func dot(_ value: Double, height: Int) -> Int? {
    let f = fraction(value)
    guard f.isFinite else { return nil }
    let clamped = min(1, max(0, f))
    guard abs(clamped - f) < 1e-9 else { return f > 1 ? 0 : height - 1 }
    return height - 1 - Int((clamped * Double(height - 1)).rounded())
  }
}

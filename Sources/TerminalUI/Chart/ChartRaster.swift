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

  private static let brailleBits: [[UInt8]] = [
    [0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80],
  ]

  @inline(__always) mutating func set(_ x: Int, _ y: Int, pen: Int16) {
    guard x >= 0, y >= 0, x < width, y < height else { return }
    let cell = (y / dotsY) * columns + x / dotsX
    let bit: UInt8
    switch (dotsX, dotsY) {
    case (2, 4): bit = ChartRaster.brailleBits[x & 1][y & 3]
    case (1, 2): bit = (y & 1) == 0 ? 1 : 2
    default: bit = 1
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
  /// lowest to its highest point, joined to the previous column unless a gap (non-finite or
  /// out-of-range value) lies between. Cost is O(points + dots).
  mutating func plot(
    _ series: ChartSeries, pen: Int16, mapX: (Double) -> Double, mapY: (Double) -> Double
  ) {
    let w = Double(width - 1)
    let h = Double(height - 1)
    guard width > 0, height > 0 else { return }
    var column = Int.min
    var lo = 0
    var hi = 0
    var last = 0
    var active = false
    for i in 0..<series.count {
      let fx = mapX(series.x(at: i))
      let fy = mapY(series.ys[i])
      guard fx.isFinite, fy.isFinite, fx >= -1e-9, fx <= 1 + 1e-9, fy >= -1e-9, fy <= 1 + 1e-9
      else {
        if active { verticalLine(column, from: lo, to: hi, pen: pen) }
        active = false
        column = Int.min
        continue
      }
      let x = Int((fx * w).rounded())
      let y = height - 1 - Int((fy * h).rounded())
      if active && x == column {
        lo = min(lo, y)
        hi = max(hi, y)
        last = y
        continue
      }
      if active {
        verticalLine(column, from: lo, to: hi, pen: pen)
        line(column, last, x, y, pen: pen)
      }
      column = x
      lo = y
      hi = y
      last = y
      active = true
    }
    if active { verticalLine(column, from: lo, to: hi, pen: pen) }
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

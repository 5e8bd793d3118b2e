/// A grid of cells that widgets draw into; the backend diffs two buffers and draws the change.
public struct Buffer: Sendable, Equatable {
  public private(set) var width: Int
  public private(set) var height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int, filling cell: Cell = .blank) {
    self.width = max(0, width)
    self.height = max(0, height)
    self.cells = Array(repeating: cell, count: self.width * self.height)
  }

  public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  public subscript(x: Int, y: Int) -> Cell {
    get { cells[y * width + x] }
    set { cells[y * width + x] = newValue }
  }

  public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

  /// Writes `text` from (x, y) on one line, clipped at `maxX` (default: the buffer's right edge).
  /// Wide graphemes that would straddle the clip edge are replaced by a space. Returns the x after
  /// the last cell written. Text must already be sanitised (no control characters).
  @discardableResult
  public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxX: Int? = nil)
    -> Int
  {
    guard y >= 0, y < height else { return x }
    let limit = min(maxX ?? width, width)
    var column = x
    for grapheme in text {
      let w = displayWidth(of: grapheme)
      if w == 0 { continue }
      if column + w > limit {
        if w == 2, column < limit, column >= 0 {
          clearWide(x: column, y: y)
          self[column, y] = Cell(" ", style: style)
        }
        break
      }
      if column >= 0 {
        clearWide(x: column, y: y)
        if w == 2 { clearWide(x: column + 1, y: y) }
        self[column, y] = Cell(grapheme, style: style, width: UInt8(w))
        if w == 2 { self[column + 1, y] = .continuation(style) }
      }
      column += w
    }
    return column
  }

  /// Fills `rect` (clipped to the buffer) with `cell`.
  public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
    let x0 = max(0, rect.x)
    let y0 = max(0, rect.y)
    let x1 = min(width, rect.maxX)
    let y1 = min(height, rect.maxY)
    guard x0 < x1, y0 < y1 else { return }
    // Wide graphemes cut by the rect's edges lose their outside half too (no orphan halves).
    for y in y0..<y1 {
      clearWide(x: x0, y: y)
      clearWide(x: x1 - 1, y: y)
    }
    for y in y0..<y1 { for x in x0..<x1 { self[x, y] = cell } }
  }

  /// Applies `transform` to the style of every cell in `rect` (e.g. to highlight a row).
  public mutating func restyle(_ rect: Rect, _ transform: (inout Style) -> Void) {
    let x0 = max(0, rect.x)
    let y0 = max(0, rect.y)
    let x1 = min(width, rect.maxX)
    let y1 = min(height, rect.maxY)
    guard x0 < x1, y0 < y1 else { return }
    for y in y0..<y1 { for x in x0..<x1 { transform(&cells[y * width + x].style) } }
  }

  /// Overwriting half of a wide grapheme blanks its other half, so no orphan half remains.
  private mutating func clearWide(x: Int, y: Int) {
    guard contains(x: x, y: y) else { return }
    let cell = self[x, y]
    if cell.width == 2, x + 1 < width { self[x + 1, y] = Cell(" ", style: cell.style) }
    if cell.width == 0, x > 0 { self[x - 1, y] = Cell(" ", style: self[x - 1, y].style) }
  }

  /// The text content, one line per row, trailing spaces trimmed: what `capture-pane` would show.
  public func plainText() -> String {
    var lines: [String] = []
    lines.reserveCapacity(height)
    for y in 0..<height {
      var line = ""
      for x in 0..<width where self[x, y].width != 0 { line.append(self[x, y].grapheme) }
      while line.last == " " { line.removeLast() }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }
}

/// A run of changed cells on one row, for the backend to draw left to right. A wide cell is
/// followed by no entry for its continuation half: the backend advances x by `cell.width`.
public struct CellChange: Sendable, Equatable {
  public var x: Int
  public var y: Int
  public var cells: [Cell]
  public init(x: Int, y: Int, cells: [Cell]) {
    self.x = x
    self.y = y
    self.cells = cells
  }
}

extension Buffer {
  /// The runs of cells that differ from `previous`, row by row. When the sizes differ, every
  /// cell is reported (the backend clears and redraws). A change in either half of a wide
  /// grapheme reports the grapheme's lead cell.
  public func changes(from previous: Buffer) -> [CellChange] {
    let sameSize = previous.width == width && previous.height == height
    var result: [CellChange] = []
    for y in 0..<height {
      let row = y * width
      var run: CellChange? = nil
      var x = 0
      while x < width {
        let cell = cells[row + x]
        if cell.width == 0 {  // an orphan continuation (should not happen): treat as a blank
          let changed = !sameSize || previous.cells[row + x] != cell
          if changed {
            if run == nil { run = CellChange(x: x, y: y, cells: []) }
            run!.cells.append(Cell(" ", style: cell.style))
          } else if let r = run {
            result.append(r)
            run = nil
          }
          x += 1
          continue
        }
        let span = (cell.width == 2 && x + 1 < width) ? 2 : 1
        var changed = !sameSize
        if !changed {
          for i in 0..<span where previous.cells[row + x + i] != cells[row + x + i] {
            changed = true
            break
          }
        }
        if changed {
          if run == nil { run = CellChange(x: x, y: y, cells: []) }
          run!.cells.append(cell)
        } else if let r = run {
          result.append(r)
          run = nil
        }
        x += span
      }
      if let r = run { result.append(r) }
    }
    return result
  }
}

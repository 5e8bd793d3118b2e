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
    cells.withUnsafeBufferPointer { cells in
      previous.cells.withUnsafeBufferPointer { old in
        for y in 0..<height {
          let row = y * width
          var runStart = -1
          var runCells: [Cell] = []
          var x = 0
          while x < width {
            let span = cells[row + x].width == 2 && x + 1 < width ? 2 : 1
            var changed = !sameSize
            if !changed {
              for i in 0..<span where !sameCell(old, cells, row + x + i) {
                changed = true
                break
              }
            }
            if changed {
              if runStart < 0 { runStart = x }
              var cell = cells[row + x]
              // An orphan continuation (should not happen) is drawn as a blank.
              if cell.width == 0 { cell = Cell(" ", style: cell.style) }
              runCells.append(cell)
            } else if runStart >= 0 {
              result.append(CellChange(x: runStart, y: y, cells: runCells))
              runStart = -1
              runCells = []
            }
            x += span
          }
          if runStart >= 0 { result.append(CellChange(x: runStart, y: y, cells: runCells)) }
        }
      }
    }
    return result
  }
}

/// Whether two cells at `index` are equal: first by their raw bytes (identical bytes mean the same
/// inline grapheme or the same storage, style and width, and need no reference counting), then by
/// value. Differing bytes of equal cells (e.g. padding) only cost the slower check.
@inline(__always)
private func sameCell(_ a: UnsafeBufferPointer<Cell>, _ b: UnsafeBufferPointer<Cell>, _ index: Int)
  -> Bool
{
  guard let baseA = a.baseAddress, let baseB = b.baseAddress else { return false }
  let pa = UnsafeRawPointer(baseA + index)
  let pb = UnsafeRawPointer(baseB + index)
  let size = MemoryLayout<Cell>.size
  var offset = 0
  var identical = true
  while offset + 8 <= size {
    if pa.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      != pb.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
    {
      identical = false
      break
    }
    offset += 8
  }
  while identical && offset < size {
    if pa.load(fromByteOffset: offset, as: UInt8.self)
      != pb.load(fromByteOffset: offset, as: UInt8.self)
    {
      identical = false
    }
    offset += 1
  }
  return identical || a[index] == b[index]
}

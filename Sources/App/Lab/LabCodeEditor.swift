import Markdown

/// The code panel as a small text editor: the learner types PyTorch, errors show at their spot.
public struct LabCodeEditor: Sendable, Equatable {
  public var lines: [String]
  /// 0-based cursor position (column in characters).
  public var row = 0
  public var column = 0
  /// The error in the text as it stands (checked after every edit).
  public var problem: LabProblem?
  /// Esc was pressed on code with an error: a second Esc discards the edit.
  public var discardArmed = false
  /// The generation of the background check of this text, while it runs (`problem` is then
  /// the previous text's).
  public var checking: Int?
  /// Esc was pressed while the check ran: apply (or explain the error) when it answers.
  public var applyWhenChecked = false
  /// The generation of the background apply, while the run is being prepared (keys wait).
  public var applying: Int?

  public init(text: String) {
    lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.isEmpty { lines = [""] }
    row = lines.count - 1
    column = lines[row].count
  }

  public var text: String { lines.joined(separator: "\n") }

  /// Applies an editing key; returns false for keys the editor does not use.
  public mutating func handle(_ key: Key) -> Bool {
    discardArmed = false
    switch key {
    case .char(let c):
      insert(String(c))
    case .tab:
      insert("    ")
    case .enter:
      let line = Array(lines[row])
      lines[row] = String(line[..<column])
      lines.insert(String(line[column...]), at: row + 1)
      row += 1
      column = 0
    case .backspace:
      if column > 0 {
        var line = Array(lines[row])
        line.remove(at: column - 1)
        lines[row] = String(line)
        column -= 1
      } else if row > 0 {
        column = lines[row - 1].count
        lines[row - 1] += lines[row]
        lines.remove(at: row)
        row -= 1
      }
    case .delete:
      if column < lines[row].count {
        var line = Array(lines[row])
        line.remove(at: column)
        lines[row] = String(line)
      } else if row + 1 < lines.count {
        lines[row] += lines[row + 1]
        lines.remove(at: row + 1)
      }
    case .left:
      if column > 0 {
        column -= 1
      } else if row > 0 {
        row -= 1
        column = lines[row].count
      }
    case .right:
      if column < lines[row].count {
        column += 1
      } else if row + 1 < lines.count {
        row += 1
        column = 0
      }
    case .up:
      if row > 0 { row -= 1 }
      column = min(column, lines[row].count)
    case .down:
      if row + 1 < lines.count { row += 1 }
      column = min(column, lines[row].count)
    case .home:
      column = 0
    case .end:
      column = lines[row].count
    default:
      return false
    }
    return true
  }

  /// Inserts pasted text at the cursor, in one edit: line breaks split lines, tabs become
  /// spaces, control characters and escape sequences become U+FFFD (the TUI's sanitiser).
  public mutating func paste(_ text: String) {
    discardArmed = false
    let pieces = Sanitizer.clean(text).split(separator: "\n", omittingEmptySubsequences: false)
    guard let first = pieces.first else { return }
    if pieces.count == 1 {
      insert(String(first))
      return
    }
    let line = Array(lines[row])
    let before = String(line[..<column])
    let after = String(line[column...])
    var inserted = [before + first]
    inserted += pieces.dropFirst().dropLast().map(String.init)
    let last = String(pieces[pieces.count - 1])
    inserted.append(last + after)
    lines.replaceSubrange(row...row, with: inserted)
    row += pieces.count - 1
    column = last.count
  }

  private mutating func insert(_ text: String) {
    var line = Array(lines[row])
    line.insert(contentsOf: Array(text), at: column)
    lines[row] = String(line)
    column += text.count
  }
}

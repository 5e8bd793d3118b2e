import TerminalUI

/// The code panel: the PyTorch the run uses, wrapped to the panel, with the error's caret and a
/// line saying how the loop steps the scheduler.
extension LabState {
  struct CodeRow: Equatable {
    var text: String
    var style: Style
    /// Column of the editor's cursor on this row, if it is here.
    var cursor: Int?
  }

  func codePanelLines(width: Int, style: LabStyle) -> [CodeRow] {
    let w = max(width, 10)
    let source =
      editor?.lines
      ?? code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let shownProblem = editor?.problem ?? problem
    var rows: [CodeRow] = []
    for (index, line) in source.enumerated() {
      let chars = Array(line)
      var start = 0
      repeat {
        let piece = String(chars[start..<min(start + w, chars.count)])
        var cursor: Int?
        if let e = editor, e.row == index, e.column >= start,
          e.column < start + w || (e.column == chars.count && start + w >= chars.count)
        {
          cursor = e.column - start
        }
        rows.append(CodeRow(text: piece, style: style.app.code, cursor: cursor))
        start += w
      } while start < chars.count
      if let p = shownProblem, p.line == index + 1, let column = p.column {
        let offset = (column - 1) % w
        let caret = String(repeating: " ", count: offset) + "^ " + p.message
        rows.append(CodeRow(text: caret, style: style.app.wrong, cursor: nil))
      }
    }
    if let p = shownProblem, p.line == nil {
      rows.append(CodeRow(text: p.message, style: style.app.wrong, cursor: nil))
    }
    rows.append(CodeRow(text: loopSummary, style: style.app.dim, cursor: nil))
    return rows
  }

  /// The training loop in one line: where and how often `scheduler.step()` runs.
  var loopSummary: String {
    let every = config.effectiveStepEvery(typedClassNames: facts.classNames)
    let argument =
      needsMetric && config.mistake != .noMetric
      ? (config.metric == .val ? "val_loss" : "train_loss") : ""
    let order =
      config.mistake == .schedulerFirst
      ? "scheduler.step(\(argument)) BEFORE optimizer.step()"
      : "optimizer.step() then scheduler.step(\(argument))"
    return "# loop: \(order), every \(every.rawValue), for \(config.epochs) epochs"
  }

  func drawCode(_ rows: [CodeRow], into buffer: inout Buffer, area: Rect, style: LabStyle) {
    guard area.height >= 3 else { return }
    let title =
      editor != nil
      ? "PyTorch · editing (Esc applies)"
      : showsModel ? "PyTorch · the model (M: the code)" : "PyTorch · e edits · M the model"
    let inner = style.box(&buffer, area, title, focused: editor != nil)
    // Keep the cursor's row visible while editing.
    let cursorRow = rows.firstIndex { $0.cursor != nil } ?? 0
    let first = max(0, min(cursorRow - inner.height + 2, rows.count - inner.height))
    for (i, row) in rows.dropFirst(first).prefix(inner.height).enumerated() {
      buffer.put(row.text, x: inner.x, y: inner.y + i, style: row.style, maxX: inner.maxX)
      if let c = row.cursor, inner.x + c < inner.maxX {
        let x = inner.x + c
        let existing = buffer[x, inner.y + i]
        var s = existing.style
        s.attributes.insert(.reverse)
        buffer[x, inner.y + i] = Cell(existing.width == 0 ? " " : existing.grapheme, style: s)
      }
    }
  }
}

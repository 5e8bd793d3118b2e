import Doctor
import Foundation
import TerminalUI

/// The code panel: the PyTorch the run uses, wrapped to the panel, with the error's caret and a
/// line saying how the loop steps the scheduler.
extension LabState {
  struct CodeRow: Equatable {
    var text: String
    var style: Style
    /// Column of the editor's cursor on this row, if it is here.
    var cursor: Int?
    /// Cells of continuation marker at the row's start (drawn dim).
    var markerWidth = 0
    /// A doctor finding's caret row (the panel scrolls to the first one when not editing).
    var marksFinding = false
  }

  /// The continuation marker that starts a wrapped code row.
  static func continuationMarker(unicode: Bool) -> String { unicode ? "↪ " : "> " }

  /// Where a code line of `count` characters wraps: ranges of at most `width` (the first row)
  /// or `width - 2` (continuation rows, after the marker), broken after a space, comma or
  /// opening bracket in the second half of the row when there is one, else at the width.
  static func wrapRanges(_ chars: [Character], width: Int) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var start = 0
    repeat {
      let room = max(ranges.isEmpty ? width : width - 2, 4)
      var end = min(start + room, chars.count)
      if end < chars.count {
        let floor = start + room / 2
        if let cut = (floor..<end).reversed().first(where: { " ,([".contains(chars[$0]) }) {
          end = cut + 1
        }
      }
      ranges.append(start..<end)
      start = end
    } while start < chars.count
    return ranges
  }

  /// The code panel's rows: the snippet, or the model's PyTorch code while `M` shows it.
  func panelLines(width: Int, style: LabStyle) -> [CodeRow] {
    showsModel && editor == nil
      ? modelPanelLines(width: width, style: style) : codePanelLines(width: width, style: style)
  }

  func codePanelLines(width: Int, style: LabStyle) -> [CodeRow] {
    var w = max(width, 10)
    let marker = Self.continuationMarker(unicode: style.unicode)
    let source =
      editor?.lines
      ?? code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let shownProblem = editor?.problem ?? problem
    // A whole script: the doctor's findings beside the code (LabDoctor.swift).
    let doctor = LabDoctor.annotations(for: source)
    let gutterWidth = doctor.isActive ? 2 : 0
    if doctor.isActive { w = max(w - gutterWidth, 8) }
    var rows: [CodeRow] = []
    for (index, line) in source.enumerated() {
      let chars = Array(line)
      let ranges = Self.wrapRanges(chars, width: w)
      var caretRow: (row: Int, offset: Int)?
      for (k, range) in ranges.enumerated() {
        let gutter =
          k == 0 ? doctor.gutter(line: index + 1) : String(repeating: " ", count: gutterWidth)
        let prefix = k == 0 ? "" : marker
        var cursor: Int?
        if let e = editor, e.row == index,
          range.contains(e.column) || (e.column == range.upperBound && k == ranges.count - 1)
        {
          cursor = gutterWidth + prefix.count + e.column - range.lowerBound
        }
        let piece = String(chars[range])
        // The marker is dim (it is not code); the code keeps the code style.
        rows.append(
          CodeRow(
            text: gutter + prefix + piece, style: style.app.code, cursor: cursor,
            markerWidth: k == 0 ? 0 : gutterWidth + prefix.count))
        if let p = shownProblem, p.line == index + 1, let column = p.column,
          range.contains(column - 1) || (k == ranges.count - 1 && column - 1 >= range.upperBound)
        {
          caretRow = (rows.count - 1, gutterWidth + prefix.count + column - 1 - range.lowerBound)
        }
      }
      if let p = shownProblem, p.line == index + 1, let caret = caretRow {
        // The message under its spot, word-wrapped (never cut): "^ unexpected name 'bad'".
        // Every row of the message starts under the caret's text, so wrap to what is left.
        let offset = min(caret.offset, max(w - 24, 0))
        let wrapped = wrap(p.message, width: max(w - offset - 2, 1))
        for (k, piece) in wrapped.enumerated() {
          let lead = String(repeating: " ", count: offset) + (k == 0 ? "^ " : "  ")
          rows.append(
            CodeRow(
              text: lead + piece.trimmingCharacters(in: .whitespaces), style: style.app.wrong,
              cursor: nil))
        }
      }
      for row in doctor.rows(line: index + 1, width: w) {
        rows.append(
          CodeRow(
            text: row.text, style: row.severity == Severity.info ? style.app.dim : style.app.wrong,
            cursor: nil, marksFinding: row.text.hasSuffix("^")))
      }
    }
    if let p = shownProblem, p.line == nil {
      for piece in wrap(p.message, width: w) {
        rows.append(CodeRow(text: piece, style: style.app.wrong, cursor: nil))
      }
    }
    for (k, piece) in wrap(loopSummary, width: w).enumerated() {
      rows.append(CodeRow(text: (k == 0 ? "" : "  ") + piece, style: style.app.dim, cursor: nil))
    }
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

  private func inner0Height(_ area: Rect) -> Int { area.height - 2 }

  func drawCode(_ rows: [CodeRow], into buffer: inout Buffer, area: Rect, style: LabStyle) {
    guard area.height >= 3 else { return }
    let hidden = rows.count - inner0Height(area)
    var title =
      editor?.applying != nil
      ? "PyTorch · starting the run…"
      : editor?.checking != nil
        ? "PyTorch · editing · checking…"
        : editor != nil
          ? "PyTorch · editing (Esc applies)"
          : showsModel ? "PyTorch · the model (M: the code)" : "PyTorch · e edits · M the model"
    if hidden > 0 && editor == nil {
      // `e` edits the snippet, not the model: the model's whole code is in `P`'s script.
      title +=
        " · \(hidden) more line\(hidden == 1 ? "" : "s"): \(showsModel ? "P saves all" : "e shows all")"
    }
    let inner = style.box(&buffer, area, title, focused: editor != nil)
    // Keep the cursor's row visible while editing.
    let cursorRow =
      rows.firstIndex { $0.cursor != nil } ?? rows.firstIndex { $0.marksFinding }.map { $0 + 2 }
      ?? 0
    let first = max(0, min(cursorRow - inner.height + 2, rows.count - inner.height))
    for (i, row) in rows.dropFirst(first).prefix(inner.height).enumerated() {
      buffer.put(row.text, x: inner.x, y: inner.y + i, style: row.style, maxX: inner.maxX)
      if row.markerWidth > 0 {
        buffer.put(
          String(row.text.prefix(row.markerWidth)), x: inner.x, y: inner.y + i,
          style: style.app.dim, maxX: inner.maxX)
      }
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

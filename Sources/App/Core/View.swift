import Foundation
import TerminalUI

/// Draws the whole app into `buffer` (resized to the model's size). Pure.
public func view(_ model: AppModel, into buffer: inout Buffer) {
  if buffer.width != model.width || buffer.height != model.height {
    buffer = Buffer(width: model.width, height: model.height)
  } else {
    buffer.fill(buffer.area)
  }
  guard !model.isTooSmall else {
    model.viewTooSmall(into: &buffer)
    return
  }
  model.viewTitleBar(into: &buffer)
  switch model.top {
  case .home(let s): model.viewHome(s, into: &buffer)
  case .reader(let s): model.viewReader(s, into: &buffer)
  case .quiz(let s): model.viewQuiz(s, into: &buffer)
  case .schedulePreview(let s): model.viewSchedulePreview(s, into: &buffer)
  case .progress(let s): model.viewProgressScreen(s, into: &buffer)
  case .lab(let s): s.view(into: &buffer, context: model.labContext)
  }
  model.viewStatusLine(into: &buffer)
  if model.showsHelp { model.viewHelp(into: &buffer) }
  if model.confirmingQuit { model.viewQuitConfirm(into: &buffer) }
}

/// Convenience for tests and benchmarks: a fresh buffer with the frame.
public func render(_ model: AppModel) -> Buffer {
  var buffer = Buffer(width: model.width, height: model.height)
  view(model, into: &buffer)
  return buffer
}

extension AppModel {
  /// The keys that mean the same on every screen, ending each screen's help: `?` this help,
  /// `q`/Esc one step back (on Home: quit, after asking), Ctrl-C quit at once.
  static func everywhereKeys(back: String) -> [KeyHelp] {
    [
      KeyHelp("?", "help: this screen's keys"), KeyHelp("q / Esc", back),
      KeyHelp("Ctrl-C", "quit at once, from anywhere"),
    ]
  }

  /// Every key of the screen on top, for the help overlay.
  public var keyHelp: [KeyHelp] {
    switch top {
    case .home: Self.homeKeys
    case .reader: Self.readerKeys
    case .quiz: Self.quizKeys
    case .schedulePreview: Self.previewKeys
    case .progress: Self.progressKeys
    case .lab(let s): s.keyHelp
    }
  }

  /// The main keys, always on the status line.
  public var statusKeys: [KeyHelp] {
    switch top {
    case .home: Self.homeStatus
    case .reader: Self.readerStatus
    case .quiz(let s): s.choices.isEmpty ? Self.numericQuizStatus : Self.quizStatus
    case .schedulePreview: Self.previewStatus
    case .progress: Self.progressStatus
    case .lab(let s): s.statusKeys
    }
  }

  public var screenTitle: String {
    switch top {
    case .home: "Home"
    case .reader(let s): course.lessons[s.lessonIndex].title
    case .quiz(let s):
      course.lessons.first { $0.quizzes.contains { $0.id == s.quiz.id } }.map {
        "Quiz · " + $0.title
      } ?? "Quiz"
    case .schedulePreview(let s): "Schedule · " + (s.lab.title ?? s.lab.id)
    case .progress: "Progress"
    case .lab(let s): s.title
    }
  }

  func viewTitleBar(into buffer: inout Buffer) {
    buffer.fill(Rect(x: 0, y: 0, width: width, height: 1), with: Cell(" ", style: theme.titleBar))
    let summary = self.summary
    var parts = ["read \(summary.lessonsRead)/\(course.lessons.count)"]
    parts.append("quizzes \(summary.quizzesRight)/\(summary.quizzesTotal)")
    if summary.checkpointsTotal > 0, width >= 70 {
      parts.append("checkpoints \(summary.checkpointsMet)/\(summary.checkpointsTotal)")
    }
    var right = parts.joined(separator: glyphs.separator) + " "
    if case .reader(let s) = top { right = readerPosition(s) + glyphs.separator + right }
    let rightWidth = displayWidth(of: right)
    let left = StyledLine(" lrlab \(glyphs.pointer) \(screenTitle)", theme.titleBar)
    buffer.draw(
      left.truncated(to: max(0, width - rightWidth - 2), ellipsis: glyphs.ellipsis), x: 0, y: 0)
    buffer.put(right, x: width - rightWidth, y: 0, style: theme.titleBar)
  }

  func viewStatusLine(into buffer: inout Buffer) {
    let y = height - 1
    buffer.fill(Rect(x: 0, y: y, width: width, height: 1), with: Cell(" ", style: theme.statusBar))
    if let message = statusMessage ?? persistentNotice {
      var style = theme.statusBar
      style.attributes.insert(.bold)
      buffer.put(" " + message, x: 0, y: y, style: style)
      return
    }
    var spans: [Span] = [Span(" ", theme.statusBar)]
    for (i, key) in statusKeys.map(asciiSafe).enumerated() {
      if i > 0 { spans.append(Span("  ", theme.statusBar)) }
      spans.append(Span(key.keys, theme.statusKey))
      spans.append(Span(" " + key.action, theme.statusBar))
    }
    buffer.draw(StyledLine(spans).truncated(to: width, ellipsis: glyphs.ellipsis), x: 0, y: y)
  }

  /// The keys of the screen on top, in a box; long explanations wrap under themselves.
  func viewHelp(into buffer: inout Buffer) {
    let keys = keyHelp.map(asciiSafe)
    let keyWidth = keys.map { displayWidth(of: $0.keys) }.max() ?? 0
    let w = min(
      width - 4, max(40, keyWidth + 4 + (keys.map { displayWidth(of: $0.action) }.max() ?? 0) + 4))
    let pad = String(repeating: " ", count: keyWidth + 2)
    var rows: [StyledLine] = []
    for key in keys {
      let fill = String(repeating: " ", count: keyWidth - displayWidth(of: key.keys))
      rows += wrapLines(
        [Span(key.action)], width: w - 4,
        firstPrefix: [Span(key.keys + fill + "  ", theme.statusKey.withoutBackground)],
        restPrefix: [Span(pad)])
    }
    let h = min(height - 2, rows.count + 4)
    let rect = Rect(x: (width - w) / 2, y: (height - h) / 2, width: w, height: h)
    // A band the full width: no half-hidden words peek out beside the box.
    buffer.fill(Rect(x: 0, y: rect.y, width: width, height: rect.height))
    buffer.drawFrame(
      rect, style: theme.focusedBorder, glyphs: glyphs,
      title: StyledLine("Keys · \(screenTitle)", theme.strong))
    for (i, row) in rows.prefix(h - 4).enumerated() {
      buffer.draw(row, x: rect.x + 2, y: rect.y + 1 + i, maxX: rect.maxX - 2)
    }
    buffer.put("Any key closes this.", x: rect.x + 2, y: rect.maxY - 2, style: theme.dim)
  }

  func viewQuitConfirm(into buffer: inout Buffer) {
    let text = "Quit lrlab? q or y: quit · any other key: stay"
      .replacingOccurrences(of: "·", with: capabilities.unicode ? "·" : "-")
    let w = min(width - 2, displayWidth(of: text) + 4)
    let rows = wrapLines([Span(text)], width: w - 4)
    let h = rows.count + 2
    let rect = Rect(x: (width - w) / 2, y: (height - h) / 2, width: w, height: h)
    buffer.fill(Rect(x: 0, y: rect.y, width: width, height: rect.height))
    buffer.drawFrame(rect, style: theme.focusedBorder, glyphs: glyphs)
    for (i, row) in rows.enumerated() { buffer.draw(row, x: rect.x + 2, y: rect.y + 1 + i) }
  }

  /// Arrow symbols in key names become words when the terminal cannot show them.
  func asciiSafe(_ key: KeyHelp) -> KeyHelp {
    guard !capabilities.unicode else { return key }
    let keys = key.keys.replacingOccurrences(of: "↑/↓", with: "Up/Down")
      .replacingOccurrences(of: "↑↓", with: "Up/Dn")
    return KeyHelp(keys, key.action.replacingOccurrences(of: "—", with: "-"))
  }

  /// "Enlarge the terminal", readable down to 20×5: the lines wrap one below the other (never
  /// over each other), and a shorter wording is used when the long one does not fit.
  func viewTooSmall(into buffer: inout Buffer) {
    let x = capabilities.unicode ? "×" : "x"
    let min = "\(Self.minimumWidth)\(x)\(Self.minimumHeight)"
    let back = stack.count > 1 ? "q goes back." : "q quits."
    let wordings = [
      [
        "Terminal too small: \(width)\(x)\(height).", "Enlarge the terminal to at least \(min).",
        back,
      ],
      ["Too small: \(width)\(x)\(height)", "Need \(min)", back],
      ["\(width)\(x)\(height) < \(min)"],
    ]
    func layout(_ texts: [String]) -> [StyledLine] {
      texts.enumerated().flatMap { i, text in
        wrapLines([Span(text, i == 1 ? theme.warning : .plain)], width: Swift.max(1, width))
      }
    }
    let rows = wordings.map(layout).first { $0.count <= height } ?? layout(wordings[2])
    let top = Swift.max(0, (height - rows.count) / 2)
    for (i, row) in rows.enumerated() {
      buffer.draw(row, x: Swift.max(0, (width - row.width) / 2), y: top + i)
    }
  }
}

extension Style {
  var withoutBackground: Style {
    var s = self
    s.background = .default
    return s
  }
}

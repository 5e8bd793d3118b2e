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
  case .lab(let s): s.view(into: &buffer, context: model.labContext)
  }
  model.viewStatusLine(into: &buffer)
  if model.showsHelp { model.viewHelp(into: &buffer) }
}

/// Convenience for tests and benchmarks: a fresh buffer with the frame.
public func render(_ model: AppModel) -> Buffer {
  var buffer = Buffer(width: model.width, height: model.height)
  view(model, into: &buffer)
  return buffer
}

extension AppModel {
  /// Every key of the screen on top, for the help overlay.
  public var keyHelp: [KeyHelp] {
    switch top {
    case .home: Self.homeKeys
    case .reader: Self.readerKeys
    case .quiz: Self.quizKeys
    case .schedulePreview: Self.previewKeys
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
    case .lab(let s): s.title
    }
  }

  func viewTitleBar(into buffer: inout Buffer) {
    buffer.fill(Rect(x: 0, y: 0, width: width, height: 1), with: Cell(" ", style: theme.titleBar))
    let read = course.lessons.filter { progress.readLessons.contains($0.id) }.count
    let quizTotal = course.lessons.reduce(0) { $0 + $1.quizzes.count }
    let quizRight = course.lessons.reduce(0) { $0 + progress.score(of: $1).correct }
    var right =
      "read \(read)/\(course.lessons.count)\(glyphs.separator)quizzes \(quizRight)/\(quizTotal) "
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

  func viewHelp(into buffer: inout Buffer) {
    let keys = keyHelp.map(asciiSafe)
    let keyWidth = keys.map { displayWidth(of: $0.keys) }.max() ?? 0
    let w = min(
      width - 4, max(40, keyWidth + 4 + (keys.map { displayWidth(of: $0.action) }.max() ?? 0) + 4))
    let h = min(height - 2, keys.count + 4)
    let rect = Rect(x: (width - w) / 2, y: (height - h) / 2, width: w, height: h)
    buffer.fill(rect)
    buffer.drawFrame(
      rect, style: theme.focusedBorder, glyphs: glyphs,
      title: StyledLine("Keys · \(screenTitle)", theme.strong))
    for (i, key) in keys.prefix(h - 4).enumerated() {
      let pad = String(repeating: " ", count: keyWidth - displayWidth(of: key.keys))
      let line = StyledLine([
        Span(key.keys + pad, theme.statusKey.withoutBackground), Span("  " + key.action),
      ])
      buffer.draw(
        line.truncated(to: w - 4, ellipsis: glyphs.ellipsis), x: rect.x + 2, y: rect.y + 1 + i)
    }
    buffer.put("Any key closes this.", x: rect.x + 2, y: rect.maxY - 2, style: theme.dim)
  }

  /// Arrow symbols in key names become words when the terminal cannot show them.
  func asciiSafe(_ key: KeyHelp) -> KeyHelp {
    guard !capabilities.unicode else { return key }
    let keys = key.keys.replacingOccurrences(of: "↑/↓", with: "Up/Down")
      .replacingOccurrences(of: "↑↓", with: "Up/Dn")
    return KeyHelp(keys, key.action.replacingOccurrences(of: "—", with: "-"))
  }

  func viewTooSmall(into buffer: inout Buffer) {
    let lines = [
      "Terminal too small: \(width)×\(height).".replacingOccurrences(
        of: "×", with: capabilities.unicode ? "×" : "x"),
      "Enlarge the terminal to at least \(Self.minimumWidth)\(capabilities.unicode ? "×" : "x")\(Self.minimumHeight).",
      "q quits.",
    ]
    let top = max(0, (height - lines.count) / 2)
    for (i, text) in lines.enumerated() {
      let rows = wrapLines([Span(text, i == 1 ? theme.warning : .plain)], width: max(1, width))
      for (j, row) in rows.enumerated() {
        let x = max(0, (width - row.width) / 2)
        buffer.draw(row, x: x, y: top + i + j)
      }
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

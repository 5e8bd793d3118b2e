import Lessons
import Markdown
import TerminalUI

/// A lesson laid out for one width: styled lines, where the headings are, and the cards.
public struct LessonLayout: Sendable, Equatable {
  public struct Card: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
      case quiz(Quiz)
      case lab(Lab)
      /// At the lesson's end: a quiz answered but not right yet ("retry the ones you missed").
      case retry(Quiz)
      /// At the lesson's end: the next lesson (its index in the course).
      case nextLesson(Int)
    }
    public var kind: Kind
    /// The card's lines, frame included.
    public var lines: Range<Int>
    public var width: Int
  }
  public var width: Int
  var lines: [StyledLine]
  /// How many lines the lesson takes at this width.
  public var lineCount: Int { lines.count }
  /// Line index of each heading, in order.
  public var headings: [Int]
  public var cards: [Card]

  /// `cardWidth`: the room cards may take (wider than the prose when their code needs it);
  /// `next`: the following lesson's index and title, offered at the end.
  init(
    lesson: Lesson, width: Int, cardWidth: Int? = nil, theme: AppTheme, glyphs: Symbols,
    widgetTheme: Theme, widgetGlyphs: Glyphs, progress: LearnerProgress,
    lessonProgress: LessonProgress, next: (index: Int, title: String)? = nil
  ) {
    var builder = LayoutBuilder(
      width: max(20, width), theme: theme, glyphs: glyphs,
      markdown: MarkdownRenderer(theme: widgetTheme, glyphs: widgetGlyphs),
      widgetTheme: widgetTheme)
    builder.cardRoom = max(builder.width, cardWidth ?? 0)
    builder.lesson(lesson, progress: progress, lessonProgress: lessonProgress, next: next)
    self.width = builder.width
    self.lines = builder.lines
    self.headings = builder.headings
    self.cards = builder.cards
  }
}

struct LayoutBuilder {
  let width: Int
  let theme: AppTheme
  let glyphs: Symbols
  let markdown: MarkdownRenderer
  let widgetTheme: Theme
  var lines: [StyledLine] = []
  var headings: [Int] = []
  var cards: [LessonLayout.Card] = []
  /// The widest a card may be.
  var cardRoom = 0

  init(
    width: Int, theme: AppTheme, glyphs: Symbols, markdown: MarkdownRenderer, widgetTheme: Theme
  ) {
    self.width = width
    self.theme = theme
    self.glyphs = glyphs
    self.markdown = markdown
    self.widgetTheme = widgetTheme
  }

  mutating func blank() {
    if let last = lines.last, last.spans.isEmpty { return }
    if !lines.isEmpty { lines.append(StyledLine()) }
  }

  mutating func lesson(
    _ lesson: Lesson, progress: LearnerProgress, lessonProgress: LessonProgress,
    next: (index: Int, title: String)?
  ) {
    var body = lesson.blocks[...]
    // A lesson that opens with its own `# Title` shows that heading as the title (not twice).
    if case .markdown(let first)? = body.first, case .heading(level: 1, _) = first.kind {
      var title = [first]
      flushMarkdown(&title)
      body = body.dropFirst()
    } else {
      headings.append(0)
      lines.append(contentsOf: wrapLines([Span(lesson.title, theme.heading1)], width: width))
    }
    if let summary = lesson.summary {
      lines.append(contentsOf: wrapLines([Span(summary, theme.dim)], width: width))
    }
    if !lesson.diagnostics.isEmpty {
      blank()
      let label = lesson.isBroken ? "This lesson has errors:" : "Warnings:"
      lines.append(
        StyledLine("\(glyphs.cross) \(label)", lesson.isBroken ? theme.wrong : theme.warning))
      for d in lesson.diagnostics {
        let style = d.severity == .error ? theme.wrong : theme.warning
        lines.append(
          contentsOf: wrapLines(
            [Span(d.description, style)], width: width, restPrefix: [Span("  ")]))
      }
    }
    var pending: [Block] = []
    for block in body {
      if case .markdown(let b) = block {
        pending.append(b)
        continue
      }
      flushMarkdown(&pending)
      blank()
      switch block {
      case .markdown: break
      case .quiz(let q): quizCard(q, record: progress.quizzes[q.id])
      case .lab(let l):
        let runs = progress.labsRun[l.id]?.runs ?? 0
        labCard(l, runs: runs, done: runs > 0 || progress.events["ran-lab:\(l.id)"] != nil)
      case .checkpoint(let c):
        let met = lessonProgress.isMet(c.id)
        let prefix = [
          Span(met ? glyphs.boxOn : glyphs.boxOff, met ? theme.correct : theme.accent),
          Span(" "),
        ]
        var text = spans(of: c.text, theme: theme)
        if met { text.append(Span(" " + glyphs.check, theme.correct)) }
        lines.append(
          contentsOf: wrapLines(text, width: width, firstPrefix: prefix, restPrefix: [Span("    ")])
        )
      }
    }
    flushMarkdown(&pending)
    lessonEnd(lesson, lessonProgress: lessonProgress, next: next)
  }

  /// The end of the lesson: where it stands, the quizzes to retry, the next lesson.
  mutating func lessonEnd(
    _ lesson: Lesson, lessonProgress p: LessonProgress, next: (index: Int, title: String)?
  ) {
    blank()
    var standing: [String] = []
    if p.quizzes.total > 0 {
      standing.append("quizzes \(p.quizzes.right)/\(p.quizzes.total) right")
    }
    if p.checkpoints.total > 0 {
      standing.append("checkpoints \(p.checkpoints.met.count)/\(p.checkpoints.total)")
    }
    if !standing.isEmpty {
      lines.append(
        contentsOf: wrapLines(
          [
            Span("End of the lesson: ", theme.strong),
            Span(standing.joined(separator: glyphs.separator)),
          ],
          width: width))
    }
    let missed = lesson.quizzes.filter { p.quizzes.missed.contains($0.id) }
    for quiz in missed {
      blank()
      var body = wrapLines(spans(of: quiz.question, theme: theme), width: cardInner(for: []))
      body.append(StyledLine("Enter: try it again", theme.dim))
      card(
        .retry(quiz), title: StyledLine("Retry the ones you missed", theme.warning), body: body)
    }
    if let next {
      blank()
      card(
        .nextLesson(next.index), title: StyledLine("Next lesson", theme.accent),
        body: wrapLines([Span(next.title, theme.strong)], width: cardInner(for: []))
          + [StyledLine("Enter: open it", theme.dim)])
    }
  }

  /// Ordinary Markdown goes through TerminalUI's renderer; its headings become jump targets.
  mutating func flushMarkdown(_ pending: inout [Block]) {
    guard !pending.isEmpty else { return }
    blank()
    let rendered = markdown.render(pending, width: width)
    let offset = lines.count
    headings += rendered.headings.map { offset + $0.line }
    lines += rendered.lines.map { StyledLine($0.spans) }
    pending.removeAll()
  }

  /// A framed card: title in the top edge, body lines inside.
  /// The width inside a card whose unwrapped body is `body`: the prose width, or more (up to
  /// `cardRoom`) when a body line needs it.
  func cardInner(for body: [StyledLine]) -> Int {
    let widest = body.map(\.width).max() ?? 0
    return min(max(cardRoom, width), max(width, widest + 4)) - 4
  }

  /// A framed card: title in the top edge, body lines inside (already fitted to the card).
  mutating func card(_ kind: LessonLayout.Card.Kind, title: StyledLine, body: [StyledLine]) {
    let cardWidth = min(max(cardRoom, width), max(width, (body.map(\.width).max() ?? 0) + 4))
    let first = lines.count
    let v = String(glyphs.vertical)
    let h = String(glyphs.horizontal)
    var top = StyledLine(String(glyphs.topLeft) + h, theme.border)
    top.spans +=
      [Span(" ")] + title.truncated(to: cardWidth - 6, ellipsis: glyphs.ellipsis).spans + [
        Span(" ")
      ]
    top.spans.append(
      Span(
        String(repeating: h, count: max(0, cardWidth - 1 - top.width)) + String(glyphs.topRight),
        theme.border))
    lines.append(top)
    for line in body {
      let inner = line.truncated(to: cardWidth - 4, ellipsis: glyphs.ellipsis)
      var l = StyledLine([Span(v + " ", theme.border)] + inner.spans)
      l.spans.append(
        Span(String(repeating: " ", count: max(0, cardWidth - 2 - l.width)) + " " + v, theme.border)
      )
      lines.append(l)
    }
    lines.append(
      StyledLine(
        String(glyphs.bottomLeft) + String(repeating: h, count: cardWidth - 2)
          + String(glyphs.bottomRight),
        theme.border))
    cards.append(LessonLayout.Card(kind: kind, lines: first..<lines.count, width: cardWidth))
  }

  mutating func quizCard(_ quiz: Quiz, record: LearnerProgress.QuizRecord?) {
    var body = wrapLines(spans(of: quiz.question, theme: theme), width: cardInner(for: []))
    let status: StyledLine
    switch record {
    case .some(let r) where r.solved:
      status = StyledLine("\(glyphs.check) answered correctly", theme.correct)
    case .some(let r) where r.revealed:
      status = StyledLine("answer revealed — Enter: try it again", theme.warning)
    case .some:
      status = StyledLine("\(glyphs.cross) not right yet — Enter: try again", theme.wrong)
    case .none:
      status = StyledLine("Enter: answer", theme.dim)
    }
    body.append(status)
    card(.quiz(quiz), title: StyledLine("Quiz", theme.accent), body: body)
  }

  mutating func labCard(_ lab: Lab, runs: Int, done: Bool) {
    var text = lab.code
    if text.hasSuffix("\n") { text.removeLast() }
    let code = PythonHighlighter().highlight(text, theme: widgetTheme).map { StyledLine($0.spans) }
    let inner = cardInner(for: code)
    // Code wraps at the card's edge; each continuation row starts with a marker, so a wrapped
    // line never reads as a statement of its own.
    var body = code.flatMap { wrapCode($0, width: inner) }
    if done {
      let times = runs > 1 ? " (\(runs) runs)" : runs == 1 ? " (1 run)" : ""
      body.append(StyledLine("\(glyphs.check) run in the Lab\(times)", theme.correct))
    }
    body += wrapLines(
      [Span("Enter: open in the Lab · s: its schedule alone", theme.dim)], width: inner)
    let title = "Lab" + (lab.title.map { ": " + $0 } ?? "")
    card(.lab(lab), title: StyledLine(title, theme.accent), body: body)
  }

  /// One code line cut into rows of at most `width`, continuation rows marked and indented
  /// like the line. Spaces are kept as typed; a cut prefers the last space or `,`/`(` in the
  /// row's right half, so identifiers are split only when nothing else fits.
  func wrapCode(_ line: StyledLine, width: Int) -> [StyledLine] {
    guard line.width > width, width > 8 else { return [line] }
    var cells: [(Character, Style)] = []
    for span in line.spans { for ch in span.text { cells.append((ch, span.style)) } }
    let indent = min(cells.prefix { $0.0 == " " }.count, width / 2)
    let marker = String(repeating: " ", count: indent) + glyphs.continuation + " "
    let markerWidth = displayWidth(of: marker)
    var rows: [StyledLine] = []
    var start = 0
    while start < cells.count {
      let first = rows.isEmpty
      let room = max(1, width - (first ? 0 : markerWidth))
      var end = start
      var used = 0
      while end < cells.count, used + displayWidth(of: cells[end].0) <= room {
        used += displayWidth(of: cells[end].0)
        end += 1
      }
      if end < cells.count {
        let floor = start + max(1, room / 2)
        if let cut = (floor..<end).last(where: { " ,(".contains(cells[$0].0) }) { end = cut + 1 }
      }
      var row = StyledLine(first ? [] : [Span(marker, theme.dim)])
      for (ch, style) in cells[start..<max(end, start + 1)] {
        if let last = row.spans.last, last.style == style, !(row.spans.count == 1 && !first) {
          row.spans[row.spans.count - 1].text.append(ch)
        } else {
          row.spans.append(Span(String(ch), style))
        }
      }
      rows.append(row)
      start = max(end, start + 1)
      // A continuation never starts with the spaces the cut left behind.
      while start < cells.count, cells[start].0 == " " { start += 1 }
    }
    return rows
  }
}

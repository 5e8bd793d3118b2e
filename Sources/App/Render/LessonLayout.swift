import Lessons
import Markdown
import TerminalUI

/// A lesson laid out for one width: styled lines, where the headings are, and the cards.
public struct LessonLayout: Sendable, Equatable {
  public struct Card: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
      case quiz(Quiz)
      case lab(Lab)
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

  init(
    lesson: Lesson, width: Int, theme: AppTheme, glyphs: Symbols, widgetTheme: Theme,
    widgetGlyphs: Glyphs, progress: ProgressSnapshot
  ) {
    var builder = LayoutBuilder(
      width: max(20, width), theme: theme, glyphs: glyphs,
      markdown: MarkdownRenderer(theme: widgetTheme, glyphs: widgetGlyphs),
      widgetTheme: widgetTheme)
    builder.lesson(lesson, progress: progress)
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

  mutating func lesson(_ lesson: Lesson, progress: ProgressSnapshot) {
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
      case .quiz(let q): quizCard(q, progress: progress)
      case .lab(let l): labCard(l, done: progress.labsRun.contains(l.id))
      case .checkpoint(let c):
        let prefix = [Span(glyphs.boxOff + " ", theme.accent)]
        lines.append(
          contentsOf: wrapLines(
            spans(of: c.text, theme: theme), width: width, firstPrefix: prefix,
            restPrefix: [Span("    ")]))
      }
    }
    flushMarkdown(&pending)
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
  mutating func card(_ kind: LessonLayout.Card.Kind, title: StyledLine, body: [StyledLine]) {
    let cardWidth = min(width, 76)
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

  mutating func quizCard(_ quiz: Quiz, progress: ProgressSnapshot) {
    let inner = min(width, 76) - 4
    var body = wrapLines(spans(of: quiz.question, theme: theme), width: inner)
    let status: StyledLine
    switch progress.quizzes[quiz.id] {
    case .some(let r) where r.correct:
      status = StyledLine("\(glyphs.check) answered correctly", theme.correct)
    case .some:
      status = StyledLine("\(glyphs.cross) not right yet — try again", theme.wrong)
    case .none:
      status = StyledLine("Enter: answer", theme.dim)
    }
    body.append(status)
    card(.quiz(quiz), title: StyledLine("Quiz", theme.accent), body: body)
  }

  mutating func labCard(_ lab: Lab, done: Bool) {
    var text = lab.code
    if text.hasSuffix("\n") { text.removeLast() }
    var body = PythonHighlighter().highlight(text, theme: widgetTheme).map { StyledLine($0.spans) }
    if done { body.append(StyledLine("\(glyphs.check) run in the Lab", theme.correct)) }
    body.append(StyledLine("Enter: open in the Lab · s: its schedule alone", theme.dim))
    let title = "Lab" + (lab.title.map { ": " + $0 } ?? "")
    card(.lab(lab), title: StyledLine(title, theme.accent), body: body)
  }
}

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
  /// Line index of each heading, in order.
  public var headings: [Int]
  public var cards: [Card]

  init(
    lesson: Lesson, width: Int, theme: AppTheme, glyphs: Symbols, progress: ProgressSnapshot
  ) {
    var builder = LayoutBuilder(width: max(20, width), theme: theme, glyphs: glyphs)
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
  var lines: [StyledLine] = []
  var headings: [Int] = []
  var cards: [LessonLayout.Card] = []

  init(width: Int, theme: AppTheme, glyphs: Symbols) {
    self.width = width
    self.theme = theme
    self.glyphs = glyphs
  }

  mutating func blank() {
    if let last = lines.last, last.spans.isEmpty { return }
    if !lines.isEmpty { lines.append(StyledLine()) }
  }

  mutating func lesson(_ lesson: Lesson, progress: ProgressSnapshot) {
    headings.append(0)
    lines.append(contentsOf: wrapLines([Span(lesson.title, theme.heading1)], width: width))
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
    for block in lesson.blocks {
      blank()
      switch block {
      case .markdown(let b): self.block(b, indent: 0)
      case .quiz(let q): quizCard(q, progress: progress)
      case .lab(let l): labCard(l)
      case .checkpoint(let c):
        let prefix = [Span(glyphs.boxOff + " ", theme.accent)]
        lines.append(
          contentsOf: wrapLines(
            spans(of: c.text, theme: theme), width: width, firstPrefix: prefix,
            restPrefix: [Span("    ")]))
      }
    }
  }

  mutating func block(_ block: Block, indent: Int) {
    let pad = String(repeating: " ", count: indent)
    let avail = max(10, width - indent)
    switch block.kind {
    case .heading(let level, let content):
      if indent == 0 { headings.append(lines.count) }
      let style = level <= 1 ? theme.heading1 : theme.heading2
      let marker = level <= 2 ? "" : String(repeating: "#", count: level) + " "
      lines.append(
        contentsOf: wrapLines(
          [Span(marker, style)] + spans(of: content, theme: theme, base: style), width: avail,
          firstPrefix: [Span(pad)], restPrefix: [Span(pad)]))
    case .paragraph(let content):
      lines.append(
        contentsOf: wrapLines(
          spans(of: content, theme: theme), width: width, firstPrefix: [Span(pad)],
          restPrefix: [Span(pad)]))
    case .bulletList(let items):
      let bullet = glyphs.bullet
      list(items, indent: indent) { _ in bullet }
    case .orderedList(let start, let items):
      list(items, indent: indent) { "\(start + $0)." }
    case .code(let code):
      codeBlock(code, indent: indent)
    case .table(let table):
      self.table(table, indent: indent)
    case .quote(let blocks):
      let first = lines.count
      for (i, b) in blocks.enumerated() {
        if i > 0 { blank() }
        self.block(b, indent: indent + 2)
      }
      for i in first..<lines.count {
        var l = lines[i]
        if l.spans.first?.text.hasPrefix(pad + "  ") == true {
          l.spans[0].text.removeFirst(indent + 2)
        }
        l.spans.insert(Span(pad + String(glyphs.vertical) + " ", theme.dim), at: 0)
        lines[i] = l
      }
    case .thematicBreak:
      lines.append(
        StyledLine(pad + String(repeating: String(glyphs.horizontal), count: avail), theme.dim))
    }
  }

  mutating func list(_ items: [ListItem], indent: Int, marker: (Int) -> String) {
    let pad = String(repeating: " ", count: indent)
    for (i, item) in items.enumerated() {
      var mark = marker(i)
      if let checked = item.checked { mark = checked ? glyphs.boxOn : glyphs.boxOff }
      let inner = indent + displayWidth(of: mark) + 1
      for (j, b) in item.blocks.enumerated() {
        if j == 0, case .paragraph(let content) = b.kind {
          lines.append(
            contentsOf: wrapLines(
              spans(of: content, theme: theme), width: width,
              firstPrefix: [Span(pad), Span(mark + " ", theme.accent)],
              restPrefix: [Span(String(repeating: " ", count: inner))]))
        } else {
          if j == 0 { lines.append(StyledLine([Span(pad), Span(mark, theme.accent)])) }
          self.block(b, indent: inner)
        }
      }
    }
  }

  mutating func codeBlock(_ code: FencedCode, indent: Int) {
    let pad = String(repeating: " ", count: indent)
    let bar = Span(pad + String(glyphs.vertical) + " ", theme.dim)
    let avail = max(4, width - indent - 2)
    if !code.language.isEmpty { lines.append(StyledLine([bar, Span(code.language, theme.dim)])) }
    var text = code.text
    if text.hasSuffix("\n") { text.removeLast() }
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = StyledLine(String(raw), theme.code).truncated(to: avail, ellipsis: glyphs.ellipsis)
      lines.append(StyledLine([bar] + line.spans))
    }
  }

  mutating func table(_ table: Table, indent: Int) {
    let pad = String(repeating: " ", count: indent)
    let columns = max(table.header.count, table.rows.map(\.count).max() ?? 0)
    guard columns > 0 else { return }
    func cell(_ row: [[Inline]], _ c: Int) -> String { c < row.count ? plainText(of: row[c]) : "" }
    var widths = (0..<columns).map { c in
      ([table.header] + table.rows).map { displayWidth(of: cell($0, c)) }.max() ?? 0
    }
    let avail = max(columns * 3, width - indent - 3 * (columns - 1))
    while widths.reduce(0, +) > avail,
      let widest = widths.indices.max(by: { widths[$0] < widths[$1] })
    {
      widths[widest] -= 1
    }
    let sep = " " + String(glyphs.vertical) + " "
    func render(_ row: [[Inline]], style: Style) -> StyledLine {
      var spans: [Span] = [Span(pad)]
      for c in 0..<columns {
        if c > 0 { spans.append(Span(sep, theme.dim)) }
        var text = StyledLine(cell(row, c), style).truncated(
          to: widths[c], ellipsis: glyphs.ellipsis)
        let align = c < table.alignments.count ? table.alignments[c] : .none
        let gap = widths[c] - text.width
        switch align {
        case .right: text.spans.insert(Span(String(repeating: " ", count: gap)), at: 0)
        case .center:
          text.spans.insert(Span(String(repeating: " ", count: gap / 2)), at: 0)
          text.spans.append(Span(String(repeating: " ", count: gap - gap / 2)))
        default: text.spans.append(Span(String(repeating: " ", count: gap)))
        }
        spans.append(contentsOf: text.spans)
      }
      return StyledLine(spans)
    }
    lines.append(render(table.header, style: theme.strong))
    let rule = widths.map { String(repeating: String(glyphs.horizontal), count: $0) }
    lines.append(
      StyledLine(
        pad + rule.joined(separator: String(repeating: String(glyphs.horizontal), count: 3)),
        theme.dim))
    for row in table.rows { lines.append(render(row, style: .plain)) }
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

  mutating func labCard(_ lab: Lab) {
    var text = lab.code
    if text.hasSuffix("\n") { text.removeLast() }
    var body = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      StyledLine(String($0), theme.code)
    }
    body.append(StyledLine("Enter: run this schedule", theme.dim))
    let title = "Lab" + (lab.title.map { ": " + $0 } ?? "")
    card(.lab(lab), title: StyledLine(title, theme.accent), body: body)
  }
}

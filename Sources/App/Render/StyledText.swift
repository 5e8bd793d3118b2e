import Markdown
import TerminalUI

extension Span {
  /// Positional style, as the app's drawing code writes it.
  init(_ text: String, _ style: Style) { self.init(text, style: style) }
}

/// One display line made of spans.
struct StyledLine: Sendable, Equatable {
  var spans: [Span]
  init(_ spans: [Span] = []) { self.spans = spans }
  init(_ text: String, _ style: Style = .plain) { self.spans = [Span(text, style)] }
  var width: Int { spans.reduce(0) { $0 + displayWidth(of: $1.text) } }
  var text: String { spans.map(\.text).joined() }
}

extension Buffer {
  /// Draws `line` from (x, y), clipped at `maxX`; returns the x after the last cell.
  @discardableResult
  mutating func draw(_ line: StyledLine, x: Int, y: Int, maxX: Int? = nil) -> Int {
    var column = x
    for span in line.spans {
      column = put(span.text, x: column, y: y, style: span.style, maxX: maxX)
    }
    return column
  }

  /// A rounded (or ASCII) frame around `rect`, with an optional title in the top edge.
  mutating func drawFrame(
    _ rect: Rect, style: Style, glyphs: Symbols, title: StyledLine? = nil
  ) {
    guard rect.width >= 2, rect.height >= 2 else { return }
    let h = String(glyphs.horizontal)
    let inner = rect.width - 2
    put(
      String(glyphs.topLeft) + String(repeating: h, count: inner) + String(glyphs.topRight),
      x: rect.x, y: rect.y, style: style)
    put(
      String(glyphs.bottomLeft) + String(repeating: h, count: inner) + String(glyphs.bottomRight),
      x: rect.x, y: rect.maxY - 1, style: style)
    for y in (rect.y + 1)..<(rect.maxY - 1) {
      put(String(glyphs.vertical), x: rect.x, y: y, style: style)
      put(String(glyphs.vertical), x: rect.maxX - 1, y: y, style: style)
    }
    if let title, inner > 4 {
      var t = StyledLine([Span(" ", style)] + title.spans + [Span(" ", style)])
      t = t.truncated(to: inner - 1, ellipsis: glyphs.ellipsis)
      draw(t, x: rect.x + 2, y: rect.y, maxX: rect.maxX - 1)
    }
  }
}

extension StyledLine {
  /// The line cut to `width` columns, ending in `ellipsis` when something was cut.
  func truncated(to width: Int, ellipsis: String) -> StyledLine {
    guard self.width > width else { return self }
    let room = max(0, width - displayWidth(of: ellipsis))
    var out: [Span] = []
    var used = 0
    for span in spans {
      var piece = ""
      for g in span.text {
        let w = displayWidth(of: g)
        if used + w > room { break }
        piece.append(g)
        used += w
      }
      if !piece.isEmpty { out.append(Span(piece, span.style)) }
      if used >= room || piece.count < span.text.count { break }
    }
    out.append(Span(ellipsis, spans.last?.style ?? .plain))
    return StyledLine(out)
  }
}

/// Greedy word wrap of styled spans to `width` columns. Words longer than a line are split;
/// runs of spaces collapse at line breaks. `indent` prefixes continuation lines.
func wrapLines(_ spans: [Span], width: Int, firstPrefix: [Span] = [], restPrefix: [Span] = [])
  -> [StyledLine]
{
  struct Token {
    var text: String
    var style: Style
    var isSpace: Bool
    var isBreak: Bool
  }
  var tokens: [Token] = []
  for span in spans {
    var current = ""
    var inSpace = false
    func flush() {
      if !current.isEmpty {
        tokens.append(Token(text: current, style: span.style, isSpace: inSpace, isBreak: false))
      }
      current = ""
    }
    for ch in span.text {
      if ch == "\n" {
        flush()
        tokens.append(Token(text: "", style: span.style, isSpace: false, isBreak: true))
        continue
      }
      let space = ch == " "
      if space != inSpace { flush() }
      inSpace = space
      current.append(ch)
    }
    flush()
  }
  var lines: [StyledLine] = []
  var line = StyledLine(firstPrefix)
  var lineWidth = line.width
  var lineHasWord = false
  func newLine() {
    lines.append(line)
    line = StyledLine(restPrefix)
    lineWidth = line.width
    lineHasWord = false
  }
  let avail = max(1, width)
  for token in tokens {
    if token.isBreak {
      newLine()
      continue
    }
    if token.isSpace {
      if lineHasWord {
        line.spans.append(Span(" ", token.style))
        lineWidth += 1
      }
      continue
    }
    var word = token.text
    var w = displayWidth(of: word)
    if lineHasWord && lineWidth + w > avail {
      // Drop the trailing space before breaking.
      if let last = line.spans.last, last.text == " " {
        line.spans.removeLast()
        lineWidth -= 1
      }
      newLine()
    }
    while w > 0 && lineWidth + w > avail {
      // A word longer than the line: cut it.
      var head = ""
      var hw = 0
      var rest = Substring(word)
      while let g = rest.first, lineWidth + hw + displayWidth(of: g) <= avail {
        head.append(g)
        hw += displayWidth(of: g)
        rest = rest.dropFirst()
      }
      if head.isEmpty {
        if lineHasWord {
          newLine()
          continue
        }
        // Not even one grapheme fits after the prefix: place one anyway to make progress.
        guard let g = rest.first else { break }
        head.append(g)
        hw = displayWidth(of: g)
        rest = rest.dropFirst()
      }
      line.spans.append(Span(head, token.style))
      lineWidth += hw
      lineHasWord = true
      word = String(rest)
      w = displayWidth(of: word)
      if word.isEmpty { break }
      newLine()
    }
    if !word.isEmpty {
      line.spans.append(Span(word, token.style))
      lineWidth += w
      lineHasWord = true
    }
  }
  if lineHasWord || lines.isEmpty { lines.append(line) }
  return lines.map { l in
    var l = l
    while let last = l.spans.last, last.text == " " { l.spans.removeLast() }
    return l
  }
}

/// Inline Markdown to spans in the theme's styles, on top of `base`.
func spans(of inlines: [Inline], theme: AppTheme, base: Style = .plain) -> [Span] {
  var out: [Span] = []
  func merge(_ a: Style, _ b: Style) -> Style {
    var s = a
    if b.foreground != .default { s.foreground = b.foreground }
    if b.background != .default { s.background = b.background }
    s.attributes.formUnion(b.attributes)
    return s
  }
  func walk(_ items: [Inline], _ style: Style) {
    for item in items {
      switch item {
      case .text(let t): out.append(Span(t, style))
      case .emphasis(let c): walk(c, merge(style, theme.emphasis))
      case .strong(let c): walk(c, merge(style, theme.strong))
      case .strikethrough(let c): walk(c, merge(style, theme.dim))
      case .code(let c): out.append(Span(c, merge(style, theme.code)))
      case .link(let text, let destination):
        walk(text, merge(style, theme.link))
        if !destination.isEmpty { out.append(Span(" <\(destination)>", merge(style, theme.dim))) }
      case .lineBreak: out.append(Span("\n", style))
      }
    }
  }
  walk(inlines, base)
  return out
}

/// Inline Markdown as plain text (for titles and list labels).
func plainText(of inlines: [Inline]) -> String {
  inlines.map { item -> String in
    switch item {
    case .text(let t), .code(let t): return t
    case .emphasis(let c), .strong(let c), .strikethrough(let c): return plainText(of: c)
    case .link(let text, _): return plainText(of: text)
    case .lineBreak: return " "
    }
  }.joined()
}

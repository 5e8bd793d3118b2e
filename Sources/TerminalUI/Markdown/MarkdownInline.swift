import Markdown

extension MarkdownRenderer {
  func inline(_ content: [Inline], base: Style, context: inout RenderContext) -> StyledText {
    var text = StyledText()
    for node in content {
      switch node {
      case .text(let s):
        text.append(s, style: base)
      case .emphasis(let children):
        text.append(inline(children, base: base.merged(with: theme[.emphasis]), context: &context))
      case .strong(let children):
        text.append(inline(children, base: base.merged(with: theme[.strong]), context: &context))
      case .strikethrough(let children):
        let style = base.merged(with: theme[.strikethrough])
        // No strike attribute in curses: mark the span's ends so it reads as struck out.
        text.append("~", style: style)
        text.append(inline(children, base: style, context: &context))
        text.append("~", style: style)
      case .code(let s):
        // Styled, never backticked: without colour, underlined so it stays recognisable.
        var style = base.merged(with: theme[.code])
        if theme.colorMode == .none { style.attributes.insert(.underline) }
        text.append(s, style: style)
      case .link(let children, let destination):
        let linkStyle = base.merged(with: theme[.link])
        let label = inline(children, base: linkStyle, context: &context)
        text.append(label)
        if label.plainText == destination || destination.isEmpty { continue }
        switch context.links {
        case .inline:
          text.append(" (" + destination + ")", style: base.merged(with: theme[.linkURL]))
        case .footnotes:
          let n: Int
          if let existing = context.footnotes.firstIndex(of: destination) {
            n = existing + 1
          } else {
            context.footnotes.append(destination)
            n = context.footnotes.count
          }
          text.append("[\(n)]", style: base.merged(with: theme[.linkURL]))
        }
      case .lineBreak:
        text.append("\n", style: base)
      }
    }
    return text
  }

  /// The words of inline content without styling (heading titles for the anchor list).
  func plainText(_ content: [Inline]) -> String {
    content.map { node -> String in
      switch node {
      case .text(let s), .code(let s): return s
      case .emphasis(let c), .strong(let c), .strikethrough(let c): return plainText(c)
      case .link(let c, _): return plainText(c)
      case .lineBreak: return " "
      }
    }.joined()
  }
}

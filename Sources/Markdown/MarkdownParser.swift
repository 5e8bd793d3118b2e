/// Parses the Markdown subset of lesson files (see Lessons/README.md) into a `Document`.
///
/// Never fails: anything it does not recognise is text. Input may have a BOM, CRLF or lone CR
/// line endings and tabs (expanded to 4-column stops). All text in the result is sanitised
/// (see `Sanitizer`) before any Markdown is recognised. HTML and entities are not part of the
/// subset: they stay literal text (so `&#27;` can never become an ESC).
///
/// Containers (quotes, list items) nest at most `maxNestingDepth` deep and inlines at most
/// `InlineParser.maxDepth`; deeper markers are kept as text, so hostile input cannot exhaust
/// the stack, and parsing stays linear in the input size.
public enum MarkdownParser {
  public static let maxNestingDepth = 32

  /// Parses a whole Markdown text. `firstLine` is the source line of the text's first line
  /// (lesson bodies start after the front matter), so positions point into the file.
  public static func parse(_ text: String, firstLine: Int = 1) -> Document {
    Document(blocks: BlockParser.parse(SourceLines.split(text, firstLine: firstLine), depth: 0))
  }

  /// Parses inline Markdown (quiz questions, choices, hints): emphasis, code, links, escapes.
  /// Several lines are joined as soft breaks (spaces).
  public static func parseInlines(_ text: String) -> [Inline] {
    let lines = SourceLines.split(text, firstLine: 1).map { line in
      line.dropping(line.indent)
    }
    return InlineParser.parse(lines)
  }
}

extension Array where Element == Inline {
  /// The text without formatting (links give their text): for JSON exports and searches.
  public var plainText: String {
    var out = ""
    for inline in self { inline.appendPlainText(to: &out) }
    return out
  }
}

extension Inline {
  func appendPlainText(to out: inout String) {
    switch self {
    case .text(let s), .code(let s): out += s
    case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(let c, _):
      for inline in c { inline.appendPlainText(to: &out) }
    case .lineBreak: out += "\n"
    }
  }
}

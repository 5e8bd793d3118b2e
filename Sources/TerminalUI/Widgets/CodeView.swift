/// A code block: highlighted (Python; other languages plain), optionally boxed with the language as
/// title and line numbers. Long lines wrap, keeping their indentation.
public struct CodeView: Sendable {
  public var code: String
  public var language: String
  public var boxed: Bool
  public var showsLineNumbers: Bool
  public var glyphs: Glyphs
  public var theme: Theme

  public init(
    code: String, language: String = "python", boxed: Bool = true, showsLineNumbers: Bool = false,
    glyphs: Glyphs = .unicode, theme: Theme = .monochrome
  ) {
    self.code = code
    self.language = language
    self.boxed = boxed
    self.showsLineNumbers = showsLineNumbers
    self.glyphs = glyphs
    self.theme = theme
  }

  static let pythonNames: Set<String> = ["python", "py", "python3", "pycon", "lab"]

  /// The source lines, styled (without box or numbers).
  public func highlightedLines() -> [StyledText] {
    var source = code
    if source.hasSuffix("\n") { source.removeLast() }
    if CodeView.pythonNames.contains(language.lowercased()) {
      return PythonHighlighter().highlight(source, theme: theme)
    }
    return source.split(separator: "\n", omittingEmptySubsequences: false).map {
      StyledText(String($0), style: theme[.code])
    }
  }

  /// The block laid out for `width` columns: what `draw` shows, as lines (the Markdown renderer
  /// embeds these).
  public func lines(width: Int) -> [StyledText] {
    let source = highlightedLines()
    let numberWidth = showsLineNumbers ? String(source.count).count + 1 : 0
    let inner = max(1, width - (boxed ? 4 : 0) - numberWidth)
    var body: [StyledText] = []
    for (index, line) in source.enumerated() {
      let number =
        showsLineNumbers
        ? StyledText(
          String(repeating: " ", count: numberWidth - 1 - String(index + 1).count)
            + "\(index + 1) ",
          style: theme[.muted]) : StyledText()
      // A wrapped line's continuation rows start with a marker (indented like the line), so
      // they never read as statements of their own.
      let indent = min(line.plainText.prefix { $0 == " " }.count, inner / 2)
      let marker = StyledText(
        String(repeating: " ", count: indent) + (glyphs.isUnicode ? "↪ " : ">> "),
        style: theme[.muted])
      let pieces = line.wrapped(width: inner, continuationPrefix: marker)
      for (k, piece) in pieces.enumerated() {
        let lead = k == 0 ? number : StyledText(String(repeating: " ", count: numberWidth))
        body.append(lead + piece)
      }
    }
    guard boxed, width >= 4 else { return body }
    let border = theme[.codeBorder]
    let h = String(glyphs.horizontal)
    var top = StyledText(String(glyphs.topLeft) + h, style: border)
    let title = language.isEmpty ? StyledText() : StyledText(" \(language) ", style: theme[.muted])
    let titleFit = title.truncated(toWidth: max(0, width - 3), ellipsis: "")
    top.append(titleFit)
    top.append(
      String(repeating: h, count: max(0, width - 3 - titleFit.width)) + String(glyphs.topRight),
      style: border)
    var result = [top]
    let side = StyledText(String(glyphs.vertical), style: border)
    for line in body {
      result.append(
        side + StyledText(" ") + line.padded(toWidth: width - 4) + StyledText(" ") + side)
    }
    result.append(
      StyledText(
        String(glyphs.bottomLeft) + String(repeating: h, count: width - 2)
          + String(glyphs.bottomRight),
        style: border))
    return result
  }

  public func draw(into buffer: inout Buffer, area: Rect) {
    for (row, line) in lines(width: area.width).prefix(area.height).enumerated() {
      buffer.put(line, x: area.x, y: area.y + row, maxX: area.maxX)
    }
  }
}

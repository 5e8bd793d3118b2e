/// A run of text in one style.
public struct Span: Sendable, Hashable {
  public var text: String
  public var style: Style
  public init(_ text: String, style: Style = .plain) {
    self.text = text
    self.style = style
  }
}

/// Text in several styles: one line once laid out. Before wrapping it may hold "\n" (hard breaks).
public struct StyledText: Sendable, Hashable, ExpressibleByStringLiteral {
  public var spans: [Span]

  public init() { spans = [] }
  public init(_ text: String, style: Style = .plain) {
    spans = text.isEmpty ? [] : [Span(text, style: style)]
  }
  public init(spans: [Span]) { self.spans = spans.filter { !$0.text.isEmpty } }
  public init(stringLiteral value: String) { self.init(value) }

  public var plainText: String { spans.map(\.text).joined() }
  public var width: Int { spans.reduce(0) { $0 + displayWidth(of: $1.text) } }
  public var isEmpty: Bool { spans.allSatisfy { $0.text.isEmpty } }

  public mutating func append(_ text: String, style: Style = .plain) {
    guard !text.isEmpty else { return }
    if let last = spans.last, last.style == style {
      spans[spans.count - 1].text += text
    } else {
      spans.append(Span(text, style: style))
    }
  }

  public mutating func append(_ other: StyledText) {
    for span in other.spans { append(span.text, style: span.style) }
  }

  public static func + (a: StyledText, b: StyledText) -> StyledText {
    var result = a
    result.append(b)
    return result
  }

  /// Every span's style transformed (e.g. a selection adding `.reverse`).
  public func restyled(_ transform: (Style) -> Style) -> StyledText {
    StyledText(spans: spans.map { Span($0.text, style: transform($0.style)) })
  }

  /// The graphemes with their styles and widths (zero-width graphemes dropped).
  var cells: [StyledGrapheme] {
    var result: [StyledGrapheme] = []
    for span in spans {
      for g in span.text {
        if g == "\n" {
          result.append(StyledGrapheme(character: g, style: span.style, width: 0))
          continue
        }
        let w = displayWidth(of: g)
        if w > 0 { result.append(StyledGrapheme(character: g, style: span.style, width: w)) }
      }
    }
    return result
  }

  init(cells: some Sequence<StyledGrapheme>) {
    var text = StyledText()
    for c in cells { text.append(String(c.character), style: c.style) }
    self = text
  }
}

struct StyledGrapheme: Sendable, Hashable {
  var character: Character
  var style: Style
  var width: Int
}

public enum Alignment: Sendable, Hashable {
  case left, center, right
}

extension Buffer {
  /// Draws styled text on one line from (x, y), clipped at `maxX`. Returns the x after the text.
  @discardableResult
  public mutating func put(_ text: StyledText, x: Int, y: Int, maxX: Int? = nil) -> Int {
    var column = x
    for span in text.spans {
      column = put(span.text, x: column, y: y, style: span.style, maxX: maxX)
    }
    return column
  }

  /// Draws styled text aligned inside one row of `rect` (truncated with `ellipsis` if too wide).
  public mutating func put(
    _ text: StyledText, row y: Int, in rect: Rect, alignment: Alignment = .left,
    ellipsis: String = "…"
  ) {
    let line = text.truncated(toWidth: rect.width, ellipsis: ellipsis)
    let w = line.width
    let x: Int
    switch alignment {
    case .left: x = rect.x
    case .center: x = rect.x + (rect.width - w) / 2
    case .right: x = rect.maxX - w
    }
    put(line, x: x, y: y, maxX: rect.maxX)
  }
}

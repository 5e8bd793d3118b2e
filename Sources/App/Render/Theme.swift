import TerminalUI

/// The app's styles by role. In monochrome every role that matters is still distinct through
/// attributes (bold, underline, reverse, dim) and glyphs, never through grey shades.
public struct AppTheme: Sendable, Equatable {
  public var titleBar: Style
  public var statusBar: Style
  public var statusKey: Style
  public var text: Style
  public var heading1: Style
  public var heading2: Style
  public var emphasis: Style
  public var strong: Style
  public var code: Style
  public var link: Style
  public var dim: Style
  public var border: Style
  public var focusedBorder: Style
  public var selection: Style
  public var correct: Style
  public var wrong: Style
  public var warning: Style
  public var accent: Style
  /// One style per chart series, distinct in colour; glyphs tell them apart without colour.
  public var series: [Style]

  public init(capabilities: DisplayCapabilities) {
    let attributesOnly = !capabilities.hasColor
    func s(_ fg: Color, _ attrs: TextAttributes = [], bg: Color = .default, mono: TextAttributes)
      -> Style
    {
      attributesOnly
        ? Style(attributes: mono) : Style(foreground: fg, background: bg, attributes: attrs)
    }
    let rich = capabilities.color == .palette256
    let blue: Color = rich ? .indexed(39) : .ansi(4)
    let cyan: Color = rich ? .indexed(44) : .ansi(6)
    let green: Color = rich ? .indexed(42) : .ansi(2)
    let red: Color = rich ? .indexed(203) : .ansi(1)
    let yellow: Color = rich ? .indexed(214) : .ansi(3)
    let magenta: Color = rich ? .indexed(170) : .ansi(5)
    let grey: Color = rich ? .indexed(245) : .ansi(7)
    titleBar = s(.ansi(0), [.bold], bg: cyan, mono: [.reverse, .bold])
    statusBar = s(.default, [], bg: rich ? .indexed(236) : .default, mono: [.reverse])
    statusKey = s(yellow, [.bold], bg: rich ? .indexed(236) : .default, mono: [.reverse, .bold])
    text = .plain
    heading1 = s(cyan, [.bold, .underline], mono: [.bold, .underline])
    heading2 = s(blue, [.bold], mono: [.bold])
    emphasis = Style(attributes: [.italic])
    strong = Style(attributes: [.bold])
    code = s(yellow, [], mono: [.underline])
    link = s(blue, [.underline], mono: [.underline])
    dim = s(grey, [], mono: [.dim])
    border = s(grey, [], mono: [])
    focusedBorder = s(yellow, [.bold], mono: [.bold])
    selection = s(.default, [.reverse], mono: [.reverse])
    correct = s(green, [.bold], mono: [.bold])
    wrong = s(red, [.bold], mono: [.bold, .underline])
    warning = s(yellow, [.bold], mono: [.bold])
    accent = s(magenta, [.bold], mono: [.bold])
    series = [
      s(cyan, [], mono: []), s(magenta, [], mono: []), s(yellow, [], mono: []),
      s(green, [], mono: []),
    ]
  }
}

/// Symbols, with an ASCII set for non-UTF-8 locales and `--ascii`.
struct Symbols: Sendable, Equatable {
  var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: Character
  var bullet, check, cross, pointer, radioOn, radioOff, boxOn, boxOff: String
  var scrollThumb, scrollTrack: Character
  var ellipsis: String
  var separator: String
  /// Starts a row that continues a wrapped code line.
  var continuation: String
  /// Markers per chart series, used when drawing without braille/colour.
  var seriesMarks: [Character]

  static let unicode = Symbols(
    horizontal: "─", vertical: "│", topLeft: "╭", topRight: "╮", bottomLeft: "╰",
    bottomRight: "╯", bullet: "•", check: "✓", cross: "✗", pointer: "›", radioOn: "(•)",
    radioOff: "( )", boxOn: "[x]", boxOff: "[ ]", scrollThumb: "█", scrollTrack: "│",
    ellipsis: "…", separator: " · ", continuation: "↪", seriesMarks: ["●", "▲", "■", "◆"])
  static let ascii = Symbols(
    horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
    bottomRight: "+", bullet: "*", check: "v", cross: "x", pointer: ">", radioOn: "(*)",
    radioOff: "( )", boxOn: "[x]", boxOff: "[ ]", scrollThumb: "#", scrollTrack: "|",
    ellipsis: "...", separator: " - ", continuation: ">>", seriesMarks: ["*", "+", "o", "#"])

  static func forCapabilities(_ c: DisplayCapabilities) -> Symbols {
    c.unicode ? .unicode : .ascii
  }
}

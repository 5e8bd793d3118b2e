/// The characters widgets draw with: Unicode, or a 7-bit ASCII fallback for non-UTF-8 locales.
public struct Glyphs: Sendable, Equatable {
  public var isUnicode: Bool
  public var horizontal: Character
  public var vertical: Character
  public var topLeft: Character
  public var topRight: Character
  public var bottomLeft: Character
  public var bottomRight: Character
  public var teeDown: Character
  public var teeUp: Character
  public var teeRight: Character
  public var teeLeft: Character
  public var cross: Character
  /// Bullets by nesting depth (cycled).
  public var bullets: [String]
  public var ellipsis: String
  public var quoteBar: String
  public var scrollTrack: Character
  public var scrollThumb: Character
  public var checkboxOn: String
  public var checkboxOff: String
  public var pointer: String
  public var markerLine: Character
  public var cursorLine: Character
  public var gaugeFilled: Character
  public var gaugeEmpty: Character
  public var thematicBreak: Character

  public static let unicode = Glyphs(
    isUnicode: true, horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐",
    bottomLeft: "└", bottomRight: "┘", teeDown: "┬", teeUp: "┴", teeRight: "├", teeLeft: "┤",
    cross: "┼", bullets: ["•", "◦", "▪"], ellipsis: "…", quoteBar: "│ ", scrollTrack: "│",
    scrollThumb: "█", checkboxOn: "[✓]", checkboxOff: "[ ]", pointer: "▶ ", markerLine: "┊",
    cursorLine: "│", gaugeFilled: "█", gaugeEmpty: "░", thematicBreak: "─")

  public static let ascii = Glyphs(
    isUnicode: false, horizontal: "-", vertical: "|", topLeft: "+", topRight: "+",
    bottomLeft: "+", bottomRight: "+", teeDown: "+", teeUp: "+", teeRight: "+", teeLeft: "+",
    cross: "+", bullets: ["*", "-", "+"], ellipsis: "...", quoteBar: "| ", scrollTrack: "|",
    scrollThumb: "#", checkboxOn: "[x]", checkboxOff: "[ ]", pointer: "> ", markerLine: ":",
    cursorLine: "|", gaugeFilled: "#", gaugeEmpty: ".", thematicBreak: "-")

  public static func forUnicode(_ unicode: Bool) -> Glyphs { unicode ? .unicode : .ascii }

  public func bullet(depth: Int) -> String { bullets[max(0, depth) % bullets.count] }
}

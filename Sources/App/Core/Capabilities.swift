/// What the terminal can show; the view picks glyphs and styles from it.
import TerminalUI

public struct DisplayCapabilities: Sendable, Hashable {
  public enum ColorLevel: Sendable, Hashable {
    /// No colour: states are told apart by glyphs and attributes (bold, reverse, underline).
    case none
    /// 8 or 16 colours.
    case basic
    /// The xterm 256-colour palette.
    case palette256
  }
  /// False in a non-UTF-8 locale or with `--ascii`: every glyph the app draws is then ASCII.
  public var unicode: Bool
  public var color: ColorLevel
  public init(unicode: Bool, color: ColorLevel) {
    self.unicode = unicode
    self.color = color
  }
  public static let full = DisplayCapabilities(unicode: true, color: .palette256)
  public static let monochrome = DisplayCapabilities(unicode: true, color: .none)
  public var hasColor: Bool { color != .none }
  /// The same, as TerminalUI's themes take it.
  public var colorMode: ColorMode {
    switch color {
    case .none: .none
    case .basic: .ansi8
    case .palette256: .ansi256
    }
  }
}

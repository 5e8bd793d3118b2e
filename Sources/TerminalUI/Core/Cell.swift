/// Terminal colours, resolved by the backend to what the terminal supports.
public enum Color: Sendable, Hashable {
  case `default`
  /// One of the 16 ANSI colours (0–7 normal, 8–15 bright).
  case ansi(UInt8)
  /// An xterm-256 palette index; the backend degrades it to `ansi` on 8/16-colour terminals.
  case indexed(UInt8)
}

public struct TextAttributes: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  public static let bold = TextAttributes(rawValue: 1 << 0)
  public static let dim = TextAttributes(rawValue: 1 << 1)
  public static let italic = TextAttributes(rawValue: 1 << 2)
  public static let underline = TextAttributes(rawValue: 1 << 3)
  public static let reverse = TextAttributes(rawValue: 1 << 4)
}

public struct Style: Sendable, Hashable {
  public var foreground: Color
  public var background: Color
  public var attributes: TextAttributes
  public init(
    foreground: Color = .default, background: Color = .default, attributes: TextAttributes = []
  ) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }
  public static let plain = Style()
}

/// One terminal cell. A wide grapheme (CJK, most emoji) occupies its cell and the next one,
/// which holds a `continuation` cell so the backend skips it.
public struct Cell: Sendable, Hashable {
  public var grapheme: Character
  public var style: Style
  /// 1 for ordinary cells, 2 for the first half of a wide grapheme, 0 for its second half.
  public var width: UInt8

  public init(_ grapheme: Character = " ", style: Style = .plain, width: UInt8 = 1) {
    self.grapheme = grapheme
    self.style = style
    self.width = width
  }
  public static let blank = Cell()

  /// Scalar-exact comparison: much faster than `Character`'s canonical equivalence for non-ASCII
  /// graphemes (braille, box drawing), and what the terminal sees anyway. Equal cells still hash
  /// alike, since scalar-equal graphemes are canonically equal. Identical bit patterns (the same
  /// small inline string, or the same storage) are equal without looking further.
  public static func == (a: Cell, b: Cell) -> Bool {
    guard a.width == b.width, a.style == b.style else { return false }
    if MemoryLayout<Character>.size == 16 {
      let x = unsafeBitCast(a.grapheme, to: (UInt64, UInt64).self)
      let y = unsafeBitCast(b.grapheme, to: (UInt64, UInt64).self)
      if x == y { return true }
    }
    return a.grapheme.unicodeScalars.elementsEqual(b.grapheme.unicodeScalars)
  }
  public static func continuation(_ style: Style) -> Cell { Cell(" ", style: style, width: 0) }
}

public struct Rect: Sendable, Hashable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }
  public var maxX: Int { x + width }
  public var maxY: Int { y + height }
  public var isEmpty: Bool { width == 0 || height == 0 }
}

/// The typed model of the Markdown subset lessons use.
///
/// Text in this model is already sanitised (see `Sanitizer`): it holds no C0/C1 control
/// characters, ESC/CSI/OSC sequences or bidi overrides (tabs are expanded to spaces; line
/// structure lives in blocks, `lineBreak` and the `\n`s of code text), so any renderer can draw it
/// without re-checking.

/// A position in a source file, 1-based; columns count Unicode scalars.
public struct SourcePosition: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }
  public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
    (a.line, a.column) < (b.line, b.column)
  }
  public var description: String { "\(line):\(column)" }
}

public indirect enum Inline: Sendable, Equatable {
  case text(String)
  case emphasis([Inline])
  case strong([Inline])
  case strikethrough([Inline])
  case code(String)
  case link(text: [Inline], destination: String)
  /// A hard line break (two trailing spaces or a backslash at the end of a line).
  case lineBreak
}

public enum TableAlignment: Sendable, Equatable {
  case none, left, center, right
}

public struct Table: Sendable, Equatable {
  public var alignments: [TableAlignment]
  public var header: [[Inline]]
  public var rows: [[[Inline]]]
  public init(alignments: [TableAlignment], header: [[Inline]], rows: [[[Inline]]]) {
    self.alignments = alignments
    self.header = header
    self.rows = rows
  }
}

public struct ListItem: Sendable, Equatable {
  /// nil for an ordinary item; true/false for a task item (`- [x]` / `- [ ]`).
  public var checked: Bool?
  public var blocks: [Block]
  public init(checked: Bool? = nil, blocks: [Block]) {
    self.checked = checked
    self.blocks = blocks
  }
}

public struct FencedCode: Sendable, Equatable {
  /// The info string's first word ("python", "quiz", "lab", …), lowercased; "" if none.
  public var language: String
  /// The rest of the info string after the first word, as written (e.g. "model=sine epochs=30").
  public var arguments: String
  public var text: String
  /// Where the opening fence is, and where the first content line is.
  public var fencePosition: SourcePosition
  public var contentLine: Int
  /// False if the closing fence is missing (the block then runs to the end of its container).
  public var isClosed: Bool
  public init(
    language: String, arguments: String, text: String, fencePosition: SourcePosition,
    contentLine: Int, isClosed: Bool = true
  ) {
    self.language = language
    self.arguments = arguments
    self.text = text
    self.fencePosition = fencePosition
    self.contentLine = contentLine
    self.isClosed = isClosed
  }
}

public indirect enum BlockKind: Sendable, Equatable {
  case heading(level: Int, content: [Inline])
  case paragraph([Inline])
  case bulletList([ListItem])
  case orderedList(start: Int, items: [ListItem])
  case code(FencedCode)
  case table(Table)
  case quote([Block])
  case thematicBreak
}

public struct Block: Sendable, Equatable {
  public var kind: BlockKind
  /// Where the block starts in its source.
  public var position: SourcePosition
  public init(_ kind: BlockKind, at position: SourcePosition) {
    self.kind = kind
    self.position = position
  }
}

public struct Document: Sendable, Equatable {
  public var blocks: [Block]
  public init(blocks: [Block]) { self.blocks = blocks }
}

/// Splits a snippet into tokens, Python-style: INDENT / DEDENT from leading whitespace,
/// NEWLINE at the end of logical lines, implicit line joining inside brackets.
struct Lexer {
  let lines: SourceLines
  let chars: [Unicode.Scalar]
  var index = 0
  var line = 1
  var column = 1
  var tokens: [Token] = []
  var indents: [Int] = [0]
  var brackets: [(Unicode.Scalar, Int, Int)] = []
  var atLineStart = true

  init(source: String, lines: SourceLines) {
    self.lines = lines
    var scalars = Array(source.unicodeScalars)
    // A byte-order mark at the start is not part of the code (Python skips it too).
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    chars = scalars
  }

  func peek(_ offset: Int = 0) -> Unicode.Scalar? {
    index + offset < chars.count ? chars[index + offset] : nil
  }

  mutating func advance() {
    if chars[index] == "\n" {
      line += 1
      column = 1
    } else {
      column += 1
    }
    index += 1
  }

  func fail(_ message: String, _ line: Int, _ column: Int) -> SnippetError {
    lines.error(message, line: line, column: column)
  }

  mutating func emit(_ kind: Token.Kind, _ line: Int, _ column: Int) {
    tokens.append(Token(kind: kind, line: line, column: column))
  }

  mutating func tokenize() throws(SnippetError) -> [Token] {
    while index < chars.count {
      if atLineStart && brackets.isEmpty {
        try readIndentation()
        continue
      }
      let c = chars[index]
      let (l, col) = (line, column)
      switch c {
      // U+00A0 (no-break space) is what indentation often becomes when code is copied from a
      // web page; it is read as a space.
      case " ", "\t", "\r", "\u{0C}", "\u{A0}":
        advance()
      case "#":
        while let next = peek(), next != "\n" { advance() }
      case "\n":
        advance()
        if brackets.isEmpty {
          emit(.newline, l, col)
          atLineStart = true
        }
      case "\\":
        advance()
        while let next = peek(), next == " " || next == "\t" || next == "\r" { advance() }
        guard peek() == "\n" else {
          throw fail("unexpected character after line continuation character", l, col)
        }
        advance()
      case "0"..."9":
        try readNumber()
      case ".":
        if let next = peek(1), ("0"..."9").contains(next) {
          try readNumber()
        } else {
          advance()
          emit(.op("."), l, col)
        }
      case "'", "\"":
        try readString(prefix: "")
      case _ where isIdentifierStart(c):
        var name = ""
        while let next = peek(), isIdentifierContinue(next) {
          name.unicodeScalars.append(next)
          advance()
        }
        if let quote = peek(), quote == "'" || quote == "\"", isStringPrefix(name) {
          try readString(prefix: name.lowercased(), line: l, column: col)
        } else {
          emit(.name(name), l, col)
        }
      default:
        try readOperator()
      }
    }
    if let (open, l, col) = brackets.last {
      throw fail("'\(open)' was never closed", l, col)
    }
    if tokens.last.map({ $0.kind != .newline && $0.kind != .dedent }) ?? false {
      emit(.newline, line, column)
    }
    while indents.count > 1 {
      indents.removeLast()
      emit(.dedent, line, column)
    }
    emit(.end, line, column)
    return tokens
  }

  /// At the start of a line: measure its indentation; blank and comment-only lines are skipped.
  mutating func readIndentation() throws(SnippetError) {
    var width = 0
    while let c = peek(), c == " " || c == "\t" || c == "\u{0C}" || c == "\u{A0}" {
      width = c == "\t" ? (width / 8 + 1) * 8 : width + 1
      advance()
    }
    guard let c = peek() else { return }
    if c == "\n" || c == "#" || c == "\r" {
      while let next = peek(), next != "\n" { advance() }
      if peek() == "\n" { advance() }
      return
    }
    atLineStart = false
    if width > indents[indents.count - 1] {
      indents.append(width)
      emit(.indent, line, column)
    } else {
      while width < indents[indents.count - 1] {
        indents.removeLast()
        emit(.dedent, line, column)
      }
      if width != indents[indents.count - 1] {
        throw fail("unindent does not match any outer indentation level", line, column)
      }
    }
  }

  static let threeCharacterOperators: Set<String> = ["**=", "//=", ">>=", "<<=", "..."]
  static let twoCharacterOperators: Set<String> = [
    "**", "//", "==", "!=", "<=", ">=", "->", "+=", "-=", "*=", "/=", "%=", "<<", ">>", ":=",
    "&=", "|=", "^=", "@=",
  ]
  /// The characters that can start a two- or three-character operator.
  static let operatorStarts: Set<Unicode.Scalar> = [
    "*", "/", "=", "!", "<", ">", "-", "+", "%", ":", "&", "|", "^", "@", ".",
  ]

  mutating func readOperator() throws(SnippetError) {
    let (l, col) = (line, column)
    let c = chars[index]
    if Self.operatorStarts.contains(c), let next = peek(1) {
      for length in [3, 2] where index + length <= chars.count {
        if length == 3 && peek(2) == nil { continue }
        var text = String(c)
        text.unicodeScalars.append(next)
        if length == 3 { text.unicodeScalars.append(chars[index + 2]) }
        let candidates = length == 3 ? Self.threeCharacterOperators : Self.twoCharacterOperators
        if candidates.contains(text) {
          for _ in 0..<length { advance() }
          emit(.op(text), l, col)
          return
        }
      }
    }
    switch c {
    case "(", "[", "{":
      brackets.append((c, l, col))
    case ")", "]", "}":
      let expected: Unicode.Scalar = c == ")" ? "(" : c == "]" ? "[" : "{"
      guard let (open, _, _) = brackets.last else {
        throw fail("unmatched '\(c)'", l, col)
      }
      guard open == expected else {
        throw fail(
          "closing parenthesis '\(c)' does not match opening parenthesis '\(open)'", l, col)
      }
      brackets.removeLast()
    case "+", "-", "*", "/", "%", "<", ">", "=", ",", ":", ";", "&", "|", "^", "~", "@", "!":
      break
    default:
      let hex = String(c.value, radix: 16, uppercase: true)
      let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
      if c.properties.isWhitespace || c.properties.generalCategory == .control
        || c.properties.generalCategory == .format
      {
        throw fail("invalid non-printable character \(code)", l, col)
      }
      throw fail("invalid character '\(c)' (\(code))", l, col)
    }
    advance()
    emit(.op(String(c)), l, col)
  }

  func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
    c == "_" || c.properties.isXIDStart
  }

  func isIdentifierContinue(_ c: Unicode.Scalar) -> Bool {
    c == "_" || c.properties.isXIDContinue
  }

  func isStringPrefix(_ name: String) -> Bool {
    ["r", "u", "f", "b", "rb", "br", "fr", "rf"].contains(name.lowercased())
  }
}

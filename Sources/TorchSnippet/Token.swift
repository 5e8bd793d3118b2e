/// A lexical token of the Python subset, with where it starts (1-based line and column).
struct Token: Sendable, Equatable {
  enum Kind: Sendable, Equatable {
    case name(String)
    case int(Int)
    /// An integer literal beyond 64 bits: its digits, with a `0x` / `0o` / `0b` prefix if any.
    case bigInt(String)
    /// `b'…'`: its text is never used.
    case bytes
    case float(Double)
    case string(String)
    /// An f-string: kept as text, never evaluated.
    case fstring(String)
    case op(String)
    case newline
    case indent
    case dedent
    case end
  }

  var kind: Kind
  var line: Int
  var column: Int

  /// How the token reads in an error message.
  var display: String {
    switch kind {
    case .name(let name): return "'\(name)'"
    case .int, .bigInt, .float: return "number"
    case .string, .fstring, .bytes: return "string"
    case .op(let op): return "'\(op)'"
    case .newline: return "end of line"
    case .indent: return "indent"
    case .dedent: return "dedent"
    case .end: return "end of input"
    }
  }

  func isOp(_ op: String) -> Bool { kind == .op(op) }
  func isName(_ name: String) -> Bool { kind == .name(name) }
}

/// Python's reserved words: never usable as variable names.
let pythonKeywords: Set<String> = [
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
  "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
  "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
  "yield",
]

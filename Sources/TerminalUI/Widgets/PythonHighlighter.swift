/// Python syntax classes the highlighter tells apart.
public enum PythonTokenKind: Sendable, Hashable {
  case plain, keyword, builtin, string, number, comment, decorator
}

/// A small, line-oriented Python highlighter (keywords, builtins, strings incl. triple-quoted ones
/// spanning lines, numbers, comments, decorators). Not a parser: good enough to colour snippets.
public struct PythonHighlighter: Sendable {
  public static let keywords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in",
    "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
    "yield", "match", "case",
  ]
  public static let builtins: Set<String> = [
    "abs", "all", "any", "bool", "dict", "enumerate", "float", "int", "len", "list", "max", "min",
    "print", "range", "round", "set", "sorted", "str", "sum", "super", "tuple", "type", "zip",
    "isinstance", "map", "filter", "open", "iter", "next", "self", "object", "format", "pow",
  ]

  public init() {}

  /// Tokens per line of `code` (split on "\n"), carrying triple-quoted strings across lines.
  public func tokenize(_ code: String) -> [[(kind: PythonTokenKind, text: String)]] {
    var openTriple: String? = nil
    return code.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      tokenizeLine(Array(line), openTriple: &openTriple)
    }
  }

  /// Styled lines of `code` using the theme's code roles.
  public func highlight(_ code: String, theme: Theme) -> [StyledText] {
    tokenize(code).map { tokens in
      var text = StyledText()
      for token in tokens { text.append(token.text, style: theme[Self.role(token.kind)]) }
      return text
    }
  }

  public static func role(_ kind: PythonTokenKind) -> ThemeRole {
    switch kind {
    case .plain: return .code
    case .keyword: return .codeKeyword
    case .builtin: return .codeBuiltin
    case .string: return .codeString
    case .number: return .codeNumber
    case .comment: return .codeComment
    case .decorator: return .codeDecorator
    }
  }

  private func tokenizeLine(_ chars: [Character], openTriple: inout String?)
    -> [(kind: PythonTokenKind, text: String)]
  {
    var tokens: [(kind: PythonTokenKind, text: String)] = []
    func add(_ kind: PythonTokenKind, _ text: String) {
      guard !text.isEmpty else { return }
      if let last = tokens.last, last.kind == kind {
        tokens[tokens.count - 1].text += text
      } else {
        tokens.append((kind, text))
      }
    }
    var i = 0
    if let quote = openTriple {
      let end = findTripleEnd(chars, from: 0, quote: quote)
      add(.string, String(chars[0..<end]))
      i = end
      if end == chars.count && !endsWith(chars, quote, at: end) { return tokens }
      openTriple = nil
    }
    while i < chars.count {
      let c = chars[i]
      if c == "#" {
        add(.comment, String(chars[i...]))
        break
      }
      // String, with an optional r/b/f/u prefix.
      var quoteStart = i
      while quoteStart < chars.count, quoteStart - i < 2, "rRbBfFuU".contains(chars[quoteStart]) {
        quoteStart += 1
      }
      if quoteStart < chars.count, chars[quoteStart] == "\"" || chars[quoteStart] == "'",
        quoteStart == i || !isIdentifier(previous: chars, at: i)
      {
        let q = chars[quoteStart]
        let triple = String(repeating: q, count: 3)
        if quoteStart + 2 < chars.count, chars[quoteStart + 1] == q, chars[quoteStart + 2] == q {
          let end = findTripleEnd(chars, from: quoteStart + 3, quote: triple)
          add(.string, String(chars[i..<end]))
          if !(end >= quoteStart + 6 && endsWith(chars, triple, at: end)) { openTriple = triple }
          i = end
          continue
        }
        var j = quoteStart + 1
        while j < chars.count, chars[j] != q {
          j += chars[j] == "\\" ? 2 : 1
        }
        j = min(j + 1, chars.count)
        add(.string, String(chars[i..<j]))
        i = j
        continue
      }
      if c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber),
        !isIdentifier(previous: chars, at: i)
      {
        var j = i
        while j < chars.count,
          chars[j].isLetter || chars[j].isNumber || chars[j] == "." || chars[j] == "_"
            || ((chars[j] == "-" || chars[j] == "+") && j > i && "eE".contains(chars[j - 1]))
        {
          j += 1
        }
        add(.number, String(chars[i..<j]))
        i = j
        continue
      }
      if c.isLetter || c == "_" || c == "@" {
        var j = i + 1
        while j < chars.count,
          chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || (c == "@" && chars[j] == ".")
        {
          j += 1
        }
        let word = String(chars[i..<j])
        let kind: PythonTokenKind =
          c == "@"
          ? .decorator
          : PythonHighlighter.keywords.contains(word)
            ? .keyword
            : PythonHighlighter.builtins.contains(word) && !isAttribute(chars, at: i)
              ? .builtin : .plain
        add(kind, word)
        i = j
        continue
      }
      add(.plain, String(c))
      i += 1
    }
    return tokens
  }

  private func isIdentifier(previous chars: [Character], at i: Int) -> Bool {
    i > 0 && (chars[i - 1].isLetter || chars[i - 1].isNumber || chars[i - 1] == "_")
  }

  private func isAttribute(_ chars: [Character], at i: Int) -> Bool { i > 0 && chars[i - 1] == "." }

  /// Index just after the closing `quote`, or the line's end.
  private func findTripleEnd(_ chars: [Character], from start: Int, quote: String) -> Int {
    let q = Array(quote)
    var j = start
    while j + 2 < chars.count {
      if chars[j] == "\\" {
        j += 2
        continue
      }
      if chars[j] == q[0], chars[j + 1] == q[1], chars[j + 2] == q[2] { return j + 3 }
      j += 1
    }
    return chars.count
  }

  private func endsWith(_ chars: [Character], _ quote: String, at end: Int) -> Bool {
    end >= 3 && String(chars[(end - 3)..<end]) == quote
  }
}

/// Number and string literals, in every Python spelling the subset accepts.
extension Lexer {
  mutating func readNumber() throws(SnippetError) {
    let (l, col) = (line, column)
    var text = ""
    func take(_ lexer: inout Lexer, while accept: (Unicode.Scalar) -> Bool) -> String {
      var out = ""
      while let c = lexer.peek(), accept(c) {
        out.unicodeScalars.append(c)
        lexer.advance()
      }
      return out
    }
    let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) || $0 == "_" }
    if peek() == "0", let x = peek(1), "xXoObB".unicodeScalars.contains(x) {
      advance()
      advance()
      let radix = x == "x" || x == "X" ? 16 : x == "o" || x == "O" ? 8 : 2
      let digits = take(&self) { $0.properties.isASCIIHexDigit || $0 == "_" }
      try checkUnderscores(digits, l, col)
      let clean = digits.replacingOccurrences("_", "")
      guard !clean.isEmpty,
        clean.unicodeScalars.allSatisfy({ Int(String($0), radix: radix) != nil })
      else {
        throw fail(
          digits.isEmpty ? "invalid number literal" : "invalid digit in integer literal", l, col)
      }
      try rejectTrailingLetters(l, col)
      if let value = Int(clean, radix: radix) {
        emit(.int(value), l, col)
      } else {
        emit(.bigInt((radix == 16 ? "0x" : radix == 8 ? "0o" : "0b") + clean), l, col)
      }
      return
    }
    text += take(&self, while: isDigit)
    var isFloat = false
    if peek() == "." {
      isFloat = true
      advance()
      text += "." + take(&self, while: isDigit)
    }
    if let e = peek(), e == "e" || e == "E" {
      let sign = peek(1)
      let hasSign = sign == "+" || sign == "-"
      if let d = peek(hasSign ? 2 : 1), ("0"..."9").contains(d) {
        isFloat = true
        advance()
        text += "e"
        if hasSign, let sign {
          text.unicodeScalars.append(sign)
          advance()
        }
        text += take(&self, while: isDigit)
      }
    }
    try checkUnderscores(text, l, col)
    if let j = peek(), j == "j" || j == "J" {
      throw fail("complex numbers are outside the supported subset", l, col)
    }
    try rejectTrailingLetters(l, col)
    var clean = text.contains("_") ? text.replacingOccurrences("_", "") : text
    if isFloat {
      if clean.hasPrefix(".") { clean = "0" + clean }
      clean = clean.replacingOccurrences(".e", ".0e")
      if clean.hasSuffix(".") { clean += "0" }
      guard let value = Double(clean) else { throw fail("invalid number literal", l, col) }
      emit(.float(value), l, col)
    } else {
      if clean.count > 1 && clean.hasPrefix("0") && clean.contains(where: { $0 != "0" }) {
        throw fail(
          "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
          l, col)
      }
      if let value = Int(clean) {
        emit(.int(value), l, col)
      } else {
        emit(.bigInt(clean), l, col)
      }
    }
  }

  private func checkUnderscores(_ text: String, _ l: Int, _ col: Int) throws(SnippetError) {
    guard text.utf8.contains(UInt8(ascii: "_")) else { return }
    if text.hasSuffix("_") || text.contains("__") || text.contains("_.") || text.contains("._")
      || text.contains("e_") || text.contains("_e")
    {
      throw fail("invalid decimal literal", l, col)
    }
  }

  private mutating func rejectTrailingLetters(_ l: Int, _ col: Int) throws(SnippetError) {
    if let c = peek(), c == "_" || c.properties.isXIDStart {
      throw fail("invalid decimal literal", l, col)
    }
  }

  mutating func readString(prefix: String, line l0: Int? = nil, column c0: Int? = nil)
    throws(SnippetError)
  {
    let l = l0 ?? line
    let col = c0 ?? column
    let raw = prefix.contains("r")
    let quote = chars[index]
    let triple = peek(1) == quote && peek(2) == quote
    for _ in 0..<(triple ? 3 : 1) { advance() }
    var value = ""
    while true {
      guard let c = peek() else {
        throw fail(
          triple ? "unterminated triple-quoted string literal" : "unterminated string literal", l,
          col)
      }
      if c == quote && (!triple || (peek(1) == quote && peek(2) == quote)) {
        for _ in 0..<(triple ? 3 : 1) { advance() }
        break
      }
      if c == "\n" && !triple {
        throw fail("unterminated string literal", l, col)
      }
      if c == "\\" {
        advance()
        guard let escaped = peek() else { continue }
        advance()
        if raw {
          value.unicodeScalars.append("\\")
          value.unicodeScalars.append(escaped)
          continue
        }
        switch escaped {
        case "n": value += "\n"
        case "t": value += "\t"
        case "r": value += "\r"
        case "0": value += "\0"
        case "\\", "'", "\"": value.unicodeScalars.append(escaped)
        case "\n": break
        case "x", "u", "U":
          let count = escaped == "x" ? 2 : escaped == "u" ? 4 : 8
          var hex = ""
          for _ in 0..<count {
            guard let h = peek(), h.properties.isASCIIHexDigit else {
              throw fail("truncated \\\(escaped) escape in string literal", l, col)
            }
            hex.unicodeScalars.append(h)
            advance()
          }
          guard let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
            throw fail("invalid \\\(escaped) escape in string literal", l, col)
          }
          value.unicodeScalars.append(scalar)
        default:
          value.unicodeScalars.append("\\")
          value.unicodeScalars.append(escaped)
        }
        continue
      }
      value.unicodeScalars.append(c)
      advance()
    }
    emit(
      prefix.contains("b") ? .bytes : prefix.contains("f") ? .fstring(value) : .string(value), l,
      col)
  }
}

extension String {
  func replacingOccurrences(_ target: String, _ replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}

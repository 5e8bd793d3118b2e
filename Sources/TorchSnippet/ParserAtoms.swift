/// Atoms and their trailers: names, literals, brackets, `.attr`, `(args)`, `[index]`.
extension Parser {
  mutating func parsePrimary() throws(SnippetError) -> Expr {
    // Long chains (a + b + …, a.b.c…) count toward the nesting limit: evaluation recurses.
    let entryDepth = depth
    defer { depth = entryDepth }
    var expr = try parseAtom()
    while true {
      let token = current
      guard token.isOp(".") || token.isOp("(") || token.isOp("[") else { return expr }
      try enter()
      // Attributes point at their name and calls at their callee's, so a caret lands under
      // `StepLR` in `torch.optim.lr_scheduler.StepLR(…)`.
      if token.isOp(".") {
        advance()
        let nameToken = current
        expr = make(.attribute(expr, try expectName()), nameToken)
      } else if token.isOp("(") {
        advance()
        expr = try parseCallArguments(
          callee: expr, Token(kind: token.kind, line: expr.line, column: expr.column))
      } else if token.isOp("[") {
        advance()
        if current.isOp(":") { throw fail("slices are outside the supported subset", at: current) }
        let index = try parseExpressionList()
        if current.isOp(":") { throw fail("slices are outside the supported subset", at: current) }
        try expectOp("]")
        expr = make(.subscript(expr, index), token)
      } else {
        return expr
      }
    }
  }

  mutating func parseCallArguments(callee: Expr, _ open: Token) throws(SnippetError) -> Expr {
    try enter()
    defer { depth -= 1 }
    var positional: [Expr] = []
    var keywords: [KeywordArgument] = []
    while !current.isOp(")") {
      let token = current
      if token.isOp("*") || token.isOp("**") {
        throw fail("argument unpacking is outside the supported subset", at: token)
      }
      if case .name(let name) = token.kind, peek(1).isOp("="), !pythonKeywords.contains(name) {
        advance()
        advance()
        if keywords.contains(where: { $0.name == name }) {
          throw fail("keyword argument repeated: \(name)", at: token)
        }
        keywords.append(
          KeywordArgument(
            name: name, value: try parseExpression(), line: token.line, column: token.column))
      } else {
        let value = try parseExpression()
        if current.isName("for") {
          throw fail("comprehensions are outside the supported subset", at: current)
        }
        if !keywords.isEmpty {
          throw fail("positional argument follows keyword argument", at: token)
        }
        positional.append(value)
      }
      if current.isOp(",") {
        advance()
      } else if !current.isOp(")") {
        throw unexpected(current, expecting: "',' or ')'")
      }
    }
    advance()
    return make(.call(callee, positional, keywords), open)
  }

  mutating func parseAtom() throws(SnippetError) -> Expr {
    let token = current
    switch token.kind {
    case .int(let value):
      advance()
      return make(.int(value), token)
    case .float(let value):
      advance()
      return make(.float(value), token)
    case .string, .fstring:
      var text = ""
      var formatted = false
      while true {
        if case .string(let part) = current.kind {
          text += part
        } else if case .fstring = current.kind {
          formatted = true
        } else {
          break
        }
        advance()
      }
      return make(formatted ? .fstring : .string(text), token)
    case .name("True"):
      advance()
      return make(.bool(true), token)
    case .name("False"):
      advance()
      return make(.bool(false), token)
    case .name("None"):
      advance()
      return make(.none, token)
    case .name(let name) where !pythonKeywords.contains(name):
      advance()
      return make(.name(name), token)
    case .op("("):
      advance()
      return try parseBracketed(close: ")", token)
    case .op("["):
      advance()
      return try parseBracketed(close: "]", token)
    case .op("{"):
      advance()
      return try parseDict(token)
    default:
      throw unexpected(token, expecting: "an expression")
    }
  }

  /// `( … )` (parenthesized expression or tuple) and `[ … ]` (list).
  mutating func parseBracketed(close: String, _ open: Token) throws(SnippetError) -> Expr {
    try enter()
    defer { depth -= 1 }
    var items: [Expr] = []
    var sawComma = false
    while !current.isOp(close) {
      if current.isOp("*") { throw fail("unpacking is outside the supported subset", at: current) }
      items.append(try parseExpression())
      if current.isName("for") {
        throw fail("comprehensions are outside the supported subset", at: current)
      }
      if current.isOp(",") {
        sawComma = true
        advance()
      } else if !current.isOp(close) {
        throw unexpected(current, expecting: "',' or '\(close)'")
      }
    }
    advance()
    if close == "]" { return make(.list(items), open) }
    if items.count == 1 && !sawComma { return items[0] }
    return make(.tuple(items), open)
  }

  mutating func parseDict(_ open: Token) throws(SnippetError) -> Expr {
    try enter()
    defer { depth -= 1 }
    var entries: [(key: Expr, value: Expr)] = []
    while !current.isOp("}") {
      if current.isOp("**") {
        throw fail("dict unpacking is outside the supported subset", at: current)
      }
      let key = try parseExpression()
      guard current.isOp(":") else {
        if current.isOp(",") || current.isOp("}") {
          throw fail("sets are outside the supported subset", at: open)
        }
        throw unexpected(current, expecting: "':'")
      }
      advance()
      entries.append((key, try parseExpression()))
      if current.isName("for") {
        throw fail("comprehensions are outside the supported subset", at: current)
      }
      if current.isOp(",") {
        advance()
      } else if !current.isOp("}") {
        throw unexpected(current, expecting: "',' or '}'")
      }
    }
    advance()
    return make(.dict(entries), open)
  }
}

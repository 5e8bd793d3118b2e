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
        let index = try parseSubscriptList()
        try expectOp("]")
        expr = make(.subscript(expr, index), token)
      } else {
        return expr
      }
    }
  }

  /// `x[i]`, `x[a:b]`, `x[::2]`, `x[:, 0]`.
  mutating func parseSubscriptList() throws(SnippetError) -> Expr {
    let token = current
    var items: [Expr] = []
    var sawComma = false
    repeat {
      if current.isOp(",") {
        sawComma = true
        advance()
        if current.isOp("]") { break }
      }
      items.append(try parseSubscriptItem())
    } while current.isOp(",")
    return items.count == 1 && !sawComma ? items[0] : make(.tuple(items), token)
  }

  mutating func parseSubscriptItem() throws(SnippetError) -> Expr {
    let token = current
    var lower: Expr?
    if !current.isOp(":") {
      lower = try parseListItem()
      guard current.isOp(":") else { return lower! }
    }
    advance()
    let endsPart: (Token) -> Bool = { $0.isOp(":") || $0.isOp(",") || $0.isOp("]") }
    let upper = endsPart(current) ? nil : try parseExpression()
    var step: Expr?
    if current.isOp(":") {
      advance()
      step = endsPart(current) ? nil : try parseExpression()
    }
    return make(.slice(lower: lower, upper: upper, step: step), token)
  }

  /// `for target in iterable [if test]…` clauses, after a comprehension's element.
  mutating func parseComprehensionClauses() throws(SnippetError) -> [ComprehensionClause] {
    var clauses: [ComprehensionClause] = []
    while current.isName("for") || (current.isName("async") && peek(1).isName("for")) {
      if current.isName("async") { advance() }
      advance()
      let target = try target(from: try parseTargetList())
      guard current.isName("in") else { throw unexpected(current, expecting: "'in'") }
      advance()
      clauses.append(.for(target, try parseOr()))
      while current.isName("if") {
        advance()
        clauses.append(.if(try parseOrTest()))
      }
    }
    return clauses
  }

  /// A comprehension condition: an `or` test, or a lambda-free conditional.
  mutating func parseOrTest() throws(SnippetError) -> Expr {
    try parseOr()
  }

  mutating func parseCallArguments(callee: Expr, _ open: Token) throws(SnippetError) -> Expr {
    try enter()
    defer { depth -= 1 }
    var positional: [Expr] = []
    var keywords: [KeywordArgument] = []
    while !current.isOp(")") {
      let token = current
      if token.isOp("**") {
        advance()
        keywords.append(
          KeywordArgument(
            name: "**", value: try parseExpression(), line: token.line, column: token.column))
      } else if case .name(let name) = token.kind, peek(1).isOp("="), !pythonKeywords.contains(name)
      {
        advance()
        advance()
        if keywords.contains(where: { $0.name == name }) {
          throw fail("keyword argument repeated: \(name)", at: token)
        }
        keywords.append(
          KeywordArgument(
            name: name, value: try parseExpression(), line: token.line, column: token.column))
      } else {
        var value = try parseListItem()
        if current.isName("for") {
          let clauses = try parseComprehensionClauses()
          value = make(.comprehension(.generator, element: value, clauses: clauses), token)
          if !(positional.isEmpty && keywords.isEmpty && current.isOp(")")) {
            throw fail("Generator expression must be parenthesized", at: token)
          }
        }
        if keywords.contains(where: { !$0.isUnpacking }), case .starred = value.kind {
          // `f(a=1, *args)` is valid Python.
        } else if !keywords.isEmpty {
          throw fail(
            keywords.contains(where: { $0.isUnpacking })
              ? "positional argument follows keyword argument unpacking"
              : "positional argument follows keyword argument", at: token)
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
    case .bigInt(let digits):
      advance()
      return make(.bigInt(digits), token)
    case .bytes:
      while case .bytes = current.kind { advance() }
      return make(.bytes, token)
    case .op("..."):
      advance()
      return make(.ellipsis, token)
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

  /// `( … )` (parenthesized expression, tuple or generator) and `[ … ]` (list or list
  /// comprehension).
  mutating func parseBracketed(close: String, _ open: Token) throws(SnippetError) -> Expr {
    try enter()
    defer { depth -= 1 }
    var items: [Expr] = []
    var sawComma = false
    while !current.isOp(close) {
      items.append(try parseListItem())
      if current.isName("for") && items.count == 1 && !sawComma {
        let clauses = try parseComprehensionClauses()
        try expectOp(close)
        return make(
          .comprehension(close == "]" ? .list : .generator, element: items[0], clauses: clauses),
          open)
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
    if items.count == 1 && !sawComma {
      if case .starred = items[0].kind {
        throw lines.error(
          "can't use starred expression here", line: items[0].line, column: items[0].column)
      }
      return items[0]
    }
    return make(.tuple(items), open)
  }

  /// `{}` / `{k: v, **m}` (dict), `{a, *b}` (set), and their comprehensions.
  mutating func parseDict(_ open: Token) throws(SnippetError) -> Expr {
    try enter()
    defer { depth -= 1 }
    var entries: [DictEntry] = []
    var elements: [Expr] = []
    while !current.isOp("}") {
      if current.isOp("**") {
        guard elements.isEmpty else { throw unexpected(current, expecting: "an expression") }
        advance()
        entries.append(DictEntry(key: nil, value: try parseBitOr()))
      } else {
        let key = try parseListItem()
        if current.isOp(":") && elements.isEmpty {
          if case .starred = key.kind { throw unexpected(current, expecting: "',' or '}'") }
          advance()
          let value = try parseExpression()
          if current.isName("for") && entries.isEmpty {
            let clauses = try parseComprehensionClauses()
            try expectOp("}")
            return make(.dictComprehension(key: key, value: value, clauses: clauses), open)
          }
          entries.append(DictEntry(key: key, value: value))
        } else {
          guard entries.isEmpty else { throw unexpected(current, expecting: "':'") }
          if current.isName("for") && elements.isEmpty {
            let clauses = try parseComprehensionClauses()
            try expectOp("}")
            return make(.comprehension(.set, element: key, clauses: clauses), open)
          }
          elements.append(key)
        }
      }
      if current.isOp(",") {
        advance()
      } else if !current.isOp("}") {
        throw unexpected(current, expecting: "',' or '}'")
      }
    }
    advance()
    return elements.isEmpty ? make(.dict(entries), open) : make(.set(elements), open)
  }
}

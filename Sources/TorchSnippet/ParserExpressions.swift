/// Expressions, by Python's precedence: lambda, conditional, or, and, not, comparison,
/// + -, * / // %, unary, **, then atoms with `.name`, calls and subscripts.
extension Parser {
  func make(_ kind: Expr.Kind, _ token: Token) -> Expr {
    Expr(kind: kind, line: token.line, column: token.column)
  }

  /// `a, b, c` (a tuple when there is a comma) or one expression; `*rest` items where a tuple
  /// may unpack (`a, *b = …`, `return *a, b`).
  mutating func parseExpressionList(allowStarred: Bool = false) throws(SnippetError) -> Expr {
    let token = current
    let first = try parseListItem(allowStarred: allowStarred)
    guard current.isOp(",") else {
      if case .starred = first.kind {
        throw fail("can't use starred expression here", at: token)
      }
      return first
    }
    var items = [first]
    while current.isOp(",") {
      advance()
      if !startsExpression(current) { break }
      items.append(try parseListItem(allowStarred: allowStarred))
    }
    return make(.tuple(items), token)
  }

  /// One item of a list, tuple, set or argument list: an expression or `*expr`.
  mutating func parseListItem(allowStarred: Bool = true) throws(SnippetError) -> Expr {
    let token = current
    if allowStarred && token.isOp("*") {
      advance()
      return make(.starred(try parseBitOr()), token)
    }
    return try parseExpression()
  }

  /// `for` targets: names (possibly a tuple of them), never comparisons.
  mutating func parseTargetList() throws(SnippetError) -> Expr {
    let token = current
    var items = [try parsePrimary()]
    while current.isOp(",") {
      advance()
      if current.isName("in") { break }
      items.append(try parsePrimary())
    }
    return items.count == 1 ? items[0] : make(.tuple(items), token)
  }

  func startsExpression(_ token: Token) -> Bool {
    switch token.kind {
    case .name(let name):
      return !pythonKeywords.contains(name)
        || ["True", "False", "None", "lambda", "not", "await", "yield"].contains(name)
    case .int, .bigInt, .float, .string, .fstring, .bytes: return true
    case .op(let op): return ["(", "[", "{", "-", "+", "~", "*", "..."].contains(op)
    default: return false
    }
  }

  mutating func parseExpression() throws(SnippetError) -> Expr {
    try enter()
    defer { depth -= 1 }
    let token = current
    if token.isName("lambda") { return try parseLambda() }
    if token.isName("yield") {
      advance()
      var keyword = "yield"
      if current.isName("from") {
        advance()
        keyword = "yield from"
      }
      let value =
        startsExpression(current) && !current.isName("yield") ? try parseExpressionList() : nil
      return make(.suspended(keyword: keyword, value), token)
    }
    if case .name(let name) = token.kind, !pythonKeywords.contains(name), peek(1).isOp(":=") {
      advance()
      advance()
      return make(.namedExpression(name, try parseExpression()), token)
    }
    let body = try parseOr()
    guard current.isName("if") else { return body }
    advance()
    let test = try parseOr()
    guard current.isName("else") else { throw unexpected(current, expecting: "'else'") }
    advance()
    let orElse = try parseExpression()
    return make(.conditional(test: test, body: body, orElse: orElse), token)
  }

  mutating func parseLambda() throws(SnippetError) -> Expr {
    let token = current
    advance()
    let parameters = try parseParameters(closing: ":", annotations: false)
    try expectOp(":")
    let body = try parseExpression()
    return make(.lambda(parameters: parameters, body: body), token)
  }

  mutating func parseOr() throws(SnippetError) -> Expr {
    // Long chains (a + b + …, a.b.c…) count toward the nesting limit: evaluation recurses.
    let entryDepth = depth
    defer { depth = entryDepth }
    var left = try parseAnd()
    while current.isName("or") {
      try enter()
      let token = current
      advance()
      left = make(.or(left, try parseAnd()), token)
    }
    return left
  }

  mutating func parseAnd() throws(SnippetError) -> Expr {
    // Long chains (a + b + …, a.b.c…) count toward the nesting limit: evaluation recurses.
    let entryDepth = depth
    defer { depth = entryDepth }
    var left = try parseNot()
    while current.isName("and") {
      try enter()
      let token = current
      advance()
      left = make(.and(left, try parseNot()), token)
    }
    return left
  }

  mutating func parseNot() throws(SnippetError) -> Expr {
    let token = current
    guard token.isName("not") else { return try parseComparison() }
    try enter()
    defer { depth -= 1 }
    advance()
    return make(.not(try parseNot()), token)
  }

  mutating func compareOperator() -> CompareOperator? {
    switch current.kind {
    case .op(let op): return CompareOperator(rawValue: op)
    case .name("in"): return .contains
    case .name("is"): return peek(1).isName("not") ? .isNot : .isSame
    case .name("not") where peek(1).isName("in"): return .notContains
    default: return nil
    }
  }

  mutating func parseComparison() throws(SnippetError) -> Expr {
    // Long chains (a + b + …, a.b.c…) count toward the nesting limit: evaluation recurses.
    let entryDepth = depth
    defer { depth = entryDepth }
    let token = current
    let first = try parseBitOr()
    var rest: [(op: CompareOperator, rhs: Expr)] = []
    while let op = compareOperator() {
      try enter()
      advance()
      if op == .isNot || op == .notContains { advance() }
      rest.append((op, try parseBitOr()))
    }
    return rest.isEmpty ? first : make(.compare(first, rest), token)
  }

  /// `|`, `^`, `&`, `<< >>` by precedence climbing (no extra frames when there are none).
  mutating func parseBitOr() throws(SnippetError) -> Expr {
    let entryDepth = depth
    defer { depth = entryDepth }
    return try climbBitwise(try parseArithmetic(), 1)
  }

  func bitwiseOperator() -> (BinaryOperator, Int)? {
    guard case .op(let op) = current.kind, op.utf8.count <= 2,
      let first = op.utf8.first, "|^&<>".utf8.contains(first),
      let binary = BinaryOperator(rawValue: op)
    else {
      return nil
    }
    switch binary {
    case .bitOr: return (binary, 1)
    case .bitXor: return (binary, 2)
    case .bitAnd: return (binary, 3)
    case .leftShift, .rightShift: return (binary, 4)
    default: return nil
    }
  }

  mutating func climbBitwise(_ lhs: Expr, _ minimum: Int) throws(SnippetError) -> Expr {
    var left = lhs
    while let (binary, precedence) = bitwiseOperator(), precedence >= minimum {
      try enter()
      let token = current
      advance()
      var right = try parseArithmetic()
      while let (_, next) = bitwiseOperator(), next > precedence {
        right = try climbBitwise(right, next)
      }
      left = make(.binary(binary, left, right), token)
    }
    return left
  }

  mutating func parseArithmetic() throws(SnippetError) -> Expr {
    // Long chains (a + b + …, a.b.c…) count toward the nesting limit: evaluation recurses.
    let entryDepth = depth
    defer { depth = entryDepth }
    var left = try parseTerm()
    while case .op(let op) = current.kind, op == "+" || op == "-" {
      try enter()
      let token = current
      advance()
      left = make(.binary(op == "+" ? .add : .subtract, left, try parseTerm()), token)
    }
    return left
  }

  mutating func parseTerm() throws(SnippetError) -> Expr {
    // Long chains (a + b + …, a.b.c…) count toward the nesting limit: evaluation recurses.
    let entryDepth = depth
    defer { depth = entryDepth }
    var left = try parseUnary()
    while case .op(let op) = current.kind, let binary = BinaryOperator(rawValue: op),
      [.multiply, .divide, .floorDivide, .modulo, .matrixMultiply].contains(binary)
    {
      try enter()
      let token = current
      advance()
      left = make(.binary(binary, left, try parseUnary()), token)
    }
    return left
  }

  mutating func parseUnary() throws(SnippetError) -> Expr {
    let token = current
    if case .op(let op) = token.kind, let unary = UnaryOperator(rawValue: op) {
      try enter()
      defer { depth -= 1 }
      advance()
      return make(.unary(unary, try parseUnary()), token)
    }
    return try parsePower()
  }

  /// `a ** b` binds tighter than a unary minus on its left and is right-associative.
  mutating func parsePower() throws(SnippetError) -> Expr {
    if current.isName("await") {
      let token = current
      try enter()
      defer { depth -= 1 }
      advance()
      return make(.suspended(keyword: "await", try parsePower()), token)
    }
    let base = try parsePrimary()
    guard current.isOp("**") else { return base }
    let token = current
    advance()
    try enter()
    defer { depth -= 1 }
    return make(.binary(.power, base, try parseUnary()), token)
  }
}

/// Expressions, by Python's precedence: lambda, conditional, or, and, not, comparison,
/// + -, * / // %, unary, **, then atoms with `.name`, calls and subscripts.
extension Parser {
  func make(_ kind: Expr.Kind, _ token: Token) -> Expr {
    Expr(kind: kind, line: token.line, column: token.column)
  }

  /// `a, b, c` (a tuple when there is a comma) or one expression.
  mutating func parseExpressionList() throws(SnippetError) -> Expr {
    let token = current
    let first = try parseExpression()
    guard current.isOp(",") else { return first }
    var items = [first]
    while current.isOp(",") {
      advance()
      if !startsExpression(current) { break }
      items.append(try parseExpression())
    }
    return make(.tuple(items), token)
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
        || ["True", "False", "None", "lambda", "not"].contains(name)
    case .int, .float, .string, .fstring: return true
    case .op(let op): return ["(", "[", "{", "-", "+"].contains(op)
    default: return false
    }
  }

  mutating func parseExpression() throws(SnippetError) -> Expr {
    try enter()
    defer { depth -= 1 }
    let token = current
    if token.isName("lambda") { return try parseLambda() }
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
    var parameters: [String] = []
    while !current.isOp(":") {
      if current.isOp("*") || current.isOp("**") {
        throw fail("*args in a lambda is outside the supported subset", at: current)
      }
      let parameterToken = current
      let name = try expectName()
      if parameters.contains(name) {
        throw fail("duplicate argument '\(name)' in function definition", at: parameterToken)
      }
      parameters.append(name)
      if current.isOp("=") {
        throw fail("default values in a lambda are outside the supported subset", at: current)
      }
      if current.isOp(",") {
        advance()
      } else if !current.isOp(":") {
        throw unexpected(current, expecting: "':'")
      }
    }
    advance()
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
    let first = try parseArithmetic()
    var rest: [(op: CompareOperator, rhs: Expr)] = []
    while let op = compareOperator() {
      try enter()
      advance()
      if op == .isNot || op == .notContains { advance() }
      rest.append((op, try parseArithmetic()))
    }
    return rest.isEmpty ? first : make(.compare(first, rest), token)
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
      [.multiply, .divide, .floorDivide, .modulo].contains(binary)
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
    if case .op(let op) = token.kind, op == "-" || op == "+" {
      try enter()
      defer { depth -= 1 }
      advance()
      return make(.unary(op == "-" ? .minus : .plus, try parseUnary()), token)
    }
    return try parsePower()
  }

  /// `a ** b` binds tighter than a unary minus on its left and is right-associative.
  mutating func parsePower() throws(SnippetError) -> Expr {
    let base = try parsePrimary()
    guard current.isOp("**") else { return base }
    let token = current
    advance()
    try enter()
    defer { depth -= 1 }
    return make(.binary(.power, base, try parseUnary()), token)
  }
}

/// Recursive-descent parser for the statements of the subset. Expressions are in
/// ParserExpressions.swift.
struct Parser {
  let tokens: [Token]
  let lines: SourceLines
  var position = 0
  /// Nesting depth, bounded so hostile input cannot exhaust the stack.
  var depth = 0
  static let maxDepth = 60
  /// Inside a `def` body (where `return` is allowed).
  var inFunction = false

  init(tokens: [Token], lines: SourceLines) {
    self.tokens = tokens
    self.lines = lines
  }

  var current: Token { tokens[min(position, tokens.count - 1)] }
  func peek(_ offset: Int) -> Token { tokens[min(position + offset, tokens.count - 1)] }
  mutating func advance() { if position < tokens.count - 1 { position += 1 } }

  func fail(_ message: String, at token: Token) -> SnippetError {
    lines.error(message, line: token.line, column: token.column)
  }

  /// The error for a token the grammar does not allow here.
  func unexpected(_ token: Token, expecting: String? = nil) -> SnippetError {
    switch token.kind {
    case .op(let op) where [":=", "!"].contains(op):
      return fail("operator '\(op)' is outside the supported subset", at: token)
    case .indent:
      return fail("unexpected indent", at: token)
    default:
      if let expecting { return fail("invalid syntax: expected \(expecting)", at: token) }
      return fail("invalid syntax: unexpected \(token.display)", at: token)
    }
  }

  mutating func expectOp(_ op: String) throws(SnippetError) {
    guard current.isOp(op) else { throw unexpected(current, expecting: "'\(op)'") }
    advance()
  }

  mutating func expectName() throws(SnippetError) -> String {
    guard case .name(let name) = current.kind, !pythonKeywords.contains(name) else {
      throw unexpected(current, expecting: "a name")
    }
    advance()
    return name
  }

  mutating func enter() throws(SnippetError) {
    depth += 1
    if depth > Self.maxDepth { throw fail("too deeply nested", at: current) }
  }

  mutating func parseProgram() throws(SnippetError) -> [Statement] {
    var statements: [Statement] = []
    while current.kind != .end {
      if current.kind == .newline {
        advance()
        continue
      }
      statements += try parseStatement()
    }
    return statements
  }

  /// One line's statements (several when separated by `;`), or one compound statement.
  mutating func parseStatement() throws(SnippetError) -> [Statement] {
    let token = current
    if case .name(let keyword) = token.kind {
      switch keyword {
      case "for", "while", "if", "with":
        return [try parseCompound(keyword)]
      case "elif", "else":
        throw fail("'\(keyword)' without a matching 'if'", at: token)
      case "except", "finally":
        throw fail("'\(keyword)' without a matching 'try'", at: token)
      case "def":
        return [try parseFunction(decorators: [], isAsync: false, at: token)]
      case "class":
        return [try parseClass(decorators: [], at: token)]
      case "try":
        return [try parseTry()]
      case "async" where peek(1).isName("def") || peek(1).isName("for") || peek(1).isName("with"):
        advance()
        if current.isName("def") {
          return [try parseFunction(decorators: [], isAsync: true, at: token)]
        }
        let keyword = current.isName("for") ? "for" : "with"
        return [try parseCompound(keyword)]
      default: break
      }
    }
    if token.isOp("@") { return [try parseDecorated()] }
    var statements = [try parseSimpleStatement()]
    while current.isOp(";") {
      advance()
      if current.kind == .newline || current.kind == .end { break }
      statements.append(try parseSimpleStatement())
    }
    if current.kind == .newline {
      advance()
    } else if current.kind != .end && current.kind != .dedent {
      throw unexpected(current)
    }
    return statements
  }

  mutating func parseSimpleStatement() throws(SnippetError) -> Statement {
    let token = current
    func simple(_ keyword: String, _ expressions: [Expr]) -> Statement {
      Statement(
        kind: .simple(keyword: keyword, expressions: expressions), line: token.line,
        column: token.column)
    }
    var atEnd: Bool { current.kind == .newline || current.kind == .end || current.isOp(";") }
    switch token.kind {
    case .name("pass"), .name("break"), .name("continue"):
      guard case .name(let keyword) = token.kind else { break }
      advance()
      return simple(keyword, [])
    case .name("return"):
      guard inFunction else { throw fail("'return' outside function", at: token) }
      advance()
      let value = atEnd ? nil : try parseExpressionList()
      return Statement(kind: .returnValue(value), line: token.line, column: token.column)
    case .name("raise"):
      advance()
      var expressions: [Expr] = []
      if !atEnd {
        expressions.append(try parseExpression())
        if current.isName("from") {
          advance()
          expressions.append(try parseExpression())
        }
      }
      return simple("raise", expressions)
    case .name("del"):
      advance()
      return simple("del", [try parseExpressionList()])
    case .name("assert"):
      advance()
      var expressions = [try parseExpression()]
      if current.isOp(",") {
        advance()
        expressions.append(try parseExpression())
      }
      return simple("assert", expressions)
    case .name("global"), .name("nonlocal"):
      guard case .name(let keyword) = token.kind else { break }
      advance()
      var names: [Expr] = []
      repeat {
        if current.isOp(",") { advance() }
        let nameToken = current
        names.append(make(.name(try expectName()), nameToken))
      } while current.isOp(",")
      return simple(keyword, names)
    case .name("import"):
      return try parseImport()
    case .name("from"):
      return try parseFromImport()
    default: break
    }
    let first = try parseExpressionList(allowStarred: true)
    if current.isOp("=") {
      var targets = [try target(from: first)]
      var value = first
      while current.isOp("=") {
        advance()
        value = try parseExpressionList(allowStarred: true)
        if current.isOp("=") { targets.append(try target(from: value)) }
      }
      return Statement(
        kind: .assign(targets: targets, value: value), line: token.line, column: token.column)
    }
    if case .op(let op) = current.kind, op.count >= 2, op.hasSuffix("="),
      let binary = BinaryOperator(rawValue: String(op.dropLast()))
    {
      let target = try target(from: first)
      if case .tuple = target {
        throw fail("'tuple' is an illegal expression for augmented assignment", at: token)
      }
      advance()
      let value = try parseExpressionList()
      return Statement(
        kind: .augmentedAssign(target: target, op: binary, value: value), line: token.line,
        column: token.column)
    }
    if current.isOp(":") {
      let target = try target(from: first)
      if case .tuple = target {
        throw fail("only single target (not tuple) can be annotated", at: token)
      }
      advance()
      let annotation = try parseExpression()
      var value: Expr?
      if current.isOp("=") {
        advance()
        value = try parseExpressionList(allowStarred: true)
      }
      return Statement(
        kind: .annotatedAssign(target: target, annotation: annotation, value: value),
        line: token.line, column: token.column)
    }
    return Statement(kind: .expression(first), line: token.line, column: token.column)
  }

  func target(from expr: Expr) throws(SnippetError) -> Target {
    switch expr.kind {
    case .name(let name):
      return .name(name, line: expr.line, column: expr.column)
    case .tuple(let items), .list(let items):
      var targets: [Target] = []
      for item in items { targets.append(try target(from: item)) }
      return .tuple(targets, line: expr.line, column: expr.column)
    case .starred(let inner):
      return .starred(try target(from: inner), line: expr.line, column: expr.column)
    case .attribute(let base, let name):
      return .attribute(base, name, line: expr.line, column: expr.column)
    case .subscript(let base, let index):
      return .item(base, index, line: expr.line, column: expr.column)
    default:
      throw lines.error(
        "cannot assign to this expression", line: expr.line, column: expr.column)
    }
  }
}

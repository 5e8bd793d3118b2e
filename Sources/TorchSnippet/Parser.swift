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
    case .op(let op) where ["|", "&", "^", "~", "<<", ">>", "@", ":=", "!"].contains(op):
      return fail("operator '\(op)' is outside the supported subset", at: token)
    case .op(let op)
    where op.hasSuffix("=") && op.count >= 2 && !["==", "!=", "<=", ">="].contains(op):
      return fail("augmented assignment '\(op)' is outside the supported subset", at: token)
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
      case "def":
        return [try parseFunction()]
      case "class", "try", "except", "finally", "async", "raise", "del",
        "global", "nonlocal", "assert", "yield", "await":
        throw fail("'\(keyword)' is outside the supported subset", at: token)
      default: break
      }
    }
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
    switch token.kind {
    case .name("pass"), .name("break"), .name("continue"):
      advance()
      return Statement(
        kind: .skipped(
          keyword: token.isName("pass") ? "pass" : token.isName("break") ? "break" : "continue",
          body: []), line: token.line, column: token.column)
    case .name("return"):
      guard inFunction else { throw fail("'return' outside function", at: token) }
      advance()
      let value =
        current.kind == .newline || current.kind == .end || current.isOp(";")
        ? nil : try parseExpressionList()
      return Statement(kind: .returnValue(value), line: token.line, column: token.column)
    case .name("import"):
      return try parseImport()
    case .name("from"):
      return try parseFromImport()
    default: break
    }
    let first = try parseExpressionList()
    if current.isOp("=") {
      var targets = [try target(from: first)]
      var value = first
      while current.isOp("=") {
        advance()
        value = try parseExpressionList()
        if current.isOp("=") { targets.append(try target(from: value)) }
      }
      return Statement(
        kind: .assign(targets: targets, value: value), line: token.line, column: token.column)
    }
    if case .op(let op) = current.kind, ["+=", "-=", "*=", "/=", "//=", "%=", "**="].contains(op),
      let binary = BinaryOperator(rawValue: String(op.dropLast()))
    {
      let target = try target(from: first)
      guard case .name = target else {
        throw fail("augmented assignment needs a single name", at: token)
      }
      advance()
      let value = try parseExpressionList()
      return Statement(
        kind: .augmentedAssign(target: target, op: binary, value: value), line: token.line,
        column: token.column)
    }
    if case .op(let op) = current.kind, op == ":" {
      throw fail("annotations are outside the supported subset", at: current)
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
    case .attribute, .subscript:
      throw lines.error(
        "assigning to an attribute or item is outside the supported subset", line: expr.line,
        column: expr.column)
    default:
      throw lines.error(
        "cannot assign to this expression", line: expr.line, column: expr.column)
    }
  }
}

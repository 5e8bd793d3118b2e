/// Blocks (`for`, `while`, `if`, `with`) and imports.
extension Parser {
  /// `for` / `while` / `with` blocks are parsed (so their syntax is checked) but never
  /// executed; `if` keeps its branches, which run.
  mutating func parseCompound(_ keyword: String) throws(SnippetError) -> Statement {
    let token = current
    try enter()
    defer { depth -= 1 }
    advance()
    var headerTest: Expr?
    switch keyword {
    case "for":
      let targetExpr = try parseTargetList()
      _ = try target(from: targetExpr)
      guard current.isName("in") else { throw unexpected(current, expecting: "'in'") }
      advance()
      _ = try parseExpressionList()
    case "with":
      repeat {
        if current.isOp(",") { advance() }
        _ = try parseExpression()
        if current.isName("as") {
          advance()
          _ = try expectName()
        }
      } while current.isOp(",")
    default:
      headerTest = try parseExpression()
    }
    if keyword == "if", let test = headerTest {
      var branches = [(test: test, body: try parseSuite())]
      var orElse: [Statement] = []
      while case .name(let next) = current.kind, next == "elif" || next == "else" {
        advance()
        if next == "elif" {
          let test = try parseExpression()
          branches.append((test, try parseSuite()))
        } else {
          orElse = try parseSuite()
          break
        }
      }
      return Statement(
        kind: .ifChain(branches: branches, orElse: orElse), line: token.line,
        column: token.column)
    }
    var body = try parseSuite()
    // `else` continues a `for` / `while`.
    if current.isName("else") {
      advance()
      body += try parseSuite()
    }
    return Statement(
      kind: .skipped(keyword: keyword, body: body), line: token.line, column: token.column)
  }

  /// `def name(a, b=1): body`. Annotations are read and ignored.
  mutating func parseFunction() throws(SnippetError) -> Statement {
    let token = current
    if inFunction {
      throw fail("a 'def' inside a 'def' is outside the supported subset", at: token)
    }
    try enter()
    defer { depth -= 1 }
    advance()
    let name = try expectName()
    try expectOp("(")
    var parameters: [(name: String, defaultValue: Expr?)] = []
    while !current.isOp(")") {
      if current.isOp("*") || current.isOp("**") || current.isOp("/") {
        throw fail("'\(current.display)' parameters are outside the supported subset", at: current)
      }
      let parameterToken = current
      let parameter = try expectName()
      if parameters.contains(where: { $0.name == parameter }) {
        throw fail("duplicate argument '\(parameter)' in function definition", at: parameterToken)
      }
      if current.isOp(":") {
        advance()
        _ = try parseExpression()
      }
      var defaultValue: Expr?
      if current.isOp("=") {
        advance()
        defaultValue = try parseExpression()
      } else if parameters.contains(where: { $0.defaultValue != nil }) {
        throw fail(
          "parameter without a default follows parameter with a default", at: parameterToken)
      }
      parameters.append((parameter, defaultValue))
      if current.isOp(",") {
        advance()
      } else if !current.isOp(")") {
        throw unexpected(current, expecting: "',' or ')'")
      }
    }
    advance()
    if current.isOp("->") {
      advance()
      _ = try parseExpression()
    }
    inFunction = true
    defer { inFunction = false }
    let body = try parseSuite()
    return Statement(
      kind: .function(FunctionDefinition(name: name, parameters: parameters, body: body)),
      line: token.line, column: token.column)
  }

  /// `: simple_stmt` on the same line, or NEWLINE INDENT statements DEDENT. A header whose
  /// body lost its indentation (text copied from a web page) takes every following line as
  /// its body, so pasted loops never leak into the top level.
  mutating func parseSuite() throws(SnippetError) -> [Statement] {
    try expectOp(":")
    if current.kind != .newline {
      var statements = [try parseSimpleStatement()]
      while current.isOp(";") {
        advance()
        if current.kind == .newline || current.kind == .end { break }
        statements.append(try parseSimpleStatement())
      }
      if current.kind == .newline { advance() }
      return statements
    }
    advance()
    var body: [Statement] = []
    if current.kind == .indent {
      advance()
      while current.kind != .dedent && current.kind != .end {
        if current.kind == .newline {
          advance()
          continue
        }
        body += try parseStatement()
      }
      if current.kind == .dedent { advance() }
      return body
    }
    while current.kind != .dedent && current.kind != .end {
      if current.kind == .newline {
        advance()
        continue
      }
      body += try parseStatement()
    }
    return body
  }

  mutating func parseDottedName() throws(SnippetError) -> String {
    var name = try expectName()
    while current.isOp(".") {
      advance()
      name += "." + (try expectName())
    }
    return name
  }

  mutating func parseImport() throws(SnippetError) -> Statement {
    let token = current
    advance()
    var modules: [(module: String, alias: String)] = []
    repeat {
      if current.isOp(",") { advance() }
      let module = try parseDottedName()
      var alias = String(module.split(separator: ".")[0])
      if current.isName("as") {
        advance()
        alias = try expectName()
        modules.append((module, alias))
      } else {
        modules.append((String(module.split(separator: ".")[0]), alias))
      }
    } while current.isOp(",")
    return Statement(kind: .importModules(modules), line: token.line, column: token.column)
  }

  mutating func parseFromImport() throws(SnippetError) -> Statement {
    let token = current
    advance()
    let module = try parseDottedName()
    guard current.isName("import") else { throw unexpected(current, expecting: "'import'") }
    advance()
    if current.isOp("*") {
      advance()
      return Statement(
        kind: .importFrom(module: module, names: nil), line: token.line, column: token.column)
    }
    let parenthesized = current.isOp("(")
    if parenthesized { advance() }
    var names: [(name: String, alias: String)] = []
    repeat {
      if current.isOp(",") { advance() }
      if parenthesized && current.isOp(")") { break }
      let name = try expectName()
      var alias = name
      if current.isName("as") {
        advance()
        alias = try expectName()
      }
      names.append((name, alias))
    } while current.isOp(",")
    if parenthesized { try expectOp(")") }
    return Statement(
      kind: .importFrom(module: module, names: names), line: token.line, column: token.column)
  }
}

/// Blocks (`for`, `while`, `if`, `with`) and imports.
extension Parser {
  /// A block is parsed (so its syntax is checked) but never executed.
  mutating func parseCompound(_ keyword: String) throws(SnippetError) -> Statement {
    let token = current
    try enter()
    defer { depth -= 1 }
    advance()
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
      _ = try parseExpression()
    }
    var body = try parseSuite()
    // `elif` / `else` continue the statement.
    while case .name(let next) = current.kind,
      next == "else" || (next == "elif" && keyword == "if")
    {
      advance()
      if next == "elif" { _ = try parseExpression() }
      body += try parseSuite()
    }
    return Statement(
      kind: .skipped(keyword: keyword, body: body), line: token.line, column: token.column)
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

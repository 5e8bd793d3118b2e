/// Blocks (`for`, `while`, `if`, `with`) and imports.
extension Parser {
  /// `for`, `while`, `with` and `if` blocks, kept whole (they are walked by analyses; only
  /// `if` runs when a schedule is built).
  mutating func parseCompound(_ keyword: String) throws(SnippetError) -> Statement {
    let token = current
    try enter()
    defer { depth -= 1 }
    advance()
    func statement(_ kind: Statement.Kind) -> Statement {
      Statement(kind: kind, line: token.line, column: token.column)
    }
    switch keyword {
    case "for":
      let targetExpr = try parseTargetList()
      let target = try target(from: targetExpr)
      guard current.isName("in") else { throw unexpected(current, expecting: "'in'") }
      advance()
      let iterable = try parseExpressionList(allowStarred: true)
      let body = try parseSuite()
      let orElse = try parseElse()
      return statement(.forLoop(target: target, iterable: iterable, body: body, orElse: orElse))
    case "while":
      let test = try parseExpression()
      let body = try parseSuite()
      let orElse = try parseElse()
      return statement(.whileLoop(test: test, body: body, orElse: orElse))
    case "with":
      var items: [(context: Expr, target: Target?)] = []
      let parenthesized = current.isOp("(") && withItemsAreParenthesized()
      if parenthesized { advance() }
      repeat {
        if current.isOp(",") { advance() }
        if parenthesized && current.isOp(")") { break }
        let context = try parseExpression()
        var target: Target?
        if current.isName("as") {
          advance()
          target = try self.target(from: try parsePrimary())
        }
        items.append((context, target))
      } while current.isOp(",")
      if parenthesized { try expectOp(")") }
      return statement(.with(items: items, body: try parseSuite()))
    default:
      let test = try parseExpression()
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
      return statement(.ifChain(branches: branches, orElse: orElse))
    }
  }

  /// `with (a as x, b as y):` — a parenthesized item list, told from `with (a):` by an `as`
  /// or a comma at the outer level before the closing parenthesis.
  func withItemsAreParenthesized() -> Bool {
    var level = 0
    var offset = 0
    while true {
      let token = peek(offset)
      if token.kind == .end || token.kind == .newline { return false }
      if token.isOp("(") || token.isOp("[") || token.isOp("{") { level += 1 }
      if token.isOp(")") || token.isOp("]") || token.isOp("}") {
        level -= 1
        if level == 0 { return false }
      }
      if level == 1 && (token.isName("as") || token.isOp(",")) { return true }
      offset += 1
    }
  }

  /// The `else:` suite of a loop, if any.
  mutating func parseElse() throws(SnippetError) -> [Statement] {
    guard current.isName("else") else { return [] }
    advance()
    return try parseSuite()
  }

  /// `try:` with its `except`, `else` and `finally` clauses.
  mutating func parseTry() throws(SnippetError) -> Statement {
    let token = current
    try enter()
    defer { depth -= 1 }
    advance()
    let body = try parseSuite()
    var handlers: [ExceptHandler] = []
    while current.isName("except") {
      let handlerToken = current
      advance()
      if current.isOp("*") { advance() }
      var type: Expr?
      var name: String?
      if !current.isOp(":") {
        type = try parseExpressionList()
        if current.isName("as") {
          advance()
          name = try expectName()
        }
      }
      handlers.append(
        ExceptHandler(
          type: type, name: name, body: try parseSuite(), line: handlerToken.line,
          column: handlerToken.column))
    }
    let orElse = try parseElse()
    var finally: [Statement] = []
    if current.isName("finally") {
      advance()
      finally = try parseSuite()
    }
    if handlers.isEmpty && finally.isEmpty {
      throw unexpected(current, expecting: "'except' or 'finally' block")
    }
    return Statement(
      kind: .tryBlock(body: body, handlers: handlers, orElse: orElse, finally: finally),
      line: token.line, column: token.column)
  }

  /// `@decorator` lines, then the `def` or `class` they decorate.
  mutating func parseDecorated() throws(SnippetError) -> Statement {
    let token = current
    var decorators: [Expr] = []
    while current.isOp("@") {
      advance()
      decorators.append(try parseExpression())
      guard current.kind == .newline else { throw unexpected(current, expecting: "end of line") }
      advance()
    }
    if current.isName("class") { return try parseClass(decorators: decorators, at: token) }
    var isAsync = false
    if current.isName("async") && peek(1).isName("def") {
      isAsync = true
      advance()
    }
    guard current.isName("def") else {
      throw unexpected(current, expecting: "'def' or 'class' after a decorator")
    }
    return try parseFunction(decorators: decorators, isAsync: isAsync, at: token)
  }

  /// `class Name(bases, metaclass=…): body`.
  mutating func parseClass(decorators: [Expr], at token: Token) throws(SnippetError) -> Statement {
    try enter()
    defer { depth -= 1 }
    advance()
    let name = try expectName()
    var bases: [Expr] = []
    var keywords: [KeywordArgument] = []
    if current.isOp("(") {
      let open = current
      advance()
      if case .call(_, let positional, let named) = try parseCallArguments(
        callee: make(.name(name), open), open
      ).kind {
        bases = positional
        keywords = named
      }
    }
    let wasInFunction = inFunction
    inFunction = false
    defer { inFunction = wasInFunction }
    let body = try parseSuite()
    return Statement(
      kind: .classDefinition(
        ClassDefinition(
          name: name, bases: bases, keywords: keywords, body: body, decorators: decorators)),
      line: token.line, column: token.column)
  }

  /// `def name(a, b=1, *args, c, **kwargs) -> T: body`. Annotations are kept, never evaluated.
  mutating func parseFunction(decorators: [Expr], isAsync: Bool, at token: Token)
    throws(SnippetError) -> Statement
  {
    try enter()
    defer { depth -= 1 }
    advance()
    let name = try expectName()
    try expectOp("(")
    let parameters = try parseParameters(closing: ")", annotations: true)
    try expectOp(")")
    var returns: Expr?
    if current.isOp("->") {
      advance()
      returns = try parseExpression()
    }
    let wasInFunction = inFunction
    inFunction = true
    defer { inFunction = wasInFunction }
    let body = try parseSuite()
    return Statement(
      kind: .function(
        FunctionDefinition(
          name: name, parameters: parameters, body: body, decorators: decorators,
          isAsync: isAsync, returns: returns)),
      line: token.line, column: token.column)
  }

  /// A parameter list up to (not including) `closing`: `)` for a `def`, `:` for a lambda.
  mutating func parseParameters(closing: String, annotations: Bool) throws(SnippetError)
    -> FunctionParameters
  {
    var result = FunctionParameters()
    var seen: Set<String> = []
    var afterStar = false
    while !current.isOp(closing) {
      let token = current
      if token.isOp("/") {
        guard !afterStar, !result.positional.isEmpty, result.positionalOnlyCount == 0 else {
          throw fail("invalid syntax: '/' must follow positional parameters", at: token)
        }
        result.positionalOnlyCount = result.positional.count
        advance()
      } else if token.isOp("*") || token.isOp("**") {
        let double = token.isOp("**")
        advance()
        if !double && !afterStar && (current.isOp(",") || current.isOp(closing)) {
          if current.isOp(closing) {
            throw fail("named arguments must follow bare *", at: token)
          }
          afterStar = true
        } else {
          let parameter = try parseParameter(annotations: annotations, seen: &seen)
          if parameter.defaultValue != nil {
            throw fail("var-positional argument cannot have default value", at: token)
          }
          if double {
            result.varKeywords = parameter
          } else {
            if afterStar { throw fail("* argument may appear only once", at: token) }
            result.varArgs = parameter
            afterStar = true
          }
        }
      } else {
        if result.varKeywords != nil {
          throw fail("arguments cannot follow var-keyword argument", at: token)
        }
        let parameter = try parseParameter(annotations: annotations, seen: &seen)
        if afterStar {
          result.keywordOnly.append(parameter)
        } else {
          if parameter.defaultValue == nil
            && result.positional.contains(where: {
              $0.defaultValue != nil
            })
          {
            throw fail("parameter without a default follows parameter with a default", at: token)
          }
          result.positional.append(parameter)
        }
      }
      if current.isOp(",") {
        advance()
      } else if !current.isOp(closing) {
        throw unexpected(current, expecting: "',' or '\(closing)'")
      }
    }
    return result
  }

  mutating func parseParameter(annotations: Bool, seen: inout Set<String>) throws(SnippetError)
    -> FunctionParameter
  {
    let token = current
    let name = try expectName()
    if seen.contains(name) {
      throw fail("duplicate argument '\(name)' in function definition", at: token)
    }
    seen.insert(name)
    var annotation: Expr?
    if annotations && current.isOp(":") {
      advance()
      annotation = try parseExpression()
    }
    var defaultValue: Expr?
    if current.isOp("=") {
      advance()
      defaultValue = try parseExpression()
    }
    return FunctionParameter(
      name: name, defaultValue: defaultValue, annotation: annotation, line: token.line,
      column: token.column)
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
    var dots = ""
    while current.isOp(".") || current.isOp("...") {
      dots += current.isOp(".") ? "." : "..."
      advance()
    }
    let module = dots + (dots.isEmpty || !current.isName("import") ? try parseDottedName() : "")
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

/// A read-only, public view of a parsed script: the statements and expressions the snippet
/// parser read, with every loop header kept (the snippet builder never runs loops, so its own
/// tree drops them). `lrlab doctor` analyses this tree; nothing here evaluates anything.
public struct ScriptExpr: Sendable {
  public indirect enum Kind: Sendable {
    case name(String)
    case int(Int)
    case float(Double)
    case string(String)
    case bool(Bool)
    case none
    case list([ScriptExpr])
    case tuple([ScriptExpr])
    case dict([ScriptDictEntry])
    case attribute(ScriptExpr, String)
    case `subscript`(ScriptExpr, ScriptExpr)
    case call(ScriptExpr, [ScriptExpr], [ScriptKeyword])
    /// `-x`, `+x`, `not x`.
    case unary(String, ScriptExpr)
    /// `+ - * / // % **`, and `and` / `or`.
    case binary(String, ScriptExpr, ScriptExpr)
    /// `a < b <= c`.
    case compare(ScriptExpr, [ScriptComparison])
    case conditional(test: ScriptExpr, body: ScriptExpr, orElse: ScriptExpr)
    case lambda(parameters: [String], body: ScriptExpr)
    /// Anything else the parser accepts (an f-string, …): its sub-expressions.
    case other([ScriptExpr])
  }

  public var kind: Kind
  public var line: Int
  public var column: Int

  public init(kind: Kind, line: Int, column: Int) {
    self.kind = kind
    self.line = line
    self.column = column
  }
}

public struct ScriptDictEntry: Sendable {
  public var key: ScriptExpr
  public var value: ScriptExpr
}

public struct ScriptComparison: Sendable {
  public var op: String
  public var rhs: ScriptExpr
}

public struct ScriptKeyword: Sendable {
  public var name: String
  public var value: ScriptExpr
  public var line: Int
  public var column: Int
}

public struct ScriptImport: Sendable {
  public var name: String
  public var alias: String
}

public struct ScriptParameter: Sendable {
  public var name: String
  public var defaultValue: ScriptExpr?
}

public struct ScriptBranch: Sendable {
  public var test: ScriptExpr
  public var body: [ScriptStatement]
}

public struct ScriptStatement: Sendable {
  public enum Kind: Sendable {
    /// `a = b = value`; targets are names, tuples, attributes or subscripts.
    case assign(targets: [ScriptExpr], value: ScriptExpr)
    case augmentedAssign(target: ScriptExpr, op: String, value: ScriptExpr)
    case expression(ScriptExpr)
    /// `import a.b as c`, `from m import x as y`: (name, bound alias) pairs.
    case imports(module: String, names: [ScriptImport])
    case forLoop(target: ScriptExpr, iterable: ScriptExpr, body: [ScriptStatement])
    case whileLoop(test: ScriptExpr, body: [ScriptStatement])
    case ifChain(branches: [ScriptBranch], orElse: [ScriptStatement])
    /// `with`, `try`, …: a block whose body runs once.
    case block(keyword: String, body: [ScriptStatement])
    case function(name: String, parameters: [ScriptParameter], body: [ScriptStatement])
    case classDefinition(name: String, body: [ScriptStatement])
    case returnValue(ScriptExpr?)
    /// `pass`, `break`, `continue`, …
    case keyword(String)
  }

  public var kind: Kind
  public var line: Int
  public var column: Int

  public init(kind: Kind, line: Int, column: Int) {
    self.kind = kind
    self.line = line
    self.column = column
  }
}

/// A whole script, read (never executed).
public struct ScriptSyntax: Sendable {
  public let source: String
  public let statements: [ScriptStatement]
  /// The source lines (no line terminators), for carets.
  public let lines: [String]

  /// Reads `source`; throws the first syntax error with its line and column.
  public static func read(_ source: String) throws(SnippetError) -> ScriptSyntax {
    let lines = SourceLines(source)
    var lexer = Lexer(source: source, lines: lines)
    let tokens = try lexer.tokenize()
    var parser = Parser(tokens: tokens, lines: lines)
    let statements = try parser.parseProgram()
    var converter = ScriptConverter(tokens: tokens, lines: lines)
    return ScriptSyntax(
      source: source, statements: try converter.statements(statements), lines: lines.lines)
  }
}

/// Internal tree → public tree; loop headers are re-read from the tokens.
struct ScriptConverter {
  let tokens: [Token]
  let lines: SourceLines
  var tokenIndex: [Int: Int] = [:]

  init(tokens: [Token], lines: SourceLines) {
    self.tokens = tokens
    self.lines = lines
    for (index, token) in tokens.enumerated() {
      if case .name = token.kind { tokenIndex[token.line << 20 | token.column] = index }
    }
  }

  mutating func statements(_ list: [Statement]) throws(SnippetError) -> [ScriptStatement] {
    var result: [ScriptStatement] = []
    for statement in list { result.append(try self.statement(statement)) }
    return result
  }

  /// A parser positioned just after the keyword at `line:column`.
  func parser(after line: Int, _ column: Int) -> Parser? {
    guard let index = tokenIndex[line << 20 | column] else { return nil }
    var parser = Parser(tokens: tokens, lines: lines)
    parser.position = index + 1
    return parser
  }

  mutating func statement(_ statement: Statement) throws(SnippetError) -> ScriptStatement {
    let kind: ScriptStatement.Kind
    switch statement.kind {
    case .assign(let targets, let value):
      kind = .assign(targets: targets.map(Self.target), value: Self.expr(value))
    case .augmentedAssign(let target, let op, let value):
      kind = .augmentedAssign(target: Self.target(target), op: op.rawValue, value: Self.expr(value))
    case .expression(let expr):
      kind = .expression(Self.expr(expr))
    case .importModules(let modules):
      kind = .imports(
        module: modules.first?.module ?? "",
        names: modules.map { ScriptImport(name: $0.module, alias: $0.alias) })
    case .importFrom(let module, let names):
      kind = .imports(
        module: module, names: names?.map { ScriptImport(name: $0.name, alias: $0.alias) } ?? [])
    case .skipped(let keyword, let body):
      let inner = try statements(body)
      switch keyword {
      case "for":
        if var parser = parser(after: statement.line, statement.column) {
          let target = try parser.parseTargetList()
          parser.advance()  // `in`
          let iterable = try parser.parseExpressionList()
          kind = .forLoop(target: Self.expr(target), iterable: Self.expr(iterable), body: inner)
        } else {
          kind = .block(keyword: keyword, body: inner)
        }
      case "while":
        if var parser = parser(after: statement.line, statement.column) {
          kind = .whileLoop(test: Self.expr(try parser.parseExpression()), body: inner)
        } else {
          kind = .block(keyword: keyword, body: inner)
        }
      case "pass", "break", "continue":
        kind = .keyword(keyword)
      default:
        kind = .block(keyword: keyword, body: inner)
      }
    case .ifChain(let branches, let orElse):
      var converted: [ScriptBranch] = []
      for branch in branches {
        converted.append(
          ScriptBranch(test: Self.expr(branch.test), body: try statements(branch.body)))
      }
      kind = .ifChain(branches: converted, orElse: try statements(orElse))
    case .function(let definition):
      kind = .function(
        name: definition.name,
        parameters: definition.parameters.map {
          ScriptParameter(name: $0.name, defaultValue: $0.defaultValue.map(Self.expr))
        },
        body: try statements(definition.body))
    case .returnValue(let value):
      kind = .returnValue(value.map(Self.expr))
    }
    return ScriptStatement(kind: kind, line: statement.line, column: statement.column)
  }

  static func target(_ target: Target) -> ScriptExpr {
    switch target {
    case .name(let name, let line, let column):
      return ScriptExpr(kind: .name(name), line: line, column: column)
    case .tuple(let items, let line, let column):
      return ScriptExpr(kind: .tuple(items.map(Self.target)), line: line, column: column)
    }
  }

  static func expr(_ expr: Expr) -> ScriptExpr {
    let kind: ScriptExpr.Kind
    switch expr.kind {
    case .name(let name): kind = .name(name)
    case .int(let value): kind = .int(value)
    case .float(let value): kind = .float(value)
    case .string(let value): kind = .string(value)
    case .fstring: kind = .other([])
    case .bool(let value): kind = .bool(value)
    case .none: kind = .none
    case .list(let items): kind = .list(items.map(Self.expr))
    case .tuple(let items): kind = .tuple(items.map(Self.expr))
    case .dict(let entries):
      kind = .dict(
        entries.map { ScriptDictEntry(key: Self.expr($0.key), value: Self.expr($0.value)) })
    case .attribute(let base, let name): kind = .attribute(Self.expr(base), name)
    case .subscript(let base, let index): kind = .subscript(Self.expr(base), Self.expr(index))
    case .call(let callee, let arguments, let keywords):
      kind = .call(
        Self.expr(callee), arguments.map(Self.expr),
        keywords.map {
          ScriptKeyword(name: $0.name, value: Self.expr($0.value), line: $0.line, column: $0.column)
        })
    case .unary(let op, let operand): kind = .unary(op.rawValue, Self.expr(operand))
    case .binary(let op, let lhs, let rhs):
      kind = .binary(op.rawValue, Self.expr(lhs), Self.expr(rhs))
    case .compare(let first, let rest):
      kind = .compare(
        Self.expr(first), rest.map { ScriptComparison(op: $0.op.rawValue, rhs: Self.expr($0.rhs)) })
    case .and(let lhs, let rhs): kind = .binary("and", Self.expr(lhs), Self.expr(rhs))
    case .or(let lhs, let rhs): kind = .binary("or", Self.expr(lhs), Self.expr(rhs))
    case .not(let operand): kind = .unary("not", Self.expr(operand))
    case .conditional(let test, let body, let orElse):
      kind = .conditional(test: Self.expr(test), body: Self.expr(body), orElse: Self.expr(orElse))
    case .lambda(let parameters, let body):
      kind = .lambda(parameters: parameters, body: Self.expr(body))
    }
    return ScriptExpr(kind: kind, line: expr.line, column: expr.column)
  }
}

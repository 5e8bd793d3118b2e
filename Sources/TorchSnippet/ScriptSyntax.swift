/// A read-only, simplified view of a parsed script for analyses (`lrlab doctor`): the snippet
/// parser's tree (`Statement`, `Expr`) with what an analysis of loops and calls does not need
/// folded away (comprehensions, slices, f-strings become `.other` with their sub-expressions).
/// Nothing here evaluates anything.
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

  public init(name: String, defaultValue: ScriptExpr?) {
    self.name = name
    self.defaultValue = defaultValue
  }
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
    case function(
      name: String, parameters: [ScriptParameter], body: [ScriptStatement],
      decorators: [ScriptExpr])
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
    return ScriptSyntax(
      source: source, statements: ScriptConverter.statements(statements), lines: lines.lines)
  }
}

/// The parser's tree → the analysis view.
enum ScriptConverter {
  static func statements(_ list: [Statement]) -> [ScriptStatement] {
    list.map(statement)
  }

  static func parameters(_ parameters: FunctionParameters) -> [ScriptParameter] {
    (parameters.positional + parameters.keywordOnly).map {
      ScriptParameter(name: $0.name, defaultValue: $0.defaultValue.map(expr))
    }
  }

  static func statement(_ statement: Statement) -> ScriptStatement {
    let kind: ScriptStatement.Kind
    switch statement.kind {
    case .assign(let targets, let value):
      kind = .assign(targets: targets.map(target), value: expr(value))
    case .augmentedAssign(let target, let op, let value):
      kind = .augmentedAssign(target: Self.target(target), op: op.rawValue, value: expr(value))
    case .annotatedAssign(let target, _, let value):
      if let value {
        kind = .assign(targets: [Self.target(target)], value: expr(value))
      } else {
        kind = .keyword("annotation")
      }
    case .expression(let value):
      kind = .expression(expr(value))
    case .importModules(let modules):
      kind = .imports(
        module: modules.first?.module ?? "",
        names: modules.map { ScriptImport(name: $0.module, alias: $0.alias) })
    case .importFrom(let module, let names):
      kind = .imports(
        module: module, names: names?.map { ScriptImport(name: $0.name, alias: $0.alias) } ?? [])
    case .forLoop(let target, let iterable, let body, let orElse):
      kind = .forLoop(
        target: Self.target(target), iterable: expr(iterable),
        body: statements(body) + statements(orElse))
    case .whileLoop(let test, let body, let orElse):
      kind = .whileLoop(test: expr(test), body: statements(body) + statements(orElse))
    case .with(_, let body):
      kind = .block(keyword: "with", body: statements(body))
    case .tryBlock(let body, _, let orElse, let finally):
      // `except` bodies run only when something fails: not part of the training loop.
      kind = .block(
        keyword: "try", body: statements(body) + statements(orElse) + statements(finally))
    case .ifChain(let branches, let orElse):
      kind = .ifChain(
        branches: branches.map { ScriptBranch(test: expr($0.test), body: statements($0.body)) },
        orElse: statements(orElse))
    case .function(let definition):
      kind = .function(
        name: definition.name, parameters: parameters(definition.parameters),
        body: statements(definition.body), decorators: definition.decorators.map(expr))
    case .classDefinition(let definition):
      kind = .classDefinition(name: definition.name, body: statements(definition.body))
    case .returnValue(let value):
      kind = .returnValue(value.map(expr))
    case .simple(let keyword, _):
      kind = .keyword(keyword)
    }
    return ScriptStatement(kind: kind, line: statement.line, column: statement.column)
  }

  static func target(_ target: Target) -> ScriptExpr {
    switch target {
    case .name(let name, let line, let column):
      return ScriptExpr(kind: .name(name), line: line, column: column)
    case .tuple(let items, let line, let column):
      return ScriptExpr(kind: .tuple(items.map(Self.target)), line: line, column: column)
    case .starred(let inner, _, _):
      return Self.target(inner)
    case .attribute(let base, let name, let line, let column):
      return ScriptExpr(kind: .attribute(expr(base), name), line: line, column: column)
    case .item(let base, let index, let line, let column):
      return ScriptExpr(kind: .subscript(expr(base), expr(index)), line: line, column: column)
    }
  }

  static func clauses(_ clauses: [ComprehensionClause]) -> [ScriptExpr] {
    clauses.map { clause in
      switch clause {
      case .for(_, let iterable): return expr(iterable)
      case .if(let test): return expr(test)
      }
    }
  }

  static func expr(_ value: Expr) -> ScriptExpr {
    let kind: ScriptExpr.Kind
    switch value.kind {
    case .name(let name): kind = .name(name)
    case .int(let number): kind = .int(number)
    case .bigInt: kind = .other([])
    case .float(let number): kind = .float(number)
    case .string(let text): kind = .string(text)
    case .fstring, .bytes, .ellipsis: kind = .other([])
    case .bool(let flag): kind = .bool(flag)
    case .none: kind = .none
    case .list(let items): kind = .list(items.map(expr))
    case .tuple(let items): kind = .tuple(items.map(expr))
    case .set(let items): kind = .other(items.map(expr))
    case .dict(let entries):
      kind = .dict(
        entries.compactMap { entry in
          entry.key.map { ScriptDictEntry(key: expr($0), value: expr(entry.value)) }
        })
    case .comprehension(_, let element, let list):
      kind = .other([expr(element)] + clauses(list))
    case .dictComprehension(let key, let item, let list):
      kind = .other([expr(key), expr(item)] + clauses(list))
    case .starred(let inner): kind = .other([expr(inner)])
    case .attribute(let base, let name): kind = .attribute(expr(base), name)
    case .subscript(let base, let index): kind = .subscript(expr(base), expr(index))
    case .slice(let lower, let upper, let step):
      kind = .other([lower, upper, step].compactMap { $0.map(expr) })
    case .call(let callee, let arguments, let keywords):
      kind = .call(
        expr(callee), arguments.map(expr),
        keywords.map {
          ScriptKeyword(name: $0.name, value: expr($0.value), line: $0.line, column: $0.column)
        })
    case .unary(let op, let operand): kind = .unary(op.rawValue, expr(operand))
    case .binary(let op, let lhs, let rhs): kind = .binary(op.rawValue, expr(lhs), expr(rhs))
    case .compare(let first, let rest):
      kind = .compare(
        expr(first), rest.map { ScriptComparison(op: $0.op.rawValue, rhs: expr($0.rhs)) })
    case .and(let lhs, let rhs): kind = .binary("and", expr(lhs), expr(rhs))
    case .or(let lhs, let rhs): kind = .binary("or", expr(lhs), expr(rhs))
    case .not(let operand): kind = .unary("not", expr(operand))
    case .conditional(let test, let body, let orElse):
      kind = .conditional(test: expr(test), body: expr(body), orElse: expr(orElse))
    case .lambda(let parameters, let body):
      kind = .lambda(parameters: parameters.positional.map(\.name), body: expr(body))
    case .namedExpression(_, let inner): kind = .other([expr(inner)])
    case .suspended(_, let inner): kind = .other(inner.map { [expr($0)] } ?? [])
    }
    return ScriptExpr(kind: kind, line: value.line, column: value.column)
  }
}

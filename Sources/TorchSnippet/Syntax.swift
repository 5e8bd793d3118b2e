/// The syntax tree of a snippet or a whole script. Every node carries where it starts (1-based
/// line and column, in Unicode scalars). Public so that analyses (`lrlab doctor`) can walk
/// loops, calls and definitions; building a schedule never needs more than `SnippetProgram`.

/// An expression, with where it starts.
public struct Expr: Sendable {
  public indirect enum Kind: Sendable {
    case name(String)
    case int(Int)
    /// An integer literal beyond 64 bits, as its decimal digits (Python ints have no limit).
    case bigInt(String)
    case float(Double)
    case string(String)
    /// f-strings are accepted (say, as `print` arguments) but never evaluated.
    case fstring
    /// `b'…'`: accepted in scripts, never evaluated.
    case bytes
    case bool(Bool)
    case none
    /// `...`
    case ellipsis
    case list([Expr])
    case tuple([Expr])
    case set([Expr])
    case dict([DictEntry])
    /// `[element for … in … if …]`, `{…}`, `(… for …)`: the kind tells which.
    case comprehension(ComprehensionKind, element: Expr, clauses: [ComprehensionClause])
    /// `{key: value for …}`
    case dictComprehension(key: Expr, value: Expr, clauses: [ComprehensionClause])
    /// `*items` in a list, tuple, set or call.
    case starred(Expr)
    case attribute(Expr, String)
    case `subscript`(Expr, Expr)
    /// `a:b:c` inside a subscript (any part may be missing).
    case slice(lower: Expr?, upper: Expr?, step: Expr?)
    case call(Expr, [Expr], [KeywordArgument])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `a < b <= c`: Python's chained comparison.
    case compare(Expr, [(op: CompareOperator, rhs: Expr)])
    case and(Expr, Expr)
    case or(Expr, Expr)
    case not(Expr)
    case conditional(test: Expr, body: Expr, orElse: Expr)
    case lambda(parameters: FunctionParameters, body: Expr)
    /// `name := value`
    case namedExpression(String, Expr)
    /// `await x`, `yield x`, `yield from x`: parsed in scripts, never evaluated.
    case suspended(keyword: String, Expr?)
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

public enum ComprehensionKind: String, Sendable {
  case list, set, generator
}

/// `for target in iterable` or `if test` inside a comprehension.
public enum ComprehensionClause: Sendable {
  case `for`(Target, Expr)
  case `if`(Expr)
}

/// `key: value`, or `**mapping` (key nil) in a dict display.
public struct DictEntry: Sendable {
  public var key: Expr?
  public var value: Expr
}

/// `name=value` in a call; `**mapping` has the name `**`.
public struct KeywordArgument: Sendable {
  public var name: String
  public var value: Expr
  public var line: Int
  public var column: Int

  public var isUnpacking: Bool { name == "**" }
}

public enum UnaryOperator: String, Sendable {
  case minus = "-"
  case plus = "+"
  case invert = "~"
}

public enum BinaryOperator: String, Sendable {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case floorDivide = "//"
  case modulo = "%"
  case power = "**"
  case matrixMultiply = "@"
  case bitOr = "|"
  case bitAnd = "&"
  case bitXor = "^"
  case leftShift = "<<"
  case rightShift = ">>"
}

public enum CompareOperator: String, Sendable {
  case less = "<"
  case lessEqual = "<="
  case greater = ">"
  case greaterEqual = ">="
  case equal = "=="
  case notEqual = "!="
  case isSame = "is"
  case isNot = "is not"
  case contains = "in"
  case notContains = "not in"
}

/// An assignment target: a name, a tuple of targets (`warmup, total = 10, 100`), `*rest`, an
/// attribute (`self.fc = …`) or an item (`os.environ["X"] = …`).
public indirect enum Target: Sendable {
  case name(String, line: Int, column: Int)
  case tuple([Target], line: Int, column: Int)
  case starred(Target, line: Int, column: Int)
  case attribute(Expr, String, line: Int, column: Int)
  case item(Expr, Expr, line: Int, column: Int)

  public var line: Int {
    switch self {
    case .name(_, let l, _), .tuple(_, let l, _), .starred(_, let l, _), .attribute(_, _, let l, _),
      .item(_, _, let l, _):
      return l
    }
  }

  public var column: Int {
    switch self {
    case .name(_, _, let c), .tuple(_, _, let c), .starred(_, _, let c),
      .attribute(_, _, _, let c), .item(_, _, _, let c):
      return c
    }
  }

  /// The plain names this target binds (not attributes or items).
  public var boundNames: [String] {
    switch self {
    case .name(let name, _, _): return [name]
    case .tuple(let targets, _, _): return targets.flatMap(\.boundNames)
    case .starred(let inner, _, _): return inner.boundNames
    case .attribute, .item: return []
    }
  }
}

/// One parameter of a `def` or `lambda`.
public struct FunctionParameter: Sendable {
  public var name: String
  public var defaultValue: Expr?
  public var annotation: Expr?
  public var line: Int
  public var column: Int
}

/// A parameter list: `a, b=1, /, c, *args, d, e=2, **kwargs`.
public struct FunctionParameters: Sendable {
  /// Parameters that may be given by position (the first `positionalOnlyCount` only so).
  public var positional: [FunctionParameter] = []
  public var positionalOnlyCount = 0
  public var varArgs: FunctionParameter?
  public var keywordOnly: [FunctionParameter] = []
  public var varKeywords: FunctionParameter?

  public var all: [FunctionParameter] {
    positional + (varArgs.map { [$0] } ?? []) + keywordOnly + (varKeywords.map { [$0] } ?? [])
  }
}

/// An `except` clause.
public struct ExceptHandler: Sendable {
  public var type: Expr?
  public var name: String?
  public var body: [Statement]
  public var line: Int
  public var column: Int
}

/// A statement.
public struct Statement: Sendable {
  public enum Kind: Sendable {
    /// `a = b = value`
    case assign(targets: [Target], value: Expr)
    /// `a += value`
    case augmentedAssign(target: Target, op: BinaryOperator, value: Expr)
    /// `name: annotation = value` (value optional).
    case annotatedAssign(target: Target, annotation: Expr, value: Expr?)
    /// An expression on its own line.
    case expression(Expr)
    /// `import torch`, `import torch.optim as optim`: (module path, bound name).
    case importModules([(module: String, alias: String)])
    /// `from torch.optim.lr_scheduler import StepLR, OneCycleLR` (names nil for `*`).
    case importFrom(module: String, names: [(name: String, alias: String)]?)
    /// `for target in iterable: body else: orElse`
    case forLoop(target: Target, iterable: Expr, body: [Statement], orElse: [Statement])
    /// `while test: body else: orElse`
    case whileLoop(test: Expr, body: [Statement], orElse: [Statement])
    /// `with a as x, b: body`
    case with(items: [(context: Expr, target: Target?)], body: [Statement])
    /// `try: body except …: … else: … finally: …`
    case tryBlock(
      body: [Statement], handlers: [ExceptHandler], orElse: [Statement], finally: [Statement])
    /// `if` / `elif` / `else`: the first branch whose test holds runs.
    case ifChain(branches: [(test: Expr, body: [Statement])], orElse: [Statement])
    /// `def name(params): body`
    case function(FunctionDefinition)
    /// `class Name(bases): body`
    case classDefinition(ClassDefinition)
    /// `return value`
    case returnValue(Expr?)
    /// `pass`, `break`, `continue`, `raise …`, `del …`, `assert …`, `global …`, `nonlocal …`
    /// (with the expressions they name; for global/nonlocal, names as `.name` expressions).
    case simple(keyword: String, expressions: [Expr])
  }

  public var kind: Kind
  public var line: Int
  public var column: Int
}

/// A `def` (or `async def`): parameters, body, decorators.
public struct FunctionDefinition: Sendable {
  public var name: String
  public var parameters: FunctionParameters
  public var body: [Statement]
  public var decorators: [Expr] = []
  public var isAsync = false
  public var returns: Expr?
}

/// A `class`: bases (and keywords such as `metaclass=`), body, decorators.
public struct ClassDefinition: Sendable {
  public var name: String
  public var bases: [Expr]
  public var keywords: [KeywordArgument]
  public var body: [Statement]
  public var decorators: [Expr] = []
}

/// An expression of the subset, with where it starts.
struct Expr: Sendable {
  indirect enum Kind: Sendable {
    case name(String)
    case int(Int)
    case float(Double)
    case string(String)
    /// f-strings are accepted (say, as `print` arguments) but never evaluated.
    case fstring
    case bool(Bool)
    case none
    case list([Expr])
    case tuple([Expr])
    case dict([(key: Expr, value: Expr)])
    case attribute(Expr, String)
    case `subscript`(Expr, Expr)
    case call(Expr, [Expr], [KeywordArgument])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `a < b <= c`: Python's chained comparison.
    case compare(Expr, [(op: CompareOperator, rhs: Expr)])
    case and(Expr, Expr)
    case or(Expr, Expr)
    case not(Expr)
    case conditional(test: Expr, body: Expr, orElse: Expr)
    case lambda(parameters: [String], body: Expr)
  }

  var kind: Kind
  var line: Int
  var column: Int
}

struct KeywordArgument: Sendable {
  var name: String
  var value: Expr
  var line: Int
  var column: Int
}

enum UnaryOperator: String, Sendable {
  case minus = "-"
  case plus = "+"
}

enum BinaryOperator: String, Sendable {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case floorDivide = "//"
  case modulo = "%"
  case power = "**"
}

enum CompareOperator: String, Sendable {
  case less = "<"
  case lessEqual = "<="
  case greater = ">"
  case greaterEqual = ">="
  case equal = "=="
  case
    notEqual = "!="
  case isSame = "is"
  case isNot = "is not"
  case contains = "in"
  case notContains = "not in"
}

/// An assignment target: a name, or a tuple of targets (`warmup, total = 10, 100`).
indirect enum Target: Sendable {
  case name(String, line: Int, column: Int)
  case tuple([Target], line: Int, column: Int)
}

/// A statement of the subset.
struct Statement: Sendable {
  enum Kind: Sendable {
    /// `a = b = value`
    case assign(targets: [Target], value: Expr)
    /// `a += value`
    case augmentedAssign(target: Target, op: BinaryOperator, value: Expr)
    /// An expression on its own line. Only constructor calls are evaluated.
    case expression(Expr)
    /// `import torch`, `import torch.optim as optim`: (module path, bound name).
    case importModules([(module: String, alias: String)])
    /// `from torch.optim.lr_scheduler import StepLR, OneCycleLR` (names nil for `*`).
    case importFrom(module: String, names: [(name: String, alias: String)]?)
    /// A `for` / `while` / `if` / `with` block, or `pass` / `break` / `continue`: parsed,
    /// never executed.
    case skipped(keyword: String, body: [Statement])
    /// `if` / `elif` / `else`: the first branch whose test holds runs.
    case ifChain(branches: [(test: Expr, body: [Statement])], orElse: [Statement])
    /// `def name(params): body` — a function such as HuggingFace's `lr_lambda`.
    case function(FunctionDefinition)
    /// `return value` (only inside a `def`).
    case returnValue(Expr?)
  }

  var kind: Kind
  var line: Int
  var column: Int
}

/// A `def`: parameters (with optional default expressions) and its body.
struct FunctionDefinition: Sendable {
  var name: String
  var parameters: [(name: String, defaultValue: Expr?)]
  var body: [Statement]
}

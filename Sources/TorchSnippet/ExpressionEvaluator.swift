import Schedulers

/// Builds optimizers and schedulers when the evaluator meets a call to their class (only at
/// the top level of a snippet, never inside a lambda).
protocol ConstructorHandler: AnyObject {
  func construct(
    _ callee: PyValue, call: Expr, positional: [(value: PyValue, expr: Expr)],
    keywords: [(name: String, value: PyValue, argument: KeywordArgument)]
  ) throws(SnippetError) -> PyValue
  /// `optimizer` when the snippet never assigned one: SGD with the context's lr.
  func implicitOptimizer() -> PyValue
}

/// Evaluates expressions of the subset. Never runs anything outside it.
struct ExpressionEvaluator {
  let environment: Environment
  let lines: SourceLines
  var locals: [String: PyValue] = [:]
  weak var constructor: (any ConstructorHandler)?
  static let maxCallDepth = 32

  init(
    environment: Environment, lines: SourceLines, locals: [String: PyValue] = [:],
    constructor: (any ConstructorHandler)? = nil
  ) {
    self.environment = environment
    self.lines = lines
    self.locals = locals
    self.constructor = constructor
  }

  func python(_ error: SchedulerError, at expr: Expr) -> SnippetError {
    lines.error(error.description, line: expr.line, column: expr.column, pythonError: error)
  }

  func outside(_ message: String, at expr: Expr) -> SnippetError {
    lines.error(message, line: expr.line, column: expr.column)
  }

  /// Runs a throwing Python operation, placing its error at `expr`.
  func at<T>(_ expr: Expr, _ body: () throws(SchedulerError) -> T) throws(SnippetError) -> T {
    do { return try body() } catch { throw python(error, at: expr) }
  }

  func evaluate(_ expr: Expr) throws(SnippetError) -> PyValue {
    switch expr.kind {
    case .int(let i): return .int(i)
    case .float(let x): return .float(x)
    case .string(let s): return .string(s)
    case .fstring: return .formatted
    case .bool(let b): return .bool(b)
    case .none: return .none
    case .name(let name): return try lookup(name, at: expr)
    case .list(let items): return .list(try evaluateAll(items))
    case .tuple(let items): return .tuple(try evaluateAll(items))
    case .dict(let entries):
      var result: [(key: PyValue, value: PyValue)] = []
      for entry in entries {
        let key = try evaluate(entry.key)
        let value = try evaluate(entry.value)
        if let index = result.firstIndex(where: { PyCompare.equal($0.key, key) }) {
          result[index].value = value
        } else {
          result.append((key, value))
        }
      }
      return .dict(result)
    case .attribute(let base, let name):
      return try attribute(try evaluate(base), name, at: expr)
    case .subscript(let base, let index):
      let container = try evaluate(base)
      let key = try evaluate(index)
      return try at(expr) { () throws(SchedulerError) in try subscriptValue(container, key) }
    case .call(let calleeExpr, let positionalExprs, let keywordArgs):
      let callee = try evaluate(calleeExpr)
      var positional: [(value: PyValue, expr: Expr)] = []
      for argument in positionalExprs { positional.append((try evaluate(argument), argument)) }
      var keywords: [(name: String, value: PyValue, argument: KeywordArgument)] = []
      for keyword in keywordArgs {
        keywords.append((keyword.name, try evaluate(keyword.value), keyword))
      }
      return try call(callee, at: expr, positional: positional, keywords: keywords)
    case .unary(let op, let operand):
      let value = try evaluate(operand)
      return try at(expr) { () throws(SchedulerError) in
        op == .minus ? try PyArithmetic.negate(value) : try PyArithmetic.plus(value)
      }
    case .binary(let op, let lhs, let rhs):
      let a = try evaluate(lhs)
      let b = try evaluate(rhs)
      return try at(expr) { () throws(SchedulerError) in try PyArithmetic.binary(op, a, b) }
    case .compare(let first, let rest):
      var left = try evaluate(first)
      for (op, rhsExpr) in rest {
        let right = try evaluate(rhsExpr)
        let holds = try at(rhsExpr) { () throws(SchedulerError) in
          try PyCompare.compare(op, left, right)
        }
        if !holds { return .bool(false) }
        left = right
      }
      return .bool(true)
    case .and(let lhs, let rhs):
      let a = try evaluate(lhs)
      return a.isTruthy ? try evaluate(rhs) : a
    case .or(let lhs, let rhs):
      let a = try evaluate(lhs)
      return a.isTruthy ? a : try evaluate(rhs)
    case .not(let operand):
      return .bool(!(try evaluate(operand)).isTruthy)
    case .conditional(let test, let body, let orElse):
      return try evaluate(test).isTruthy ? try evaluate(body) : try evaluate(orElse)
    case .lambda(let parameters, let body):
      return .lambda(LambdaFunction(parameters: parameters, body: body, captured: locals))
    }
  }

  func evaluateAll(_ items: [Expr]) throws(SnippetError) -> [PyValue] {
    var values: [PyValue] = []
    for item in items { values.append(try evaluate(item)) }
    return values
  }

  func lookup(_ name: String, at expr: Expr) throws(SnippetError) -> PyValue {
    if let value = locals[name] ?? environment.names[name] { return value }
    if name == "optimizer", let constructor { return constructor.implicitOptimizer() }
    if Builtins.globalFunctions.contains(name) { return .builtin(name) }
    if Builtins.unsupported.contains(name) {
      throw outside("'\(name)' is outside the supported subset here", at: expr)
    }
    throw python(SchedulerError("NameError", "name '\(name)' is not defined"), at: expr)
  }

  func subscriptValue(_ container: PyValue, _ key: PyValue) throws(SchedulerError) -> PyValue {
    switch container {
    case .list(let items), .tuple(let items):
      guard case .int(let i) = PyArithmetic.Number(key) else {
        throw .typeError(
          "\(container.typeName) indices must be integers or slices, not \(key.typeName)")
      }
      let index = i < 0 ? items.count + i : i
      guard index >= 0 && index < items.count else {
        throw .init("IndexError", "\(container.typeName) index out of range")
      }
      return items[index]
    case .dict(let entries):
      guard let entry = entries.first(where: { PyCompare.equal($0.key, key) }) else {
        throw .init("KeyError", key.repr)
      }
      return entry.value
    default:
      throw .typeError("'\(container.typeName)' object is not subscriptable")
    }
  }
}

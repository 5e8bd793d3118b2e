import Schedulers

/// A `def` with its default values, evaluated when the `def` ran (as Python does).
final class PythonFunction {
  let definition: FunctionDefinition
  let defaults: [String: PyValue]

  init(definition: FunctionDefinition, defaults: [String: PyValue]) {
    self.definition = definition
    self.defaults = defaults
  }

  var name: String { definition.name }
}

/// Calling a `def`: its body runs with its own locals; globals are read at call time.
extension ExpressionEvaluator {
  func invoke(
    _ function: PythonFunction, _ arguments: [PyValue], keywords: [(String, PyValue)],
    at expr: Expr
  ) throws(SnippetError) -> PyValue {
    let parameters = function.definition.parameters.map(\.name)
    let qualified = "\(function.name)()"
    if arguments.count > parameters.count {
      let takes = "\(parameters.count) positional argument\(parameters.count == 1 ? "" : "s")"
      throw python(
        .typeError("\(qualified) takes \(takes) but \(arguments.count) were given"), at: expr)
    }
    var locals: [String: PyValue] = [:]
    for (parameter, value) in zip(parameters, arguments) { locals[parameter] = value }
    for (name, value) in keywords {
      guard parameters.contains(name) else {
        throw python(
          .typeError("\(qualified) got an unexpected keyword argument '\(name)'"), at: expr)
      }
      if locals[name] != nil {
        throw python(
          .typeError("\(qualified) got multiple values for argument '\(name)'"), at: expr)
      }
      locals[name] = value
    }
    for parameter in parameters where locals[parameter] == nil {
      if let value = function.defaults[parameter] { locals[parameter] = value }
    }
    let missing = parameters.filter { locals[$0] == nil }
    if !missing.isEmpty {
      let names = missing.map { "'\($0)'" }
      let list =
        names.count == 1
        ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
      let plural = missing.count == 1 ? "argument" : "arguments"
      throw python(
        .typeError("\(qualified) missing \(missing.count) required positional \(plural): \(list)"),
        at: expr)
    }
    environment.callDepth += 1
    defer { environment.callDepth -= 1 }
    if environment.callDepth > Self.maxCallDepth {
      throw python(SchedulerError("RecursionError", "maximum recursion depth exceeded"), at: expr)
    }
    var frame = FunctionFrame(environment: environment, lines: lines, locals: locals)
    return try frame.run(function.definition.body) ?? PyValue.none
  }
}

/// One running call of a `def`: assignments, `if` chains and `return`.
struct FunctionFrame {
  let environment: Environment
  let lines: SourceLines
  var locals: [String: PyValue]

  var evaluator: ExpressionEvaluator {
    ExpressionEvaluator(environment: environment, lines: lines, locals: locals)
  }

  /// The returned value, or nil when the statements ran off their end.
  mutating func run(_ statements: [Statement]) throws(SnippetError) -> PyValue? {
    for statement in statements {
      switch statement.kind {
      case .returnValue(let value):
        return try value.map { expr throws(SnippetError) in try evaluator.evaluate(expr) }
          ?? PyValue.none
      case .assign(let targets, let valueExpr):
        let value = try evaluator.evaluate(valueExpr)
        for target in targets { try assign(target, value) }
      case .augmentedAssign(let target, let op, let valueExpr):
        guard case .name(let name, let line, let column) = target else { continue }
        let expr = Expr(kind: .name(name), line: line, column: column)
        let current = try evaluator.lookup(name, at: expr)
        let value = try evaluator.evaluate(valueExpr)
        locals[name] = try evaluator.at(expr) { () throws(SchedulerError) in
          try PyArithmetic.binary(op, current, value)
        }
      case .ifChain(let branches, let orElse):
        var chosen = orElse
        for branch in branches where try evaluator.evaluate(branch.test).isTruthy {
          chosen = branch.body
          break
        }
        if let value = try run(chosen) { return value }
      case .expression(let expr):
        // `print(...)` in a function is a no-op here; anything else is evaluated.
        if case .call(let callee, _, _) = expr.kind, case .name("print") = callee.kind { continue }
        _ = try evaluator.evaluate(expr)
      case .skipped("pass", _):
        continue
      case .skipped, .importModules, .importFrom, .function:
        try Self.check([statement], lines: lines)
      }
    }
    return nil
  }

  /// Rejects, when the `def` runs, what a function body may not hold: loops, `with`, imports.
  static func check(_ statements: [Statement], lines: SourceLines) throws(SnippetError) {
    for statement in statements {
      switch statement.kind {
      case .skipped("pass", _), .assign, .augmentedAssign, .expression, .returnValue:
        continue
      case .ifChain(let branches, let orElse):
        for branch in branches { try check(branch.body, lines: lines) }
        try check(orElse, lines: lines)
      case .skipped(let keyword, _):
        throw lines.error(
          "'\(keyword)' inside a function is outside the supported subset", line: statement.line,
          column: statement.column)
      case .importModules, .importFrom, .function:
        throw lines.error(
          "imports and definitions inside a function are outside the supported subset",
          line: statement.line, column: statement.column)
      }
    }
  }

  mutating func assign(_ target: Target, _ value: PyValue) throws(SnippetError) {
    switch target {
    case .name(let name, _, _):
      locals[name] = value
    case .tuple(let targets, let line, let column):
      let items = try unpack(value, count: targets.count, line: line, column: column, lines: lines)
      for (inner, item) in zip(targets, items) { try assign(inner, item) }
    }
  }
}

/// Tuple unpacking with Python's errors.
func unpack(_ value: PyValue, count: Int, line: Int, column: Int, lines: SourceLines)
  throws(SnippetError) -> [PyValue]
{
  let items: [PyValue]
  switch value {
  case .list(let xs), .tuple(let xs): items = xs
  default:
    let error = SchedulerError.typeError("cannot unpack non-iterable \(value.typeName) object")
    throw lines.error(error.description, line: line, column: column, pythonError: error)
  }
  guard items.count == count else {
    let message =
      items.count > count
      ? "too many values to unpack (expected \(count))"
      : "not enough values to unpack (expected \(count), got \(items.count))"
    throw lines.error(
      "ValueError: \(message)", line: line, column: column, pythonError: .value(message))
  }
  return items
}

import Schedulers

/// Builds optimizers and schedulers when the evaluator meets a call to their class.
protocol ConstructorHandler: AnyObject {
  func construct(
    _ callee: PyValue, call: Expr, positional: [(value: PyValue, expr: Expr)],
    keywords: [(name: String, value: PyValue, argument: KeywordArgument)]
  ) throws(SnippetError) -> PyValue
  /// `optimizer` when the snippet never assigned one: SGD with the context's lr.
  func implicitOptimizer() -> PyValue
  /// A name was bound to `value` (schedulers remember their first variable).
  func bound(_ name: String, _ value: PyValue)
}

/// Evaluates expressions of the subset. Never runs anything outside it: what it cannot
/// evaluate becomes an opaque value (see `Opaque`), never a call into the outside world.
struct ExpressionEvaluator {
  let environment: Environment
  let lines: SourceLines
  var locals: [String: PyValue] = [:]
  static let maxCallDepth = 20

  init(environment: Environment, lines: SourceLines, locals: [String: PyValue] = [:]) {
    self.environment = environment
    self.lines = lines
    self.locals = locals
  }

  var constructor: (any ConstructorHandler)? { environment.constructor }

  func python(_ error: SchedulerError, at expr: Expr) -> SnippetError {
    lines.error(error.description, line: expr.line, column: expr.column, pythonError: error)
  }

  func outside(_ message: String, at expr: Expr) -> SnippetError {
    lines.error(message, line: expr.line, column: expr.column)
  }

  /// An error that no statement may swallow: the work budget, a mutation of the optimizer.
  func fatal(_ message: String, at expr: Expr) -> SnippetError {
    var error = lines.error(message, line: expr.line, column: expr.column)
    error.isFatal = true
    return error
  }

  /// Runs a throwing Python operation, placing its error at `expr`.
  func at<T>(_ expr: Expr, _ body: () throws(SchedulerError) -> T) throws(SnippetError) -> T {
    do { return try body() } catch { throw python(error, at: expr) }
  }

  func tick(_ expr: Expr, cost: Int = 1) throws(SnippetError) {
    try environment.budget.spend(cost, at: expr, lines: lines)
  }

  func opaque(_ description: String, at expr: Expr) -> PyValue {
    .opaque(Opaque(description, line: expr.line, column: expr.column))
  }

  func evaluate(_ expr: Expr) throws(SnippetError) -> PyValue {
    try tick(expr)
    switch expr.kind {
    case .int(let i): return .int(i)
    case .bigInt(let digits):
      return try at(expr) { () throws(SchedulerError) in try PyInt.literal(digits) }
    case .float(let x): return .float(x)
    case .string(let s): return .string(s)
    case .fstring: return .formatted
    case .bytes: return opaque("a bytes literal", at: expr)
    case .bool(let b): return .bool(b)
    case .none: return .none
    case .ellipsis: return .ellipsis
    case .name(let name): return try lookup(name, at: expr)
    case .list(let items): return .list(try evaluateItems(items))
    case .tuple(let items): return .tuple(try evaluateItems(items))
    case .set(let items): return .set(PyHashing.unique(try evaluateItems(items)))
    case .dict(let entries): return try evaluateDict(entries)
    case .comprehension(let kind, let element, let clauses):
      return try evaluateComprehension(kind, element, clauses, expr)
    case .dictComprehension(let keyExpr, let valueExpr, let clauses):
      return try evaluateDictComprehension(keyExpr, valueExpr, clauses, expr)
    case .starred:
      throw outside("can't use starred expression here", at: expr)
    case .attribute(let base, let name):
      return try attribute(try evaluate(base), name, at: expr)
    case .subscript(let base, let index):
      let container = try evaluate(base)
      let key = try evaluate(index)
      if case .opaque = container { return container }
      if case .opaque = key { return key }
      return try at(expr) { () throws(SchedulerError) in try subscriptValue(container, key) }
    case .slice(let lower, let upper, let step): return try evaluateSlice(lower, upper, step)
    case .call(let calleeExpr, let positionalExprs, let keywordArgs):
      return try evaluateCall(calleeExpr, positionalExprs, keywordArgs, expr)
    case .unary(let op, let operand):
      let value = try evaluate(operand)
      if case .opaque = value { return value }
      return try at(expr) { () throws(SchedulerError) in try PyArithmetic.unary(op, value) }
    case .binary(let op, let lhs, let rhs): return try evaluateBinary(op, lhs, rhs, expr)
    case .compare(let first, let rest): return try evaluateCompare(first, rest)
    case .and(let lhs, let rhs):
      let a = try evaluate(lhs)
      guard let truth = a.truth else { return a }
      return truth ? try evaluate(rhs) : a
    case .or(let lhs, let rhs):
      let a = try evaluate(lhs)
      guard let truth = a.truth else { return a }
      return truth ? a : try evaluate(rhs)
    case .not(let operand):
      let value = try evaluate(operand)
      guard let truth = value.truth else { return value }
      return .bool(!truth)
    case .conditional(let test, let body, let orElse):
      let value = try evaluate(test)
      guard let truth = value.truth else { return value }
      return truth ? try evaluate(body) : try evaluate(orElse)
    case .lambda(let parameters, let body):
      return .function(
        PythonFunction(
          name: "<lambda>", parameters: parameters, body: .expression(body),
          defaults: try defaults(of: parameters), captured: locals))
    case .namedExpression(_, let value):
      return try evaluate(value)
    case .suspended(let keyword, _):
      return opaque("'\(keyword)'", at: expr)
    }
  }

  func evaluateDict(_ entries: [DictEntry]) throws(SnippetError) -> PyValue {
    var builder = DictBuilder()
    for entry in entries {
      if let keyExpr = entry.key {
        let key = try evaluate(keyExpr)
        let value = try evaluate(entry.value)
        try at(keyExpr) { () throws(SchedulerError) in try builder.set(key, value) }
      } else {
        let mapping = try evaluate(entry.value)
        if case .opaque = mapping { return mapping }
        guard case .dict(let more) = mapping else {
          throw python(
            .typeError("'\(mapping.typeName)' object is not a mapping"), at: entry.value)
        }
        for (key, value) in more {
          try at(entry.value) { () throws(SchedulerError) in try builder.set(key, value) }
        }
      }
    }
    return .dict(builder.entries)
  }

  func evaluateComprehension(
    _ kind: ComprehensionKind, _ element: Expr, _ clauses: [ComprehensionClause], _ expr: Expr
  ) throws(SnippetError) -> PyValue {
    var results: [PyValue] = []
    if let stop = try comprehend(
      clauses, at: expr,
      { (inner) throws(SnippetError) in
        results.append(try inner.evaluate(element))
      })
    {
      return stop
    }
    switch kind {
    case .list, .generator: return .list(results)
    case .set: return .set(PyHashing.unique(results))
    }
  }

  func evaluateDictComprehension(
    _ keyExpr: Expr, _ valueExpr: Expr, _ clauses: [ComprehensionClause], _ expr: Expr
  ) throws(SnippetError) -> PyValue {
    var builder = DictBuilder()
    if let stop = try comprehend(
      clauses, at: expr,
      { (inner) throws(SnippetError) in
        let key = try inner.evaluate(keyExpr)
        let value = try inner.evaluate(valueExpr)
        try inner.at(keyExpr) { () throws(SchedulerError) in try builder.set(key, value) }
      })
    {
      return stop
    }
    return .dict(builder.entries)
  }

  func evaluateSlice(_ lower: Expr?, _ upper: Expr?, _ step: Expr?) throws(SnippetError) -> PyValue
  {
    var parts: [Int?] = []
    for part in [lower, upper, step] {
      guard let part else {
        parts.append(nil)
        continue
      }
      let value = try evaluate(part)
      switch value {
      case .opaque: return value
      case .none: parts.append(nil)
      default:
        guard case .int(let i) = PyArithmetic.Number(value) else {
          throw python(
            .typeError("slice indices must be integers or None or have an __index__ method"),
            at: part)
        }
        parts.append(i)
      }
    }
    return .slice(parts[0], parts[1], parts[2])
  }

  func evaluateCall(
    _ calleeExpr: Expr, _ positionalExprs: [Expr], _ keywordArgs: [KeywordArgument], _ expr: Expr
  ) throws(SnippetError) -> PyValue {
    let callee = try evaluate(calleeExpr)
    var positional: [(value: PyValue, expr: Expr)] = []
    for argument in positionalExprs {
      if case .starred(let inner) = argument.kind {
        let value = try evaluate(inner)
        if case .opaque = value { return value }
        for item in try iterate(value, at: inner) { positional.append((item, inner)) }
      } else {
        positional.append((try evaluate(argument), argument))
      }
    }
    var keywords: [(name: String, value: PyValue, argument: KeywordArgument)] = []
    for keyword in keywordArgs {
      let value = try evaluate(keyword.value)
      if keyword.isUnpacking {
        if case .opaque = value { return value }
        guard case .dict(let entries) = value else {
          throw python(
            .typeError("argument after ** must be a mapping, not \(value.typeName)"),
            at: keyword.value)
        }
        for (key, item) in entries {
          guard case .string(let name) = key else {
            throw python(.typeError("keywords must be strings"), at: keyword.value)
          }
          if keywords.contains(where: { $0.name == name }) {
            throw python(
              .typeError("got multiple values for keyword argument '\(name)'"), at: keyword.value)
          }
          keywords.append((name, item, keyword))
        }
      } else {
        keywords.append((keyword.name, value, keyword))
      }
    }
    return try call(callee, at: expr, positional: positional, keywords: keywords)
  }

  func evaluateBinary(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, _ expr: Expr)
    throws(SnippetError) -> PyValue
  {
    let a = try evaluate(lhs)
    let b = try evaluate(rhs)
    if case .opaque = a { return a }
    if case .opaque = b { return b }
    let size = PyArithmetic.resultSize(op, a, b)
    try environment.budget.checkSize(size, at: expr, lines: lines)
    if size > 256 { try tick(expr, cost: size / 16) }
    // Big-int arithmetic costs in proportion to the words multiplied.
    if case .bigInt(let x) = a {
      let other = if case .bigInt(let y) = b { y.words.count } else { 1 }
      try tick(expr, cost: x.words.count * other / 8)
    } else if case .bigInt(let y) = b {
      try tick(expr, cost: y.words.count / 8)
    }
    return try at(expr) { () throws(SchedulerError) in try PyArithmetic.binary(op, a, b) }
  }

  func evaluateCompare(_ first: Expr, _ rest: [(op: CompareOperator, rhs: Expr)])
    throws(SnippetError) -> PyValue
  {
    var left = try evaluate(first)
    for (op, rhsExpr) in rest {
      let right = try evaluate(rhsExpr)
      if case .opaque = left { return left }
      if case .opaque = right { return right }
      let holds = try at(rhsExpr) { () throws(SchedulerError) in
        try PyCompare.compare(op, left, right)
      }
      if !holds { return .bool(false) }
      left = right
    }
    return .bool(true)
  }

  /// Default values, evaluated when the `def` or `lambda` is (as Python does).
  func defaults(of parameters: FunctionParameters) throws(SnippetError) -> [String: PyValue] {
    var defaults: [String: PyValue] = [:]
    for parameter in parameters.positional + parameters.keywordOnly {
      if let expr = parameter.defaultValue { defaults[parameter.name] = try evaluate(expr) }
    }
    return defaults
  }

  /// Items of a list, tuple or set display, with `*iterable` spliced in.
  func evaluateItems(_ items: [Expr]) throws(SnippetError) -> [PyValue] {
    var values: [PyValue] = []
    values.reserveCapacity(items.count)
    for item in items {
      if case .starred(let inner) = item.kind {
        let value = try evaluate(inner)
        if case .opaque = value {
          values.append(value)
        } else {
          values += try iterate(value, at: inner)
        }
      } else {
        values.append(try evaluate(item))
      }
    }
    return values
  }

  /// Runs `body` once per binding of the comprehension's clauses; returns an opaque value
  /// instead when an iterable is opaque.
  func comprehend(
    _ clauses: [ComprehensionClause], at expr: Expr,
    _ body: (ExpressionEvaluator) throws(SnippetError) -> Void
  ) throws(SnippetError) -> PyValue? {
    var stop: PyValue?
    func run(_ index: Int, _ evaluator: ExpressionEvaluator) throws(SnippetError) {
      if stop != nil { return }
      guard index < clauses.count else {
        try body(evaluator)
        return
      }
      switch clauses[index] {
      case .if(let test):
        let value = try evaluator.evaluate(test)
        guard let truth = value.truth else {
          stop = value
          return
        }
        if truth { try run(index + 1, evaluator) }
      case .for(let target, let iterableExpr):
        let iterable = try evaluator.evaluate(iterableExpr)
        if case .opaque = iterable {
          stop = iterable
          return
        }
        for item in try evaluator.iterate(iterable, at: iterableExpr) {
          try evaluator.tick(expr)
          var inner = evaluator
          try inner.bind(target, item)
          try run(index + 1, inner)
          if stop != nil { return }
        }
      }
    }
    try run(0, self)
    return stop
  }

  /// Binds a comprehension target in this evaluator's locals.
  mutating func bind(_ target: Target, _ value: PyValue) throws(SnippetError) {
    switch target {
    case .name(let name, _, _):
      locals[name] = value
    case .tuple(let targets, let line, let column):
      let items = try unpack(value, targets: targets, line: line, column: column, lines: lines)
      for (inner, item) in zip(targets, items) { try bind(inner, item) }
    case .starred(let inner, _, _):
      try bind(inner, value)
    case .attribute(_, _, let line, let column), .item(_, _, let line, let column):
      throw lines.error(
        "a comprehension target must be a name or a tuple of names", line: line, column: column)
    }
  }

  func lookup(_ name: String, at expr: Expr) throws(SnippetError) -> PyValue {
    if let value = locals[name] ?? environment.names[name] { return value }
    if name == "optimizer", let constructor { return constructor.implicitOptimizer() }
    if let builtin = Builtins.lookup(name) { return builtin }
    var message = "name '\(name)' is not defined"
    let candidates = Array(locals.keys) + Array(environment.names.keys) + Builtins.allNames
    if let suggestion = DidYouMean.suggest(name, among: candidates) {
      message += ". Did you mean: '\(suggestion)'?"
    }
    throw python(SchedulerError("NameError", message), at: expr)
  }

  /// The items of an iterable value.
  func iterate(_ value: PyValue, at expr: Expr) throws(SnippetError) -> [PyValue] {
    switch value {
    case .list(let items), .tuple(let items), .set(let items): return items
    case .dict(let entries): return entries.map(\.key)
    case .string(let s): return s.unicodeScalars.map { .string(String($0)) }
    case .range(let start, let stop, let step):
      let count = rangeCount(start, stop, step)
      try environment.budget.checkSize(count, at: expr, lines: lines)
      try tick(expr, cost: count)
      return (0..<count).map { .int(start &+ $0 &* step) }
    case .parameters(let network, let named):
      return network.namedParameters().map {
        named ? .tuple([.string($0.name), .parameter($0.parameter)]) : .parameter($0.parameter)
      }
    case .network(let network)
    where network.typeName == "Sequential" || network.typeName == "ModuleList":
      return network.children.map { .network($0.network) }
    default:
      throw python(.typeError("'\(value.typeName)' object is not iterable"), at: expr)
    }
  }

  func subscriptValue(_ container: PyValue, _ key: PyValue) throws(SchedulerError) -> PyValue {
    if case .slice(let lower, let upper, let step) = key {
      return try PySlice.apply(lower, upper, step, to: container)
    }
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
    case .string(let s):
      guard case .int(let i) = PyArithmetic.Number(key) else {
        throw .typeError("string indices must be integers, not '\(key.typeName)'")
      }
      let scalars = Array(s.unicodeScalars)
      let index = i < 0 ? scalars.count + i : i
      guard index >= 0 && index < scalars.count else {
        throw .init("IndexError", "string index out of range")
      }
      return .string(String(scalars[index]))
    case .range(let start, let stop, let step):
      guard case .int(let i) = PyArithmetic.Number(key) else {
        throw .typeError("range indices must be integers or slices, not \(key.typeName)")
      }
      let count = rangeCount(start, stop, step)
      let index = i < 0 ? count + i : i
      guard index >= 0 && index < count else {
        throw .init("IndexError", "range object index out of range")
      }
      return .int(start &+ index &* step)
    case .dict(let entries):
      guard let entry = PyHashing.find(key, in: entries) else {
        throw .init("KeyError", key.repr)
      }
      return entries[entry].value
    case .network(let network)
    where network.typeName == "Sequential" || network.typeName == "ModuleList":
      guard case .int(let i) = PyArithmetic.Number(key) else {
        throw .typeError("indices must be integers, not \(key.typeName)")
      }
      let index = i < 0 ? network.children.count + i : i
      guard index >= 0 && index < network.children.count else {
        throw .init("IndexError", "index \(i) is out of range")
      }
      return .network(network.children[index].network)
    case .object(let object) where object.arguments != nil:
      throw .typeError("'\(container.typeName)' object is not subscriptable")
    default:
      throw .typeError("'\(container.typeName)' object is not subscriptable")
    }
  }
}

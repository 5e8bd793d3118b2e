import Schedulers

/// Python values to the Swift types of the scheduler initializers.
extension BoundArguments {
  func isNone(_ name: String) -> Bool {
    if case .none = self[name] { return true }
    return false
  }

  func double(_ name: String) throws(SnippetError) -> Double {
    if case .bigInt(let b) = self[name], !Double(b).isFinite {
      throw fail(SchedulerError("OverflowError", "int too large to convert to float"), at: name)
    }
    guard let number = self[name].number else {
      throw outside(
        "\(name) must be a number here, got \(self[name].repr) (\(self[name].typeName))", at: name)
    }
    return number
  }

  /// An integer parameter PyTorch does not type-check: integral floats are read as ints.
  func int(_ name: String) throws(SnippetError) -> Int {
    let value = self[name]
    switch value {
    case .int(let i): return i
    case .bigInt:
      throw fail(
        SchedulerError("OverflowError", "Python int too large to convert to C long"), at: name)
    case .bool(let b): return b ? 1 : 0
    case .float(let x):
      if let i = Int(exactly: x) { return i }
      throw outside("lrlab reads \(name) as an integer, got \(value.repr)", at: name)
    default:
      throw outside(
        "\(name) must be an integer here, got \(value.repr) (\(value.typeName))", at: name)
    }
  }

  /// `int(name)`, or `fallback` when the signature has no such parameter.
  func int(_ name: String, default fallback: Int) throws(SnippetError) -> Int {
    values[name] == nil ? fallback : try int(name)
  }

  /// Runs a Swift initializer, turning its PyTorch error into one pointed at the call.
  func run<T>(_ body: () throws(SchedulerError) -> T) throws(SnippetError) -> T {
    do { return try body() } catch { throw fail(error) }
  }

  func optionalInt(_ name: String) throws(SnippetError) -> Int? {
    isNone(name) ? nil : try int(name)
  }

  func string(_ name: String) throws(SnippetError) -> String {
    switch self[name] {
    case .string(let s): return s
    default: return self[name].repr
    }
  }

  func bool(_ name: String) -> Bool { self[name].isTruthy }

  func perGroupDouble(_ name: String) throws(SnippetError) -> PerGroup<Double> {
    switch self[name] {
    case .list(let items), .tuple(let items):
      var values: [Double] = []
      for item in items {
        guard let number = item.number else {
          throw outside("\(name) must hold numbers, got \(item.repr)", at: name)
        }
        values.append(number)
      }
      return .each(values)
    default:
      return .same(try double(name))
    }
  }

  func intList(_ name: String) throws(SnippetError) -> [Int] {
    switch self[name] {
    case .list(let items), .tuple(let items):
      var values: [Int] = []
      for item in items {
        switch item {
        case .int(let i): values.append(i)
        case .bool(let b): values.append(b ? 1 : 0)
        case .float(let x) where Int(exactly: x) != nil: values.append(Int(x))
        default: throw outside("\(name) must hold integers, got \(item.repr)", at: name)
        }
      }
      return values
    default:
      throw outside("\(name) must be a list of integers, got \(self[name].repr)", at: name)
    }
  }

  func optimizer(_ name: String = "optimizer") throws(SnippetError) -> OptimizerState {
    guard case .optimizer(let optimizer) = self[name] else {
      throw fail(.typeError("\(self[name].typeName) is not an Optimizer"), at: name)
    }
    return optimizer
  }

  func schedulers(_ name: String = "schedulers") throws(SnippetError) -> [any LRScheduler] {
    switch self[name] {
    case .list(let items), .tuple(let items):
      var result: [any LRScheduler] = []
      for item in items {
        guard case .scheduler(let object) = item else {
          throw fail(
            SchedulerError(
              "AttributeError", "'\(item.typeName)' object has no attribute 'optimizer'"),
            at: name)
        }
        result.append(object.scheduler)
      }
      return result
    default:
      throw fail(.typeError("'\(self[name].typeName)' object is not iterable"), at: name)
    }
  }

  /// `lr_lambda`: one callable or one per group. Called at step time with the epoch.
  func lambdas(_ name: String, environment: Environment) -> PerGroup<EpochLambda> {
    switch self[name] {
    case .list(let items), .tuple(let items):
      return .each(items.map { epochLambda($0, environment: environment) })
    case let value:
      return .same(epochLambda(value, environment: environment))
    }
  }

  func epochLambda(_ function: PyValue, environment: Environment) -> EpochLambda {
    let lines = self.lines
    let call = self.call
    return { (epoch: Int) throws(SchedulerError) -> Double in
      let result = try callPython(
        function, with: .int(epoch), environment: environment, lines: lines, call: call)
      if let o = result.opaque {
        throw SchedulerError("NotImplementedError", o.refusal(lines).message)
      }
      guard let number = result.number else {
        throw .typeError("unsupported operand type(s) for *: 'float' and '\(result.typeName)'")
      }
      return number
    }
  }

  /// CyclicLR's `scale_fn`.
  func scaleFunction(_ name: String, environment: Environment) -> ScaleFunction? {
    if isNone(name) { return nil }
    let function = self[name]
    let lines = self.lines
    let call = self.call
    return { (x: Double) throws(SchedulerError) -> Double in
      let argument: PyValue = Int(exactly: x).map { .int($0) } ?? .float(x)
      let result = try callPython(
        function, with: argument, environment: environment, lines: lines, call: call)
      guard let number = result.number else {
        throw .typeError("unsupported operand type(s) for *: 'float' and '\(result.typeName)'")
      }
      return number
    }
  }
}

/// Calls a Python callable at step time; every error becomes the Python error it stands for.
func callPython(
  _ function: PyValue, with argument: PyValue, environment: Environment, lines: SourceLines,
  call: Expr
) throws(SchedulerError) -> PyValue {
  let evaluator = ExpressionEvaluator(environment: environment, lines: lines)
  environment.budget.used = 0
  do {
    return try evaluator.call(
      function, at: call, positional: [(argument, call)], keywords: [])
  } catch {
    throw error.pythonError ?? SchedulerError("NotImplementedError", error.message)
  }
}

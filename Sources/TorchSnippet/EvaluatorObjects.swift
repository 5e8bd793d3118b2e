import Schedulers

/// Attributes and calls: modules, the network's parameters, optimizer and scheduler objects,
/// builtins and lambdas.
extension ExpressionEvaluator {
  func attribute(_ base: PyValue, _ name: String, at expr: Expr) throws(SnippetError) -> PyValue {
    func missing() -> SnippetError {
      python(
        SchedulerError(
          "AttributeError", "'\(base.typeName)' object has no attribute '\(name)'"), at: expr)
    }
    switch base {
    case .module("math"):
      if Builtins.mathFunctions.contains(name) { return .builtin("math." + name) }
      if let constant = Builtins.mathConstants[name] { return .float(constant) }
      throw python(
        SchedulerError("AttributeError", "module 'math' has no attribute '\(name)'"), at: expr)
    case .module(let module):
      if let value = ModuleNames.member(of: module, name) { return value }
      if module.hasPrefix("torch") || module.hasPrefix("transformers") {
        throw outside("'\(module).\(name)' is outside the supported subset", at: expr)
      }
      throw python(
        SchedulerError("AttributeError", "module '\(module)' has no attribute '\(name)'"),
        at: expr)
    case .network:
      if name == "parameters" || name == "named_parameters" {
        return .method(PyValue.Box(base), name)
      }
      return .network(name)
    case .optimizer(let optimizer):
      switch name {
      case "param_groups": return .list(optimizer.groups.map { paramGroupDict($0, optimizer.kind) })
      case "step", "zero_grad": return .method(PyValue.Box(base), name)
      default: throw missing()
      }
    case .scheduler(let object):
      let scheduler = object.scheduler
      switch name {
      case "last_epoch": return .int(scheduler.lastEpoch)
      case "optimizer": return .optimizer(scheduler.optimizer)
      case "get_last_lr", "step": return .method(PyValue.Box(base), name)
      default: throw missing()
      }
    default:
      throw missing()
    }
  }

  func paramGroupDict(_ group: ParamGroup, _ kind: OptimizerState.Kind) -> PyValue {
    var entries: [(key: PyValue, value: PyValue)] = [(.string("lr"), .float(group.lr))]
    if let initial = group.initialLR { entries.append((.string("initial_lr"), .float(initial))) }
    if kind == .sgd {
      entries.append((.string("momentum"), .float(group.momentum)))
      entries.append((.string("dampening"), .float(group.dampening)))
      entries.append((.string("nesterov"), .bool(group.nesterov)))
    } else {
      entries.append((.string("betas"), .tuple([.float(group.beta1), .float(group.beta2)])))
      entries.append((.string("eps"), .float(group.eps)))
      entries.append((.string("amsgrad"), .bool(group.amsgrad)))
    }
    entries.append((.string("weight_decay"), .float(group.weightDecay)))
    return .dict(entries)
  }

  func call(
    _ callee: PyValue, at expr: Expr, positional: [(value: PyValue, expr: Expr)],
    keywords: [(name: String, value: PyValue, argument: KeywordArgument)]
  ) throws(SnippetError) -> PyValue {
    switch callee {
    case .builtin(let name) where name.hasPrefix("torch.nn."):
      return .network(String(name.dropFirst("torch.nn.".count)))
    case .builtin(let name) where name.hasPrefix("transformers."):
      guard let constructor else {
        throw outside("calling \(name) inside a lambda is outside the subset", at: expr)
      }
      return try constructor.construct(
        callee, call: expr, positional: positional, keywords: keywords)
    case .builtin(let name):
      let args = positional.map(\.value)
      let names = keywords.map(\.name)
      return try at(expr) { () throws(SchedulerError) in
        try Builtins.call(name, args, keywords: names)
      }
    case .lambda(let function):
      return try invoke(
        function, positional.map(\.value), keywords: keywords.map { ($0.name, $0.value) },
        at: expr)
    case .function(let function):
      return try invoke(
        function, positional.map(\.value), keywords: keywords.map { ($0.name, $0.value) },
        at: expr)
    case .method(let box, let name):
      return try callMethod(box.value, name, at: expr, arguments: positional.count + keywords.count)
    case .schedulerClass, .optimizerClass:
      guard let constructor else {
        throw outside("constructing \(callee.repr) inside a lambda is outside the subset", at: expr)
      }
      return try constructor.construct(
        callee, call: expr, positional: positional, keywords: keywords)
    default:
      throw python(.typeError("'\(callee.typeName)' object is not callable"), at: expr)
    }
  }

  func callMethod(_ base: PyValue, _ name: String, at expr: Expr, arguments: Int)
    throws(SnippetError) -> PyValue
  {
    switch (base, name) {
    case (.network(let network), "parameters"), (.network(let network), "named_parameters"):
      return .parameters(network)
    case (.scheduler(let object), "get_last_lr"):
      return .list(object.scheduler.lastLR.map { .float($0) })
    default:
      throw outside(
        "'\(name)()' is not run while reading a snippet: lrlab steps the schedule itself",
        at: expr)
    }
  }

  /// Calls a lambda: positional then keyword arguments bound to its parameters.
  func invoke(
    _ function: LambdaFunction, _ arguments: [PyValue], keywords: [(String, PyValue)],
    at expr: Expr
  ) throws(SnippetError) -> PyValue {
    let parameters = function.parameters
    if arguments.count > parameters.count {
      let takes = "\(parameters.count) positional argument\(parameters.count == 1 ? "" : "s")"
      throw python(
        .typeError("<lambda>() takes \(takes) but \(arguments.count) were given"), at: expr)
    }
    var bound = function.captured
    for (parameter, value) in zip(parameters, arguments) { bound[parameter] = value }
    for (name, value) in keywords {
      guard let index = parameters.firstIndex(of: name) else {
        throw python(
          .typeError("<lambda>() got an unexpected keyword argument '\(name)'"), at: expr)
      }
      if index < arguments.count {
        throw python(.typeError("<lambda>() got multiple values for argument '\(name)'"), at: expr)
      }
      bound[name] = value
    }
    let missing = parameters.enumerated().filter { index, name in
      index >= arguments.count && !keywords.contains { $0.0 == name }
    }.map(\.element)
    if !missing.isEmpty {
      let names = missing.map { "'\($0)'" }
      let list =
        names.count == 1
        ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
      let plural = missing.count == 1 ? "argument" : "arguments"
      throw python(
        .typeError("<lambda>() missing \(missing.count) required positional \(plural): \(list)"),
        at: expr)
    }
    environment.callDepth += 1
    defer { environment.callDepth -= 1 }
    if environment.callDepth > Self.maxCallDepth {
      throw python(SchedulerError("RecursionError", "maximum recursion depth exceeded"), at: expr)
    }
    let inner = ExpressionEvaluator(environment: environment, lines: lines, locals: bound)
    return try inner.evaluate(function.body)
  }
}

import Schedulers

/// `torch.optim.SGD / Adam / AdamW(params, …)`: parameter lists or param-group dicts with
/// per-group overrides, PyTorch's defaults and its validation errors.
extension SnippetBuilder {
  static func optimizerParameters(_ kind: OptimizerState.Kind) -> [PythonParameter] {
    let common: [PythonParameter] = [.init("params"), .init("lr", .float(1e-3))]
    let flags = ["maximize", "foreach", "differentiable", "fused", "capturable"].map {
      PythonParameter(
        $0,
        $0 == "maximize" || $0 == "differentiable" || $0 == "capturable"
          ? .bool(false) : PyValue.none, keywordOnly: true)
    }
    switch kind {
    case .sgd:
      return common + [
        .init("momentum", .int(0)), .init("dampening", .int(0)), .init("weight_decay", .int(0)),
        .init("nesterov", .bool(false)),
      ] + flags.filter { $0.name != "capturable" }
    case .adam, .adamW:
      return common + [
        .init("betas", .tuple([.float(0.9), .float(0.999)])), .init("eps", .float(1e-8)),
        .init("weight_decay", kind == .adam ? .int(0) : .float(1e-2)),
        .init("amsgrad", .bool(false)),
      ] + flags
    }
  }

  func makeOptimizer(
    _ kind: OptimizerState.Kind, call: Expr, positional: [(value: PyValue, expr: Expr)],
    keywords: [(name: String, value: PyValue, argument: KeywordArgument)]
  ) throws(SnippetError) -> PyValue {
    let a = try bindArguments(
      className: kind.rawValue, parameters: Self.optimizerParameters(kind), call: call,
      positional: positional, keywords: keywords, lines: lines)
    // Validation of the defaults, in PyTorch's order.
    let lr = try a.double("lr")
    if lr < 0 { throw a.fail(.value("Invalid learning rate: \(a["lr"].repr)"), at: "lr") }
    var defaults = ParamGroup(lr: lr)
    if kind == .sgd {
      defaults.momentum = try a.double("momentum")
      if defaults.momentum < 0 {
        throw a.fail(.value("Invalid momentum value: \(a["momentum"].repr)"), at: "momentum")
      }
      defaults.weightDecay = try a.double("weight_decay")
      if defaults.weightDecay < 0 {
        throw a.fail(
          .value("Invalid weight_decay value: \(a["weight_decay"].repr)"), at: "weight_decay")
      }
      defaults.dampening = try a.double("dampening")
      defaults.nesterov = a.bool("nesterov")
      if defaults.nesterov && (defaults.momentum <= 0 || defaults.dampening != 0) {
        throw a.fail(.value("Nesterov momentum requires a momentum and zero dampening"))
      }
    } else {
      defaults.eps = try a.double("eps")
      if defaults.eps < 0 {
        throw a.fail(.value("Invalid epsilon value: \(a["eps"].repr)"), at: "eps")
      }
      let betas = try betaPair(a["betas"], a, "betas")
      for (index, beta) in [betas.0, betas.1].enumerated()
      where !(beta.value >= 0 && beta.value < 1) {
        throw a.fail(.value("Invalid beta parameter at index \(index): \(beta.repr)"), at: "betas")
      }
      (defaults.beta1, defaults.beta2) = (betas.0.value, betas.1.value)
      defaults.weightDecay = try a.double("weight_decay")
      if defaults.weightDecay < 0 {
        throw a.fail(
          .value("Invalid weight_decay value: \(a["weight_decay"].repr)"), at: "weight_decay")
      }
      defaults.amsgrad = a.bool("amsgrad")
    }
    let groups = try paramGroups(a, defaults: defaults, kind: kind)
    let optimizer = OptimizerState(kind: kind, groups: groups)
    optimizerRecords.append((optimizer, a.displayArguments))
    environment.optimizerDefaults[ObjectIdentifier(optimizer)] = defaults
    return .optimizer(optimizer)
  }

  func betaPair(_ value: PyValue, _ a: BoundArguments, _ name: String) throws(SnippetError)
    -> ((value: Double, repr: String), (value: Double, repr: String))
  {
    switch value {
    case .tuple(let items) where items.count == 2, .list(let items) where items.count == 2:
      guard let b0 = items[0].number, let b1 = items[1].number else { break }
      return ((b0, items[0].repr), (b1, items[1].repr))
    default: break
    }
    throw a.outside("betas must be a pair of numbers, got \(value.repr)", at: name)
  }

  /// The param groups: one from a parameter list, or one per dict with its overrides.
  func paramGroups(_ a: BoundArguments, defaults: ParamGroup, kind: OptimizerState.Kind)
    throws(SnippetError) -> [ParamGroup]
  {
    let params = a["params"]
    if case .parameters(let network, named: false) = params {
      var group = defaults
      group.name = network.name
      return [group]
    }
    if case .network(let network) = params {
      var group = defaults
      group.name = network.name
      return [group]
    }
    let items: [PyValue]
    switch params {
    case .list(let xs), .tuple(let xs): items = xs
    case .parameters(let network, named: true):
      items = network.namedParameters().map {
        .tuple([.string($0.name), .parameter($0.parameter)])
      }
    default:
      throw a.fail(
        .typeError(
          "params argument given to the optimizer should be an iterable of Tensors or dicts, but got \(params.typeName)"
        ),
        at: "params")
    }
    guard !items.isEmpty else {
      throw a.fail(.value("optimizer got an empty parameter list"), at: "params")
    }
    // A flat list of parameters (or of (name, parameter) pairs) is one group.
    if items.allSatisfy({ if case .dict = $0 { false } else { true } }) {
      _ = try parameterSet(params, a)
      var group = defaults
      group.name = nil
      return [group]
    }
    var groups: [ParamGroup] = []
    var seen: Set<ObjectIdentifier> = []
    for item in items {
      guard case .dict(let entries) = item else {
        throw a.outside("param groups must be dicts such as {'params': backbone}", at: "params")
      }
      var group = defaults
      var members: (name: String?, parameters: [Parameter])?
      for (key, value) in entries {
        guard case .string(let field) = key else {
          throw a.outside("param group keys must be strings, got \(key.repr)", at: "params")
        }
        let number = value.number
        switch (field, kind) {
        case ("params", _): members = try parameterSet(value, a)
        case ("lr", _): group.lr = try groupNumber(number, field, a)
        case ("weight_decay", _): group.weightDecay = try groupNumber(number, field, a)
        case ("momentum", .sgd): group.momentum = try groupNumber(number, field, a)
        case ("dampening", .sgd): group.dampening = try groupNumber(number, field, a)
        case ("nesterov", .sgd): group.nesterov = value.isTruthy
        case ("eps", .adam), ("eps", .adamW): group.eps = try groupNumber(number, field, a)
        case ("amsgrad", .adam), ("amsgrad", .adamW): group.amsgrad = value.isTruthy
        case ("betas", .adam), ("betas", .adamW):
          let betas = try betaPair(value, a, "params")
          (group.beta1, group.beta2) = (betas.0.value, betas.1.value)
        default: break  // PyTorch keeps unknown keys in the group; they change nothing here.
        }
      }
      guard let members else {
        throw a.fail(SchedulerError("KeyError", "'params'"), at: "params")
      }
      let identities = Set(members.parameters.map(ObjectIdentifier.init))
      if !seen.isDisjoint(with: identities) {
        throw a.fail(
          .value("some parameters appear in more than one parameter group"), at: "params")
      }
      seen.formUnion(identities)
      group.name = members.name
      groups.append(group)
    }
    return groups
  }

  /// The parameters a `params` value holds, and the name of the network they come from (when
  /// they are one network's).
  func parameterSet(_ value: PyValue, _ a: BoundArguments) throws(SnippetError)
    -> (name: String?, parameters: [Parameter])
  {
    switch value {
    case .network(let network), .parameters(let network, _):
      return (network.name, network.namedParameters().map(\.parameter))
    case .parameter(let parameter):
      return (nil, [parameter])
    case .list(let items), .tuple(let items), .set(let items):
      var parameters: [Parameter] = []
      for item in items {
        switch item {
        case .parameter(let parameter): parameters.append(parameter)
        case .tuple(let pair)
        where pair.count == 2 && { if case .parameter = pair[1] { true } else { false } }():
          // `named_parameters()` given whole: PyTorch takes the (name, tensor) pairs.
          if case .parameter(let parameter) = pair[1] { parameters.append(parameter) }
        case .network(let network):
          parameters += network.namedParameters().map(\.parameter)
        default:
          throw a.fail(
            .typeError(
              "optimizer can only optimize Tensors, but one of the params is \(item.typeName)"),
            at: "params")
        }
      }
      return (nil, parameters)
    default:
      throw a.fail(
        .typeError(
          "params argument given to the optimizer should be an iterable of Tensors or dicts, but got \(value.typeName)"
        ), at: "params")
    }
  }

  func groupNumber(_ number: Double?, _ field: String, _ a: BoundArguments) throws(SnippetError)
    -> Double
  {
    guard let number else { throw a.outside("'\(field)' must be a number", at: "params") }
    return number
  }
}

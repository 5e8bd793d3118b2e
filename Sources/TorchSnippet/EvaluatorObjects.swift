import Schedulers

/// Attributes and calls: modules, networks and their parameters, optimizer and scheduler
/// objects, builtins, the script's functions and classes.
extension ExpressionEvaluator {
  func attributeError(_ base: PyValue, _ name: String, candidates: [String], at expr: Expr)
    -> SnippetError
  {
    let owner: String
    switch base {
    case .module(let module): owner = "module '\(module)'"
    case .userClass(let cls): owner = "type object '\(cls.name)'"
    default: owner = "'\(base.typeName)' object"
    }
    var message = "\(owner) has no attribute '\(name)'"
    if let suggestion = DidYouMean.suggest(name, among: candidates) {
      message += ". Did you mean: '\(suggestion)'?"
    }
    return python(SchedulerError("AttributeError", message), at: expr)
  }

  func attribute(_ base: PyValue, _ name: String, at expr: Expr) throws(SnippetError) -> PyValue {
    switch base {
    case .opaque(let o):
      if ["parameters", "named_parameters", "to", "cuda", "cpu", "train", "eval"].contains(name) {
        return try attribute(.network(network(for: o)), name, at: expr)
      }
      return .opaque(o.attribute(name, line: expr.line, column: expr.column))
    case .module(let module):
      if let value = ModuleNames.member(of: module, name) { return value }
      if let known = ModuleNames.knownMembers(of: module) {
        if known.contains(name) {
          return .opaque(
            ModuleNames.unmodelled(module, name, line: expr.line, column: expr.column, lines: lines)
          )
        }
        throw attributeError(
          base, name, candidates: Array(known) + ModuleNames.modelledMembers(of: module), at: expr)
      }
      return opaque("'\(module).\(name)'", at: expr)
    case .network(let network):
      if ModuleNames.networkMethods.contains(name) { return .method(PyValue.Box(base), name) }
      if let child = network.child(name) { return .network(child) }
      if let parameter = network.parameters.first(where: { $0.name == name }) {
        return .parameter(parameter.parameter)
      }
      if let value = network.attributes[name] { return value }
      if let value = network.cls?.lookup(name) { return bindMethod(value, to: base) }
      if network.lenient {
        let child = Network.layer("Module", name: name, lenient: true)
        network.setChild(name, child)
        return .network(child)
      }
      if network.cls != nil { return opaque("'\(network.name).\(name)'", at: expr) }
      throw attributeError(
        base, name,
        candidates: network.children.map(\.name) + network.parameters.map(\.name)
          + Array(network.attributes.keys) + Array(ModuleNames.networkMethods), at: expr)
    case .parameter(let parameter):
      if name == "requires_grad" { return .bool(parameter.requiresGrad) }
      if name == "requires_grad_" { return .method(PyValue.Box(base), name) }
      return opaque("a parameter's '\(name)'", at: expr)
    case .optimizer(let optimizer):
      switch name {
      case "param_groups":
        return .list(optimizer.groups.map { paramGroupDict($0, optimizer.kind) })
      case "defaults":
        let defaults = environment.optimizerDefaults[ObjectIdentifier(optimizer)]
        guard let defaults else { return opaque("optimizer.defaults", at: expr) }
        guard case .dict(var entries) = paramGroupDict(defaults, optimizer.kind) else {
          return .none
        }
        entries.removeAll { PyCompare.equal($0.key, .string("initial_lr")) }
        return .dict(entries)
      case "step", "zero_grad", "state_dict", "load_state_dict", "add_param_group":
        return .method(PyValue.Box(base), name)
      default:
        if ModuleNames.optimizerAttributes.contains(name) {
          return opaque("optimizer.\(name)", at: expr)
        }
        throw attributeError(
          base, name, candidates: ModuleNames.optimizerAttributes + ["param_groups", "defaults"],
          at: expr)
      }
    case .scheduler(let object):
      let scheduler = object.scheduler
      switch name {
      case "last_epoch": return .int(scheduler.lastEpoch)
      case "optimizer": return .optimizer(scheduler.optimizer)
      case "get_last_lr", "step", "state_dict", "load_state_dict", "get_lr":
        return .method(PyValue.Box(base), name)
      default:
        if ModuleNames.schedulerAttributes.contains(name) {
          return opaque("scheduler.\(name)", at: expr)
        }
        throw attributeError(
          base, name,
          candidates: ModuleNames.schedulerAttributes + ["last_epoch", "optimizer", "base_lrs"],
          at: expr)
      }
    case .object(let object):
      if let value = object.attributes[name] { return value }
      if let value = object.cls?.lookup(name) { return bindMethod(value, to: base) }
      if object.arguments != nil {
        // argparse.ArgumentParser
        return .method(PyValue.Box(base), name)
      }
      if object.incomplete { return opaque("'\(object.className).\(name)'", at: expr) }
      throw attributeError(
        base, name,
        candidates: Array(object.attributes.keys) + Array(object.cls?.attributes.keys ?? [:].keys),
        at: expr)
    case .userClass(let cls):
      if let value = cls.lookup(name) { return value }
      if name == "__name__" { return .string(cls.name) }
      if cls.bases.contains(where: { if case .userClass = $0 { false } else { true } }) {
        return opaque("'\(cls.name).\(name)'", at: expr)
      }
      throw attributeError(base, name, candidates: Array(cls.attributes.keys), at: expr)
    case .function(let function):
      if name == "__name__" { return .string(function.name) }
      return opaque("'\(function.name).\(name)'", at: expr)
    case .list, .dict, .string, .set, .tuple:
      let methods = Builtins.methods(of: base)
      if methods.contains(name) { return .method(PyValue.Box(base), name) }
      throw attributeError(base, name, candidates: methods, at: expr)
    case .loader(let loaderName, _):
      return opaque("'\(loaderName).\(name)'", at: expr)
    case .formatted:
      return .method(PyValue.Box(base), name)
    default:
      throw attributeError(base, name, candidates: [], at: expr)
    }
  }

  /// The network an opaque value stands for (a pretrained model lrlab cannot see inside).
  func network(for o: Opaque) -> Network {
    if let network = o.network { return network }
    let name = String(o.description.split(separator: ".").last ?? "model")
      .trimmingCharacters(in: ["'", "(", ")", "."])
    let network = Network.layer("Module", name: name.isEmpty ? "model" : name, lenient: true)
    o.network = network
    return network
  }

  /// A function found on a class, bound to the instance.
  func bindMethod(_ value: PyValue, to instance: PyValue) -> PyValue {
    guard case .function(let function) = value else { return value }
    if function.decorators.contains("staticmethod") { return value }
    return .partial(Partial(function: value, arguments: [instance], keywords: []))
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
    try tick(expr)
    switch callee {
    case .builtin(let name) where name.hasPrefix("torch.nn."):
      return try makeLayer(
        String(name.dropFirst("torch.nn.".count)), at: expr, positional: positional,
        keywords: keywords)
    case .builtin(let name) where name.hasPrefix("transformers."):
      // transformers' `get_*` build a scheduler: constructed like the scheduler classes.
      return try construct(callee, at: expr, positional: positional, keywords: keywords)
    case .builtin(let name):
      return try callBuiltin(name, at: expr, positional: positional, keywords: keywords)
    case .function(let function):
      return try invoke(
        function, positional.map(\.value), keywords: keywords.map { ($0.name, $0.value) },
        at: expr, keywordExprs: keywords.map(\.argument))
    case .partial(let partial):
      var merged = partial.keywords
      for keyword in keywords {
        merged.removeAll { $0.0 == keyword.name }
        merged.append((keyword.name, keyword.value))
      }
      let extra = partial.arguments.map { (value: $0, expr: expr) }
      let keywordArguments = merged.map { name, value in
        (
          name: name, value: value,
          argument: keywords.first { $0.name == name }?.argument
            ?? KeywordArgument(name: name, value: expr, line: expr.line, column: expr.column)
        )
      }
      return try call(
        partial.function, at: expr, positional: extra + positional, keywords: keywordArguments)
    case .method(let box, let name):
      return try callMethod(box.value, name, at: expr, positional: positional, keywords: keywords)
    case .schedulerClass, .optimizerClass:
      return try construct(callee, at: expr, positional: positional, keywords: keywords)
    case .userClass(let cls):
      return try instantiate(cls, at: expr, positional: positional, keywords: keywords)
    case .opaque(let o):
      return .opaque(
        Opaque("\(o.description)(...)", line: o.line, column: o.column, error: o.error))
    case .network:
      return opaque("calling a network (its forward pass)", at: expr)
    default:
      throw python(.typeError("'\(callee.typeName)' object is not callable"), at: expr)
    }
  }

  /// The first opaque value inside `value` (lists, tuples and dicts are searched).
  func firstOpaque(_ value: PyValue, depth: Int = 0) -> Opaque? {
    guard depth < 8 else { return nil }
    switch value {
    case .opaque(let o): return o
    case .list(let items), .tuple(let items), .set(let items):
      return items.lazy.compactMap { firstOpaque($0, depth: depth + 1) }.first
    case .dict(let entries):
      return entries.lazy.compactMap { firstOpaque($0.value, depth: depth + 1) }.first
    default: return nil
    }
  }

  /// `ClassName(...)`: a network for an nn.Module subclass, else an object; `__init__` runs
  /// as any function does (what it cannot read is skipped).
  func instantiate(
    _ cls: ClassObject, at expr: Expr, positional: [(value: PyValue, expr: Expr)],
    keywords: [(name: String, value: PyValue, argument: KeywordArgument)]
  ) throws(SnippetError) -> PyValue {
    let instance: PyValue
    if cls.isModule {
      instance = .network(Network(typeName: cls.name, cls: cls))
    } else {
      instance = .object(PyObject(className: cls.name, cls: cls))
    }
    let skippedBefore = environment.skipCount
    if let initializer = cls.lookup("__init__") {
      _ = try call(
        bindMethod(initializer, to: instance), at: expr, positional: positional,
        keywords: keywords)
    } else if let fields = cls.dataclassFields, case .object(let object) = instance {
      if positional.count > fields.count {
        throw python(
          .typeError(
            "\(cls.name).__init__() takes \(fields.count + 1) positional arguments but \(positional.count + 1) were given"
          ), at: expr)
      }
      for (field, argument) in zip(fields, positional) { object.attributes[field] = argument.value }
      for keyword in keywords {
        guard fields.contains(keyword.name) else {
          var message =
            "\(cls.name).__init__() got an unexpected keyword argument '\(keyword.name)'"
          if let suggestion = DidYouMean.suggest(keyword.name, among: fields) {
            message += ". Did you mean '\(suggestion)'?"
          }
          throw python(
            .typeError(message),
            at: Expr(kind: .none, line: keyword.argument.line, column: keyword.argument.column))
        }
        object.attributes[keyword.name] = keyword.value
      }
      for field in fields where object.attributes[field] == nil {
        guard let value = cls.lookup(field) else {
          throw python(
            .typeError("\(cls.name).__init__() missing 1 required positional argument: '\(field)'"),
            at: expr)
        }
        object.attributes[field] = value
      }
    } else if !cls.isModule && !(positional.isEmpty && keywords.isEmpty) && cls.bases.isEmpty {
      throw python(.typeError("\(cls.name)() takes no arguments"), at: expr)
    }
    if environment.skipCount != skippedBefore
      || cls.bases.contains(where: { if case .opaque = $0 { true } else { false } })
    {
      switch instance {
      case .object(let object): object.incomplete = true
      case .network(let network): network.incomplete = true
      default: break
      }
    }
    return instance
  }

  /// An optimizer, a scheduler class or a transformers schedule function, built by the snippet's
  /// constructor handler; an argument lrlab could not evaluate is refused where it came from.
  func construct(
    _ callee: PyValue, at expr: Expr, positional: [(value: PyValue, expr: Expr)],
    keywords: [(name: String, value: PyValue, argument: KeywordArgument)]
  ) throws(SnippetError) -> PyValue {
    guard let constructor else {
      throw outside("constructing \(callee.repr) inside a lambda is outside the subset", at: expr)
    }
    if let o = positional.lazy.compactMap({ firstOpaque($0.value) }).first
      ?? keywords.lazy.compactMap({ firstOpaque($0.value) }).first
    {
      var error = o.refusal(lines)
      error.isFatal = true
      throw error
    }
    return try constructor.construct(
      callee, call: expr, positional: positional, keywords: keywords)
  }

  func callMethod(
    _ base: PyValue, _ name: String, at expr: Expr, positional: [(value: PyValue, expr: Expr)],
    keywords: [(name: String, value: PyValue, argument: KeywordArgument)]
  ) throws(SnippetError) -> PyValue {
    let args = positional.map(\.value)
    switch base {
    case .network(let network):
      switch name {
      case "parameters", "named_parameters":
        return .parameters(network, named: name == "named_parameters")
      case "to", "cuda", "cpu", "train", "eval", "float", "double", "half", "requires_grad_",
        "apply", "bfloat16", "share_memory":
        if name == "requires_grad_" {
          let flag = args.first?.isTruthy ?? true
          for (_, parameter) in network.namedParameters() { parameter.requiresGrad = flag }
        }
        return base
      case "children", "modules":
        return .list(
          (name == "modules" ? [base] : []) + network.children.map { .network($0.network) })
      case "named_children":
        return .list(network.children.map { .tuple([.string($0.name), .network($0.network)]) })
      case "add_module", "register_module":
        if args.count == 2, case .string(let childName) = args[0],
          case .network(let child) = args[1]
        {
          network.setChild(childName, child)
        }
        return .none
      case "register_parameter":
        if args.count == 2, case .string(let parameterName) = args[0],
          case .parameter(let p) = args[1]
        {
          network.setParameter(parameterName, p)
        }
        return .none
      case "append":
        if case .network(let child)? = args.first {
          network.setChild(String(network.children.count), child)
        }
        return base
      case "extend":
        if let items = args.first {
          for case .network(let child) in try iterate(items, at: expr) {
            network.setChild(String(network.children.count), child)
          }
        }
        return base
      default:
        return opaque("'\(network.name).\(name)(...)'", at: expr)
      }
    case .parameter(let parameter):
      if name == "requires_grad_" { parameter.requiresGrad = args.first?.isTruthy ?? true }
      return base
    case .scheduler(let object):
      switch name {
      case "get_last_lr": return .list(object.scheduler.lastLR.map { .float($0) })
      default:
        environment.note(
          "'scheduler.\(name)()' is not run while reading: lrlab steps the schedule itself",
          line: expr.line, column: expr.column)
        return opaque("'\(name)()'", at: expr)
      }
    case .optimizer:
      if name == "add_param_group" {
        throw fatal(
          "optimizer.add_param_group() is outside the supported subset: give every param group to the optimizer's constructor",
          at: expr)
      }
      return opaque("'optimizer.\(name)()'", at: expr)
    case .object(let object) where object.arguments != nil:
      return try argparseMethod(object, name, at: expr, positional: positional, keywords: keywords)
    case .list, .dict, .string, .set, .tuple:
      return try at(expr) { () throws(SchedulerError) in
        try Builtins.method(base, name, args, keywords: keywords.map { ($0.name, $0.value) }).result
      }
    case .formatted:
      return .formatted
    default:
      return opaque("'\(name)(...)'", at: expr)
    }
  }

  /// `parser.add_argument("--lr", type=float, default=0.1)` and `parser.parse_args()`: the
  /// defaults, never the command line.
  func argparseMethod(
    _ parser: PyObject, _ name: String, at expr: Expr, positional: [(value: PyValue, expr: Expr)],
    keywords: [(name: String, value: PyValue, argument: KeywordArgument)]
  ) throws(SnippetError) -> PyValue {
    switch name {
    case "add_argument":
      let flags = positional.compactMap { item -> String? in
        if case .string(let s) = item.value { return s }
        return nil
      }
      var dest = keywords.first { $0.name == "dest" }.flatMap { k -> String? in
        if case .string(let s) = k.value { return s }
        return nil
      }
      if dest == nil {
        let long = flags.first { $0.hasPrefix("--") } ?? flags.first ?? "arg"
        dest = String(long.drop { $0 == "-" }).replacingOccurrences("-", "_")
      }
      var value: PyValue = .none
      let action = keywords.first { $0.name == "action" }?.value
      if case .string("store_true") = action { value = .bool(false) }
      if case .string("store_false") = action { value = .bool(true) }
      if let given = keywords.first(where: { $0.name == "default" })?.value {
        value = given
        if case .string(let text) = given,
          let type = keywords.first(where: { $0.name == "type" })?.value
        {
          value = try call(type, at: expr, positional: [(.string(text), expr)], keywords: [])
        }
      }
      parser.arguments?.append((dest ?? "arg", value))
      return .none
    case "parse_args", "parse_known_args":
      let namespace = PyObject(className: "Namespace")
      for (dest, value) in parser.arguments ?? [] { namespace.attributes[dest] = value }
      environment.note(
        "'parse_args()' gives the defaults of the add_argument calls (lrlab never reads a command line)",
        line: expr.line, column: expr.column)
      return name == "parse_args" ? .object(namespace) : .tuple([.object(namespace), .list([])])
    default:
      return opaque("'parser.\(name)(...)'", at: expr)
    }
  }

  /// Calls a function: positional, keyword, default, `*args` and `**kwargs` parameters bound as
  /// Python binds them, then its body in a frame of its own.
  func invoke(
    _ function: PythonFunction, _ arguments: [PyValue], keywords: [(String, PyValue)],
    at expr: Expr, keywordExprs: [KeywordArgument] = []
  ) throws(SnippetError) -> PyValue {
    function.called = true
    let parameters = function.parameters
    let qualified = "\(function.name)()"
    func typeError(_ message: String, at position: Expr? = nil) -> SnippetError {
      python(.typeError("\(qualified) \(message)"), at: position ?? expr)
    }
    var bound = function.captured
    if !function.isLambda && !function.captured.isEmpty && bound[function.name] == nil {
      bound[function.name] = .function(function)
    }
    let positional = parameters.positional
    var given: Set<String> = []
    var extra: [PyValue] = []
    for (index, value) in arguments.enumerated() {
      if index < positional.count {
        bound[positional[index].name] = value
        given.insert(positional[index].name)
      } else if parameters.varArgs != nil {
        extra.append(value)
      } else {
        let takes = "\(positional.count) positional argument\(positional.count == 1 ? "" : "s")"
        let were = arguments.count == 1 ? "was" : "were"
        throw typeError("takes \(takes) but \(arguments.count) \(were) given")
      }
    }
    if let varArgs = parameters.varArgs { bound[varArgs.name] = .tuple(extra) }
    var extraKeywords: [(key: PyValue, value: PyValue)] = []
    let keywordNames =
      positional.dropFirst(parameters.positionalOnlyCount).map(\.name)
      + parameters.keywordOnly.map(\.name)
    for (offset, (name, value)) in keywords.enumerated() {
      let position =
        offset < keywordExprs.count
        ? Expr(kind: .none, line: keywordExprs[offset].line, column: keywordExprs[offset].column)
        : expr
      if keywordNames.contains(name) {
        if given.contains(name) {
          throw typeError("got multiple values for argument '\(name)'", at: position)
        }
        bound[name] = value
        given.insert(name)
      } else if parameters.varKeywords != nil {
        extraKeywords.append((.string(name), value))
      } else {
        var message = "got an unexpected keyword argument '\(name)'"
        if let suggestion = DidYouMean.suggest(name, among: keywordNames) {
          message += ". Did you mean '\(suggestion)'?"
        }
        throw typeError(message, at: position)
      }
    }
    if let varKeywords = parameters.varKeywords { bound[varKeywords.name] = .dict(extraKeywords) }
    for parameter in positional + parameters.keywordOnly where !given.contains(parameter.name) {
      if let value = function.defaults[parameter.name] { bound[parameter.name] = value }
    }
    let missing = positional.map(\.name).filter {
      !given.contains($0) && function.defaults[$0] == nil
    }
    if !missing.isEmpty {
      throw typeError("missing \(missing.count) required positional \(plural(missing))")
    }
    let missingKeywords = parameters.keywordOnly.map(\.name).filter {
      !given.contains($0) && function.defaults[$0] == nil
    }
    if !missingKeywords.isEmpty {
      throw typeError(
        "missing \(missingKeywords.count) required keyword-only \(plural(missingKeywords))")
    }
    environment.callDepth += 1
    defer { environment.callDepth -= 1 }
    if environment.callDepth > Self.maxCallDepth {
      throw python(SchedulerError("RecursionError", "maximum recursion depth exceeded"), at: expr)
    }
    switch function.body {
    case .expression(let body):
      return try ExpressionEvaluator(environment: environment, lines: lines, locals: bound)
        .evaluate(body)
    case .statements(let body):
      var runner = StatementRunner(environment: environment, lines: lines, locals: bound)
      return try runner.runFunction(body)
    }
  }

  func plural(_ names: [String]) -> String {
    let quoted = names.map { "'\($0)'" }
    let list =
      quoted.count == 1
      ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " and " + quoted[quoted.count - 1]
    return "\(names.count == 1 ? "argument" : "arguments"): \(list)"
  }
}

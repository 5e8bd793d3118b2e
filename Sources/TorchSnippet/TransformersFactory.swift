import Schedulers

/// Calls to transformers' schedule functions: bound as Python binds them, checked as
/// transformers checks them, built as the `LambdaLR` (or ReduceLROnPlateau / GreedyLR) they return.
extension SnippetBuilder {
  typealias Positional = [(value: PyValue, expr: Expr)]
  typealias Keywords = [(name: String, value: PyValue, argument: KeywordArgument)]

  func callTransformers(
    _ function: String, call: Expr, positional: Positional, keywords: Keywords
  ) throws(SnippetError) -> PyValue {
    switch function {
    case "get_scheduler":
      return try getScheduler(call: call, positional: positional, keywords: keywords)
    case "get_reduce_on_plateau_schedule":
      // `ReduceLROnPlateau(optimizer, **kwargs)`: PyTorch's own constructor and messages.
      return try construct(
        .schedulerClass("ReduceLROnPlateau"), call: call, positional: positional,
        keywords: keywords)
    case "get_greedy_schedule":
      return try makeGreedy(call: call, positional: positional, keywords: keywords)
    default:
      let a = try bindArguments(
        className: function, plainFunction: true,
        parameters: TransformersNames.signature(of: function), call: call,
        positional: positional, keywords: keywords, lines: lines)
      let optimizer = try a.optimizer()
      let formula = try transformersFormula(function, a, optimizer: optimizer)
      let lastEpoch = try a.int("last_epoch")
      let schedule = try a.run { () throws(SchedulerError) in
        try TransformersSchedule(
          function: function, optimizer: optimizer, formula: formula, lastEpoch: lastEpoch)
      }
      return record(schedule, function: function, arguments: a.displayArguments, call: call)
    }
  }

  private func record(
    _ scheduler: any LRScheduler, function: String, arguments: [SnippetArgument], call: Expr
  ) -> PyValue {
    constructed.append(
      ConstructedScheduler(
        className: function, variable: nil, arguments: arguments, scheduler: scheduler,
        line: call.line, column: call.column))
    return .scheduler(SchedulerObject(scheduler))
  }

  /// `get_scheduler(name, optimizer, num_warmup_steps=None, num_training_steps=None,
  /// scheduler_specific_kwargs=None)`: which arguments it forwards to which function.
  private func getScheduler(call: Expr, positional: Positional, keywords: Keywords)
    throws(SnippetError) -> PyValue
  {
    let a = try bindArguments(
      className: "get_scheduler", plainFunction: true,
      parameters: TransformersNames.signature(of: "get_scheduler"), call: call,
      positional: positional, keywords: keywords, lines: lines)
    let nameValue = a["name"]
    let nameText: String
    if case .string(let s) = nameValue { nameText = s } else { nameText = nameValue.repr }
    guard let type = TransformersNames.schedulerTypes.first(where: { $0.value == nameText })
    else {
      let valid = TransformersNames.schedulerTypes.map { "'\($0.value)'" }.joined(separator: ", ")
      throw a.fail(
        .value("\(nameText) is not a valid SchedulerType, please select one of [\(valid)]"),
        at: "name")
    }
    let optimizerArgument = (value: a["optimizer"], expr: a.position("optimizer"))
    if type.value == "constant" {
      return try callTransformers(
        type.function, call: call, positional: [optimizerArgument], keywords: [])
    }
    let extra = try specificKeywords(a)
    if type.value == "reduce_lr_on_plateau" || type.value == "greedy" {
      return try callTransformers(
        type.function, call: call, positional: [optimizerArgument], keywords: extra)
    }
    func requirement(_ name: String) throws(SnippetError) -> (String, PyValue, KeywordArgument) {
      if a.isNone(name) {
        throw a.fail(
          .value("SchedulerType.\(type.member) requires `\(name)`, please provide that argument."))
      }
      return (name, a[name], keywordArgument(name, at: a.position(name)))
    }
    var forwarded: Keywords = [try requirement("num_warmup_steps")]
    switch type.value {
    case "constant_with_warmup":
      break
    case "inverse_sqrt":
      forwarded += extra
    case "warmup_stable_decay":
      forwarded.append(
        (
          "num_training_steps", a["num_training_steps"],
          keywordArgument("num_training_steps", at: a.position("num_training_steps"))
        ))
      forwarded += extra
    default:
      forwarded.append(try requirement("num_training_steps"))
      forwarded += extra
    }
    return try callTransformers(
      type.function, call: call, positional: [optimizerArgument], keywords: forwarded)
  }

  /// `**scheduler_specific_kwargs`, each pointed at the dict it came from.
  private func specificKeywords(_ a: BoundArguments) throws(SnippetError) -> Keywords {
    let name = "scheduler_specific_kwargs"
    switch a[name] {
    case .none: return []
    case .dict(let entries):
      var result: Keywords = []
      for (key, value) in entries {
        guard case .string(let keyword) = key else {
          throw a.fail(.typeError("keywords must be strings"), at: name)
        }
        result.append((keyword, value, keywordArgument(keyword, at: a.position(name))))
      }
      return result
    default:
      throw a.fail(
        .typeError(
          "transformers.optimization.get_scheduler() argument after ** must be a mapping, "
            + "not \(a[name].typeName)"), at: name)
    }
  }

  private func keywordArgument(_ name: String, at expr: Expr) -> KeywordArgument {
    KeywordArgument(name: name, value: expr, line: expr.line, column: expr.column)
  }

  /// `GreedyLR(optimizer, **kwargs)`.
  private func makeGreedy(call: Expr, positional: Positional, keywords: Keywords)
    throws(SnippetError) -> PyValue
  {
    let a = try bindArguments(
      className: "GreedyLR", parameters: TransformersNames.greedySignature, call: call,
      positional: positional, keywords: keywords, lines: lines)
    let factor = try a.double("factor")
    if factor >= 1.0 { throw a.fail(.value("Factor should be < 1.0."), at: "factor") }
    let optimizer = try a.optimizer()
    let (mode, thresholdMode) = (try a.string("mode"), try a.string("threshold_mode"))
    let (patience, cooldown, warmup) = (
      try a.int("patience"), try a.int("cooldown"), try a.int("warmup")
    )
    let (threshold, eps) = (try a.double("threshold"), try a.double("eps"))
    let (minLR, maxLR) = (try a.perGroupDouble("min_lr"), try a.perGroupDouble("max_lr"))
    let (windowSize, resetStart) = (try a.int("window_size"), try a.int("reset_start"))
    let smooth = a.bool("smooth")
    let scheduler = try a.run { () throws(SchedulerError) in
      try GreedyLR(
        optimizer: optimizer, mode: mode, factor: factor, patience: patience,
        threshold: threshold, thresholdMode: thresholdMode, cooldown: cooldown, warmup: warmup,
        minLR: minLR, maxLR: maxLR, eps: eps, smooth: smooth, windowSize: windowSize,
        resetStart: resetStart)
    }
    return record(scheduler, function: "GreedyLR", arguments: a.displayArguments, call: call)
  }

  /// `optimizer.defaults["lr"]`: the optimizer's own `lr` argument (or its default).
  func defaultLR(of optimizer: OptimizerState) -> Double {
    if optimizer === implicitOptimizerState { return context.defaultLR }
    let arguments = optimizerRecords.first { $0.optimizer === optimizer }?.arguments
    return arguments?.first { $0.name == "lr" }?.number ?? 1e-3
  }

  /// The formula of a LambdaLR-building function, after transformers' own argument checks.
  private func transformersFormula(
    _ function: String, _ a: BoundArguments, optimizer: OptimizerState
  ) throws(SnippetError) -> TransformersLambda {
    func number(_ name: String) throws(SnippetError) -> PythonNumber {
      switch a[name] {
      case .int(let i): return .int(i)
      case .bool(let b): return .int(b ? 1 : 0)
      case .float(let x): return .float(x)
      case let value:
        throw a.fail(
          .typeError("'<' not supported between instances of 'int' and '\(value.typeName)'"),
          at: name)
      }
    }
    func optionalNumber(_ name: String) throws(SnippetError) -> PythonNumber? {
      a.isNone(name) ? nil : try number(name)
    }
    func float(_ name: String) throws(SnippetError) -> Double { try number(name).value }
    if function == "get_constant_schedule" { return .constant }
    let warmup = try number("num_warmup_steps")
    switch function {
    case "get_constant_schedule_with_warmup":
      return .constantWithWarmup(warmup: warmup)
    case "get_linear_schedule_with_warmup":
      return .linear(warmup: warmup, training: try optionalNumber("num_training_steps"))
    case "get_cosine_schedule_with_warmup":
      return .cosine(
        warmup: warmup, training: try optionalNumber("num_training_steps"),
        cycles: try float("num_cycles"))
    case "get_cosine_with_hard_restarts_schedule_with_warmup":
      return .hardRestarts(
        warmup: warmup, training: try optionalNumber("num_training_steps"),
        cycles: try float("num_cycles"))
    case "get_polynomial_decay_schedule_with_warmup":
      let lrInit = defaultLR(of: optimizer)
      let lrEnd = try float("lr_end")
      if !(lrInit > lrEnd) {
        throw a.fail(
          .value(
            "lr_end (\(a["lr_end"].repr)) must be smaller than initial lr (\(PyValue.float(lrInit).repr))"
          ), at: "lr_end")
      }
      return .polynomial(
        warmup: warmup, training: try optionalNumber("num_training_steps"), lrEnd: lrEnd,
        power: try float("power"), lrInit: lrInit)
    case "get_inverse_sqrt_schedule":
      let timescale = try optionalNumber("timescale") ?? (warmup.value != 0 ? warmup : .int(10_000))
      return .inverseSqrt(warmup: warmup, timescale: timescale)
    case "get_cosine_with_min_lr_schedule_with_warmup",
      "get_cosine_with_min_lr_schedule_with_warmup_lr_rate":
      let minRate: Double
      switch (try optionalNumber("min_lr"), try optionalNumber("min_lr_rate")) {
      case (.some, .some):
        throw a.fail(.value("Only one of min_lr or min_lr_rate should be set"))
      case (let minLR?, nil):
        let lr = defaultLR(of: optimizer)
        if lr == 0 {
          throw a.fail(SchedulerError("ZeroDivisionError", "float division by zero"), at: "min_lr")
        }
        minRate = minLR.value / lr
      case (nil, let rate?):
        minRate = rate.value
      case (nil, nil):
        throw a.fail(
          .value("One of min_lr or min_lr_rate should be set through the `lr_scheduler_kwargs`"))
      }
      let training = try optionalNumber("num_training_steps")
      let cycles = try float("num_cycles")
      if function == "get_cosine_with_min_lr_schedule_with_warmup" {
        return .cosineWithMinLR(
          warmup: warmup, training: training, cycles: cycles, minLRRate: minRate)
      }
      return .cosineWithMinLRRate(
        warmup: warmup, training: training, cycles: cycles, minLRRate: minRate,
        warmupLRRate: try optionalNumber("warmup_lr_rate")?.value)
    case "get_wsd_schedule":
      let training = try optionalNumber("num_training_steps")
      let stable = try optionalNumber("num_stable_steps")
      if training == nil && stable == nil {
        throw a.fail(.value("Either num_training_steps or num_stable_steps must be specified."))
      }
      let (warmupType, decayType) = (try a.string("warmup_type"), try a.string("decay_type"))
      let types = ["linear", "cosine", "1-sqrt"]
      if !types.contains(warmupType) {
        throw a.fail(
          .value(
            "Unknown warmup type: \(warmupType), expected 'linear', 'cosine' or '1-sqrt'"),
          at: "warmup_type")
      }
      if !types.contains(decayType) {
        throw a.fail(
          .value("Unknown decay type: \(decayType), expected 'linear', 'cosine' or '1-sqrt'"),
          at: "decay_type")
      }
      let decay = try number("num_decay_steps")
      let stableSteps =
        stable
        ?? PythonNumber(
          training!.value - warmup.value - decay.value,
          isInteger: training!.isInteger && warmup.isInteger && decay.isInteger)
      return .warmupStableDecay(
        warmup: warmup, stable: stableSteps, decay: decay, warmupType: warmupType,
        decayType: decayType, minLRRatio: try float("min_lr_ratio"),
        cycles: try float("num_cycles"))
    default:
      throw a.outside("\(function) is outside the supported subset", at: "optimizer")
    }
  }
}

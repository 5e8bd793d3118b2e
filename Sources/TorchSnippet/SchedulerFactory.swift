import Schedulers

/// Calls to scheduler and optimizer classes: bind the arguments as Python would, apply the
/// type checks PyTorch makes, and run the Swift initializer.
extension SnippetBuilder {
  func construct(
    _ callee: PyValue, call: Expr, positional: [(value: PyValue, expr: Expr)],
    keywords: [(name: String, value: PyValue, argument: KeywordArgument)]
  ) throws(SnippetError) -> PyValue {
    // What goes wrong building the optimizer or a scheduler is never skipped.
    do {
      return try constructUnchecked(callee, call: call, positional: positional, keywords: keywords)
    } catch {
      var error = error
      error.isFatal = true
      throw error
    }
  }

  func constructUnchecked(
    _ callee: PyValue, call: Expr, positional: [(value: PyValue, expr: Expr)],
    keywords: [(name: String, value: PyValue, argument: KeywordArgument)]
  ) throws(SnippetError) -> PyValue {
    switch callee {
    case .optimizerClass(let kind):
      return try makeOptimizer(kind, call: call, positional: positional, keywords: keywords)
    case .schedulerClass(let className):
      let arguments = try bindArguments(
        className: className, parameters: SchedulerSignatures.parameters(of: className),
        call: call, positional: positional, keywords: keywords, lines: lines)
      let scheduler = try makeScheduler(className, arguments)
      constructed.append(
        ConstructedScheduler(
          className: className, variable: nil, arguments: arguments.displayArguments,
          scheduler: scheduler, line: call.line, column: call.column))
      return .scheduler(SchedulerObject(scheduler))
    default:
      throw lines.error("not a constructor", line: call.line, column: call.column)
    }
  }

  func implicitOptimizer() -> PyValue {
    if let implicitOptimizerState { return .optimizer(implicitOptimizerState) }
    var group = ParamGroup(lr: context.defaultLR, name: "model")
    group.momentum = context.defaultMomentum
    let optimizer = OptimizerState(kind: .sgd, groups: [group])
    implicitOptimizerState = optimizer
    environment.names["optimizer"] = .optimizer(optimizer)
    return .optimizer(optimizer)
  }

  func makeScheduler(_ className: String, _ a: BoundArguments) throws(SnippetError)
    -> any LRScheduler
  {
    let environment = self.environment
    let lastEpoch = try a.int("last_epoch", default: -1)
    switch className {
    case "LambdaLR":
      let optimizer = try a.optimizer()
      let lambdas = a.lambdas("lr_lambda", environment: environment)
      return try a.run { () throws(SchedulerError) in
        try LambdaLR(optimizer: optimizer, lrLambda: lambdas, lastEpoch: lastEpoch)
      }
    case "MultiplicativeLR":
      let optimizer = try a.optimizer()
      let lambdas = a.lambdas("lr_lambda", environment: environment)
      return try a.run { () throws(SchedulerError) in
        try self.requireCallable(a, "lr_lambda")
        return try MultiplicativeLR(optimizer: optimizer, lrLambda: lambdas, lastEpoch: lastEpoch)
      }
    case "StepLR":
      let (optimizer, stepSize, gamma) = (
        try a.optimizer(), try a.int("step_size"), try a.double("gamma")
      )
      return try a.run { () throws(SchedulerError) in
        try StepLR(optimizer: optimizer, stepSize: stepSize, gamma: gamma, lastEpoch: lastEpoch)
      }
    case "MultiStepLR":
      let (optimizer, milestones, gamma) = (
        try a.optimizer(), try a.intList("milestones"), try a.double("gamma")
      )
      return try a.run { () throws(SchedulerError) in
        try MultiStepLR(
          optimizer: optimizer, milestones: milestones, gamma: gamma, lastEpoch: lastEpoch)
      }
    case "ConstantLR":
      let (optimizer, factor, totalIters) = (
        try a.optimizer(), try a.double("factor"), try a.int("total_iters")
      )
      return try a.run { () throws(SchedulerError) in
        try ConstantLR(
          optimizer: optimizer, factor: factor, totalIters: totalIters, lastEpoch: lastEpoch)
      }
    case "LinearLR":
      let optimizer = try a.optimizer()
      let (start, end, totalIters) = (
        try a.double("start_factor"), try a.double("end_factor"), try a.int("total_iters")
      )
      return try a.run { () throws(SchedulerError) in
        try LinearLR(
          optimizer: optimizer, startFactor: start, endFactor: end, totalIters: totalIters,
          lastEpoch: lastEpoch)
      }
    case "ExponentialLR":
      let (optimizer, gamma) = (try a.optimizer(), try a.double("gamma"))
      return try a.run { () throws(SchedulerError) in
        try ExponentialLR(optimizer: optimizer, gamma: gamma, lastEpoch: lastEpoch)
      }
    case "PolynomialLR":
      let (optimizer, totalIters, power) = (
        try a.optimizer(), try a.int("total_iters"), try a.double("power")
      )
      return try a.run { () throws(SchedulerError) in
        try PolynomialLR(
          optimizer: optimizer, totalIters: totalIters, power: power, lastEpoch: lastEpoch)
      }
    case "CosineAnnealingLR":
      let (optimizer, tMax, etaMin) = (
        try a.optimizer(), try a.int("T_max"), try a.double("eta_min")
      )
      return try a.run { () throws(SchedulerError) in
        try CosineAnnealingLR(
          optimizer: optimizer, tMax: tMax, etaMin: etaMin, lastEpoch: lastEpoch)
      }
    case "CosineAnnealingWarmRestarts":
      let optimizer = try a.optimizer()
      return try a.run { () throws(SchedulerError) in
        let t0 = try self.strictInt(a, "T_0", minimum: 1, "Expected positive integer T_0, but got")
        let tMult = try self.strictInt(
          a, "T_mult", minimum: 1, "Expected integer T_mult >= 1, but got")
        guard let etaMin = a["eta_min"].number, !self.isBool(a["eta_min"]) else {
          throw SchedulerError.value(
            "Expected float or int eta_min, but got \(a["eta_min"].repr) of type <class '\(a["eta_min"].typeName)'>"
          )
        }
        return try CosineAnnealingWarmRestarts(
          optimizer: optimizer, t0: t0, tMult: tMult, etaMin: etaMin, lastEpoch: lastEpoch)
      }
    case "CyclicLR":
      let optimizer = try a.optimizer()
      let (baseLR, maxLR) = (try a.perGroupDouble("base_lr"), try a.perGroupDouble("max_lr"))
      let (up, down) = (try a.int("step_size_up"), try a.optionalInt("step_size_down"))
      let (mode, gamma, scaleMode) = (
        try a.string("mode"), try a.double("gamma"), try a.string("scale_mode")
      )
      let scaleFn = a.scaleFunction("scale_fn", environment: environment)
      let (baseMomentum, maxMomentum) = (
        try a.perGroupDouble("base_momentum"), try a.perGroupDouble("max_momentum")
      )
      let cycle = a.bool("cycle_momentum")
      return try a.run { () throws(SchedulerError) in
        try CyclicLR(
          optimizer: optimizer, baseLR: baseLR, maxLR: maxLR, stepSizeUp: up, stepSizeDown: down,
          mode: mode, gamma: gamma, scaleFn: scaleFn, scaleMode: scaleMode, cycleMomentum: cycle,
          baseMomentum: baseMomentum, maxMomentum: maxMomentum, lastEpoch: lastEpoch)
      }
    case "OneCycleLR":
      let optimizer = try a.optimizer()
      try a.run { () throws(SchedulerError) in try self.checkOneCycleTypes(a) }
      let maxLR = try a.perGroupDouble("max_lr")
      let (totalSteps, epochs, stepsPerEpoch) = (
        try a.optionalInt("total_steps"), try a.optionalInt("epochs"),
        try a.optionalInt("steps_per_epoch")
      )
      let (pctStart, anneal) = (try a.double("pct_start"), try a.string("anneal_strategy"))
      let (baseMomentum, maxMomentum) = (
        try a.perGroupDouble("base_momentum"), try a.perGroupDouble("max_momentum")
      )
      let (divFactor, finalDivFactor) = (
        try a.double("div_factor"), try a.double("final_div_factor")
      )
      let (cycle, threePhase) = (a.bool("cycle_momentum"), a.bool("three_phase"))
      return try a.run { () throws(SchedulerError) in
        try OneCycleLR(
          optimizer: optimizer, maxLR: maxLR, totalSteps: totalSteps, epochs: epochs,
          stepsPerEpoch: stepsPerEpoch, pctStart: pctStart, annealStrategy: anneal,
          cycleMomentum: cycle, baseMomentum: baseMomentum, maxMomentum: maxMomentum,
          divFactor: divFactor, finalDivFactor: finalDivFactor, threePhase: threePhase,
          lastEpoch: lastEpoch)
      }
    case "ReduceLROnPlateau":
      let factor = try a.double("factor")
      if factor >= 1.0 { throw a.fail(.value("Factor should be < 1.0."), at: "factor") }
      let optimizer = try a.optimizer()
      let (mode, threshold, thresholdMode) = (
        try a.string("mode"), try a.double("threshold"), try a.string("threshold_mode")
      )
      let (patience, cooldown) = (try a.int("patience"), try a.int("cooldown"))
      let (minLR, eps) = (try a.perGroupDouble("min_lr"), try a.double("eps"))
      return try a.run { () throws(SchedulerError) in
        try ReduceLROnPlateau(
          optimizer: optimizer, mode: mode, factor: factor, patience: patience,
          threshold: threshold, thresholdMode: thresholdMode, cooldown: cooldown, minLR: minLR,
          eps: eps)
      }
    case "SequentialLR":
      let optimizer = try a.optimizer()
      let (schedulers, milestones) = (try a.schedulers(), try a.intList("milestones"))
      return try a.run { () throws(SchedulerError) in
        try SequentialLR(
          optimizer: optimizer, schedulers: schedulers, milestones: milestones,
          lastEpoch: lastEpoch)
      }
    case "ChainedScheduler":
      let schedulers = try a.schedulers()
      let optimizer = a.isNone("optimizer") ? nil : try a.optimizer()
      return try a.run { () throws(SchedulerError) in
        try ChainedScheduler(schedulers: schedulers, optimizer: optimizer)
      }
    default:
      throw a.outside("\(className) is outside the supported subset", at: "optimizer")
    }
  }

  func isBool(_ value: PyValue) -> Bool {
    if case .bool = value { return true }
    return false
  }

  /// PyTorch's `if x < minimum or not isinstance(x, int)` checks (WarmRestarts' T_0, T_mult).
  func strictInt(_ a: BoundArguments, _ name: String, minimum: Int, _ message: String)
    throws(SchedulerError) -> Int
  {
    switch a[name] {
    case .int(let i) where i >= minimum: return i
    case .bool(let b) where (b ? 1 : 0) >= minimum: return b ? 1 : 0
    default: throw .value("\(message) \(a[name].repr)")
    }
  }

  /// OneCycleLR's own checks, in its order: the step counts must be positive ints, pct_start a
  /// float in [0, 1].
  func checkOneCycleTypes(_ a: BoundArguments) throws(SchedulerError) {
    func positiveInt(_ name: String) throws(SchedulerError) {
      switch a[name] {
      case .int(let i) where i > 0: return
      case .bool(true): return
      default: throw .value("Expected positive integer \(name), but got \(a[name].repr)")
      }
    }
    if !a.isNone("total_steps") {
      try positiveInt("total_steps")
    } else if !a.isNone("epochs") && !a.isNone("steps_per_epoch") {
      try positiveInt("epochs")
      try positiveInt("steps_per_epoch")
    } else {
      throw .value("You must define either total_steps OR (epochs AND steps_per_epoch)")
    }
    guard case .float(let pct) = a["pct_start"], pct >= 0, pct <= 1 else {
      throw .value("Expected float between 0 and 1 pct_start, but got \(a["pct_start"].repr)")
    }
  }

  func requireCallable(_ a: BoundArguments, _ name: String) throws(SchedulerError) {
    let values: [PyValue]
    switch a[name] {
    case .list(let items), .tuple(let items): values = items
    case let value: values = [value]
    }
    for value in values {
      switch value {
      case .function, .partial, .builtin: continue
      default:
        throw .typeError("lr_lambda should be a function, but got \(value.typeName)")
      }
    }
  }
}

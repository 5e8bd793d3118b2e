import Schedulers
import TorchSnippet
import Training

extension LabEngine {
  /// The engine `lrlab` uses: TorchSnippet reads the code, Training runs it.
  public static let standard = LabEngine(
    name: "standard",
    start: { config, code in StandardEngine.start(config, code) },
    check: { code, config in StandardEngine.check(code, config) },
    recognize: { code, config in StandardEngine.recognize(code, config) },
    batchesPerEpoch: { config in StandardEngine.runConfig(config).batchesPerEpoch },
    defaultBatchSize: { model in
      RunConfig(model: ModelKind(rawValue: model.rawValue) ?? .sine).batchSize
    },
    scheduleCSV: { config, code, metrics in StandardEngine.scheduleCSV(config, code, metrics) },
    rangeTest: { config in StandardEngine.rangeTest(config) },
    naturalEpochs: { config, code in StandardEngine.naturalEpochs(config, code) },
    defaultSeed: { model in
      Int(RunConfig(model: ModelKind(rawValue: model.rawValue) ?? .sine).seed)
    },
    modelCode: { config in ModelDefinition.pytorch(StandardEngine.runConfig(config)) },
    pytorchScript: { config, code in StandardEngine.pytorchScript(config, code) })
}

enum StandardEngine {
  /// The Lab's run as `lrlab export --pytorch` writes it.
  static func pytorchScript(_ config: LabConfig, _ code: String) -> Result<String, LabProblem> {
    let rc = runConfig(config)
    let built: BuiltSchedule?
    switch build(config, code, rc) {
    case .failure(let p): return .failure(p)
    case .success(let pair): built = pair.1
    }
    var stepEvery =
      rc.stepEvery ?? StepEvery.default(forSchedulerClass: built?.scheduler.className ?? "")
    if rc.mistake == .oneCyclePerEpoch { stepEvery = .epoch }
    let implicit: (lr: Double, momentum: Double)?
    if let built {
      implicit =
        built.optimizerWasImplicit
        ? (built.optimizer.groups[0].lr, built.optimizer.groups[0].momentum) : nil
    } else {
      implicit = nil
    }
    do throws(TrainingError) {
      return .success(
        try PyTorchExport.script(
          snippet: code, config: rc, stepEvery: stepEvery,
          needsMetric: built?.scheduler.needsMetric ?? false, implicitOptimizer: implicit))
    } catch {
      return .failure(LabProblem(error.description))
    }
  }

  static func runConfig(_ config: LabConfig) -> RunConfig {
    var rc = RunConfig(model: ModelKind(rawValue: config.model.rawValue) ?? .sine)
    rc.epochs = config.epochs
    if let b = config.batchSize { rc.batchSize = b }
    if let s = config.seed { rc.seed = UInt64(s) }
    rc.stepEvery = config.stepEvery.flatMap { Training.StepEvery(rawValue: $0.rawValue) }
    rc.mistake = Training.Mistake(rawValue: config.mistake.rawValue) ?? .none
    rc.plateauMetric = config.metric == .val ? .val : .train
    return rc
  }

  static func context(_ config: LabConfig, _ rc: RunConfig) -> SnippetContext {
    SnippetContext(
      trainLoaderLength: rc.batchesPerEpoch, numEpochs: rc.epochs, defaultLR: config.lr,
      defaultMomentum: config.momentum)
  }

  static func problem(_ e: SnippetError) -> LabProblem {
    LabProblem(e.message, line: e.line, column: e.column)
  }

  /// The optimizer and scheduler of a setup: the knob-free "fixed LR" has no scheduler line.
  static func build(_ config: LabConfig, _ code: String, _ rc: RunConfig) -> Result<
    (OptimizerState, BuiltSchedule?), LabProblem
  > {
    do throws(SnippetError) {
      let program = try SnippetProgram.parse(code)
      if config.template == .constant {
        var group = ParamGroup(lr: config.lr)
        group.momentum = config.optimizer == .sgd ? config.momentum : 0
        let kind: OptimizerState.Kind =
          switch config.optimizer {
          case .sgd: .sgd
          case .adam: .adam
          case .adamW: .adamW
          }
        return .success((OptimizerState(kind: kind, groups: [group]), nil))
      }
      let built = try program.build(context(config, rc))
      return .success((built.optimizer, built))
    } catch {
      return .failure(problem(error))
    }
  }

  static func start(_ config: LabConfig, _ code: String) -> LabStart {
    let rc = runConfig(config)
    let empty = LabTrace(
      groupNames: ["model"], stepsPerEpoch: max(rc.batchesPerEpoch, 1), plannedSteps: rc.totalSteps)
    let noFacts = LabCheckpoints.RunFacts(
      classNames: [], metric: config.metric, mistake: config.mistake)
    do throws(TrainingError) { try rc.validate() } catch {
      return LabStart(
        trace: empty, simulation: nil, facts: noFacts, problem: LabProblem(error.description))
    }
    // The Lab keeps every step for its charts and readout (~200 B each): a bounded run keeps
    // memory bounded; longer runs are `lrlab simulate`'s, which streams.
    guard rc.totalSteps <= LabState.maxSteps else {
      return LabStart(
        trace: empty, simulation: nil, facts: noFacts,
        problem: LabProblem(
          "a Lab run plays at most \(LabState.maxSteps) steps (epochs × batches per epoch; this "
            + "one has \(rc.totalSteps)); use `lrlab simulate` for longer runs"))
    }
    let optimizer: OptimizerState
    let built: BuiltSchedule?
    switch build(config, code, rc) {
    case .failure(let p): return LabStart(trace: empty, simulation: nil, facts: noFacts, problem: p)
    case .success(let pair): (optimizer, built) = pair
    }
    let facts = self.facts(built, config)
    let run: TrainingRun
    do throws(TrainingError) {
      run = try TrainingRun(config: rc, optimizer: optimizer, scheduler: built?.scheduler)
    } catch {
      return LabStart(
        trace: empty, simulation: nil, facts: facts, problem: LabProblem(error.description))
    }
    var trace = LabTrace(
      groupNames: run.groupNames, stepsPerEpoch: run.batchesPerEpoch, plannedSteps: rc.totalSteps,
      cyclesMomentum: built?.scheduler.cyclesMomentum ?? false, hasTaskA: rc.model == .finetune)
    trace.noiseFloor = noiseFloor(rc, optimizer)
    return LabStart(
      trace: trace, simulation: TrainingSimulation(run), facts: facts,
      needsMetric: built?.scheduler.needsMetric ?? false,
      running: running(optimizer, built))
  }

  /// The quadratic's floor at the starting lr of a plain-SGD run (the closed form's case).
  static func noiseFloor(_ rc: RunConfig, _ optimizer: OptimizerState) -> LabNoiseFloor? {
    guard rc.model == .quadratic, optimizer.kind == .sgd, let group = optimizer.groups.first,
      optimizer.groups.allSatisfy({ $0.momentum == 0 && $0.lr == group.lr })
    else { return nil }
    let lr = group.lr
    let loss = NoisyQuadraticTheory.noiseFloor(
      lr: lr, batchSize: rc.batchSize, dimension: rc.dimension, noise: rc.noise)
    return LabNoiseFloor(lr: lr, loss: loss)
  }

  /// What the code set up, read back from the built optimizer and scheduler.
  static func running(_ optimizer: OptimizerState, _ built: BuiltSchedule?) -> LabRunningSetup {
    let groups = optimizer.groups
    let known: Set<String> = ["params", "lr", "momentum"]
    let others = (built?.optimizerArguments ?? []).filter {
      $0.explicit && !known.contains($0.name)
    }
    .map { "\($0.name)=\($0.valueText)" }
    // One group: the optimizer's own keywords, as written (a scheduler may already have moved
    // the group's values, e.g. OneCycleLR's initial lr and momentum). Several: each group's.
    func written(_ name: String) -> Double? {
      groups.count == 1 ? built?.optimizerArguments.first { $0.name == name }?.number : nil
    }
    let lrs = written("lr").map { [$0] } ?? groups.map { $0.initialLR ?? $0.lr }
    let momenta = written("momentum").map { [$0] } ?? groups.map(\.momentum)
    return LabRunningSetup(
      optimizer: optimizer.kind.rawValue, lrs: lrs,
      momenta: optimizer.kind == .sgd ? momenta : [],
      scheduler: built?.className ?? "none", otherOptimizerArguments: others)
  }

  static func facts(_ built: BuiltSchedule?, _ config: LabConfig) -> LabCheckpoints.RunFacts {
    let constructed = built?.schedulers ?? []
    var firstChild: String?
    if let sequential = constructed.first(where: { $0.className == "SequentialLR" }) {
      let list = sequential.arguments.first { $0.name == "schedulers" }?.valueText ?? ""
      let first = list.trimmingCharacters(in: ["[", "]", "(", ")", " "]).split(separator: ",").first
        .map { $0.trimmingCharacters(in: .whitespaces) }
      firstChild =
        constructed.first { $0.variable != nil && $0.variable == first }?.className
        ?? constructed.first { $0.className != "SequentialLR" }?.className
    }
    return LabCheckpoints.RunFacts(
      classNames: constructed.map(\.className), sequentialFirstChild: firstChild,
      metric: config.metric, mistake: config.mistake)
  }

  static func check(_ code: String, _ config: LabConfig) -> LabProblem? {
    let rc = runConfig(config)
    var c = config
    c.schedule = .code(code)
    if case .failure(let p) = build(c, code, rc) { return p }
    return nil
  }

  static func recognize(_ code: String, _ config: LabConfig) -> LabConfig {
    var fallback = config
    fallback.schedule = .code(code)
    let rc = runConfig(config)
    guard case .success(let (_, built)) = build(fallback, code, rc), let built else {
      return fallback
    }
    return LabRecognize.config(from: built, base: config, batchesPerEpoch: rc.batchesPerEpoch)
      ?? fallback
  }

  static func scheduleCSV(_ config: LabConfig, _ code: String, _ metrics: [Double]) -> Result<
    String, LabProblem
  > {
    let rc = runConfig(config)
    switch build(config, code, rc) {
    case .failure(let p): return .failure(p)
    case .success(let (_, built)):
      guard let built else { return .failure(LabProblem("a fixed LR has no scheduler to export")) }
      let every = config.effectiveStepEvery(typedClassNames: built.schedulers.map(\.className))
      let steps = every == .batch ? rc.totalSteps : rc.epochs
      let trace = ScheduleRunner.run(built, steps: steps, metrics: metrics)
      return .success(trace.csv())
    }
  }

  /// `lrlab schedule`'s default length (`BuiltSchedule.naturalLength`: the scheduler.step()
  /// calls that show the schedule whole) in epochs of this run: per batch, rounded up to whole
  /// epochs — down for OneCycleLR, which raises one step past its total.
  static func naturalEpochs(_ config: LabConfig, _ code: String) -> Int? {
    let rc = runConfig(config)
    var c = config
    c.schedule = .code(code)
    guard case .success(let (_, built)) = build(c, code, rc), let built else { return nil }
    let calls = built.naturalLength
    let every = c.effectiveStepEvery(typedClassNames: built.schedulers.map(\.className))
    guard every == .batch else { return calls }
    let perEpoch = max(rc.batchesPerEpoch, 1)
    let epochs =
      built.className == "OneCycleLR" ? calls / perEpoch : (calls + perEpoch - 1) / perEpoch
    return max(epochs, 1)
  }

  static func rangeTest(_ config: LabConfig) -> Result<LabRangeTestState, LabProblem> {
    var test = RangeTestConfig(model: ModelKind(rawValue: config.model.rawValue) ?? .sine)
    if let b = config.batchSize { test.run.batchSize = b }
    if let s = config.seed { test.run.seed = UInt64(s) }
    switch config.optimizer {
    case .sgd:
      test.optimizer = .sgd
      test.momentum = config.momentum
    case .adam: test.optimizer = .adam
    case .adamW: test.optimizer = .adamW
    }
    do throws(TrainingError) {
      let result = try RangeTest.run(test)
      let points = zip(result.lrs, result.smoothedLosses).map { (lr: $0, loss: $1) }
      var state = LabRangeTestState(
        points: points, steepest: result.suggestionSteepest,
        minimumOverTen: result.suggestionMinimumOver10)
      state.pointsPerTick = max(1, points.count / 90)
      return .success(state)
    } catch {
      return .failure(LabProblem(error.description))
    }
  }
}

/// A Training run pulled forward chunk by chunk into the Lab's trace.
final class TrainingSimulation: LabSimulation {
  let run: TrainingRun
  init(_ run: TrainingRun) { self.run = run }

  func advance(maxSteps: Int, into trace: inout LabTrace) {
    let chunk = run.advance(maxSteps: maxSteps)
    for s in chunk.steps {
      trace.steps.append(
        LabStepRecord(
          step: LabNumbering.step(fromTraining: s.step), epoch: s.epoch, lrs: s.lr,
          momenta: s.momentum, trainLoss: s.trainLoss))
    }
    for e in chunk.epochs {
      let plateau = e.plateau.map { p -> PlateauSnapshot in
        let scheduler = run.scheduler as? ReduceLROnPlateau
        return PlateauSnapshot(
          best: p.best, badEpochs: p.numBadEpochs, patience: scheduler?.patience ?? 0,
          cooldownCounter: p.cooldownCounter, cooldown: scheduler?.cooldown ?? 0)
      }
      trace.epochs.append(
        LabEpochRecord(
          epoch: e.epoch, lastStep: e.lastStep + 1, valLoss: e.validationLoss,
          taskALoss: e.taskALoss,
          plateau: plateau))
    }
    for e in chunk.events {
      guard let kind = Self.kind(e.kind) else { continue }
      // A cut made by the scheduler.step() after the last optimizer step changes a rate no
      // step ever uses: the run's chart and count leave it out (StepLR(10) over 240 steps
      // halves the rate 23 times).
      if chunk.isFinished, kind == .milestone || kind == .plateauCut,
        LabNumbering.step(fromTraining: e.step) > run.stepsTaken
      {
        continue
      }
      let step = min(LabNumbering.step(fromTraining: e.step), max(run.stepsTaken, 1))
      trace.events.append(LabEvent(step: step, kind: kind, label: LabNumbering.relabel(e.label)))
    }
    if chunk.isFinished {
      trace.finished = true
      if let failure = run.failure {
        trace.failure = LabNumbering.relabel(
          failure.description.split(separator: "\n").joined(separator: " "))
      } else if run.diverged {
        trace.failure = LabNumbering.relabel(
          chunk.events.first { $0.kind == .diverged }?.label ?? "diverged")
      }
    }
  }

  func report(json: Bool) -> String? { json ? RunReport.json(run) : RunReport.csv(run) }

  static func kind(_ k: TrainingEvent.Kind) -> LabEvent.Kind? {
    switch k {
    case .milestone: .milestone
    case .warmupEnded: .warmupEnd
    case .sequentialHandOver: .handOver
    case .plateauCut: .plateauCut
    case .etaMinReached: .etaMinReached
    case .tMaxPassedRising: .tMaxPassed
    case .oneCyclePeak: .oneCyclePeak
    case .phaseEnd: .phaseEnd
    case .warning: .warning
    case .diverged: .divergence
    case .error: .error
    case .finished: nil
    }
  }
}

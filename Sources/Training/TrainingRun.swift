import Schedulers
import TorchSnippet

/// A training run, as the lesson's loop: epochs of shuffled mini-batches, `optimizer.step()`
/// then `scheduler.step()` (per batch or per epoch), validation each epoch, ReduceLROnPlateau
/// fed the epoch's metric. Pull it forward with `advance(maxSteps:)`; it stops cleanly on
/// divergence (a training loss that is not finite or exceeds `divergenceBound`, checked before
/// the step, as the reference PyTorch loop does) or a scheduler error.
public final class TrainingRun {
  public let config: RunConfig
  public let optimizer: OptimizerState
  public let scheduler: (any LRScheduler)?
  public let stepEvery: StepEvery
  /// Display names of the param groups ("model", "backbone", "head", or "group i").
  public let groupNames: [String]
  public let batchesPerEpoch: Int
  public private(set) var history: RunHistory
  /// Set when `scheduler.step()` raised (the run then ended with an `.error` event).
  public private(set) var failure: TrainingError?
  public private(set) var isFinished = false
  public private(set) var diverged = false

  private let engine: Engine
  private var epoch = 0
  private var batch = 0
  /// This epoch's order of the training examples, drawn as the model's PyTorch script does.
  private let order: UnsafeMutablePointer<Int>
  private let batchIndices: UnsafeMutablePointer<Int>
  private var shuffler: TorchGenerator
  private var sampler = TorchGenerator(seed: 0)
  private var batchOrder = BatchOrder.randpermOfData
  private var epochLossSum = 0.0
  private var detector: EventDetector
  private let plateau: ReduceLROnPlateau?
  private let schedulerFirst: Bool

  private enum Engine {
    case gradient(GradientEngine)
    case quadratic(NoisyQuadratic)
  }

  public init(config: RunConfig, optimizer: OptimizerState, scheduler: (any LRScheduler)?)
    throws(TrainingError)
  {
    try config.validate()
    guard !optimizer.groups.isEmpty else {
      throw .invalidConfig("the optimizer has no param groups")
    }
    let className = scheduler?.className ?? ""
    var every = config.stepEvery ?? StepEvery.default(forSchedulerClass: className)
    switch config.mistake {
    case .none: break
    case .oneCyclePerEpoch:
      guard className == "OneCycleLR" else {
        throw .invalidConfig(
          "--mistake onecycle-per-epoch needs a OneCycleLR scheduler, got \(className.isEmpty ? "none" : className)"
        )
      }
      every = .epoch
    case .noMetric:
      guard scheduler?.needsMetric == true else {
        throw .invalidConfig(
          "--mistake no-metric needs a ReduceLROnPlateau scheduler, got \(className.isEmpty ? "none" : className)"
        )
      }
    case .schedulerFirst:
      guard let scheduler, !scheduler.needsMetric else {
        throw .invalidConfig(
          "--mistake scheduler-first needs a scheduler other than ReduceLROnPlateau (which steps on the epoch's metric), got \(className.isEmpty ? "none" : className)"
        )
      }
    }
    self.config = config
    self.optimizer = optimizer
    self.scheduler = scheduler
    stepEvery = every
    schedulerFirst = config.mistake == .schedulerFirst
    plateau = scheduler as? ReduceLROnPlateau
    detector = EventDetector(scheduler)
    batchesPerEpoch = config.batchesPerEpoch
    groupNames = optimizer.groups.enumerated().map { index, group in
      group.name ?? (optimizer.groups.count == 1 ? "model" : "group \(index)")
    }
    switch config.model {
    case .quadratic:
      shuffler = TorchGenerator(seed: config.seed)
      guard optimizer.kind == .sgd else {
        throw .unsupported(
          "the quadratic model's exact expected-loss recursion covers SGD only; use --model sine for \(optimizer.kind.rawValue)"
        )
      }
      let ranges = parameterRanges(for: optimizer.groups, layout: NoisyQuadratic.layout(config))
      engine = .quadratic(NoisyQuadratic(config, groupRanges: ranges))
    default:
      guard let model = makeGradientModel(config) else {
        throw .invalidConfig("unknown model \(config.model.rawValue)")
      }
      engine = .gradient(GradientEngine(model: model, optimizer: optimizer))
      shuffler = model.stream
      batchOrder = model.batchOrder
    }
    order = .allocate(capacity: config.trainSize)
    order.initialize(repeating: 0, count: config.trainSize)
    batchIndices = .allocate(capacity: config.batchSize)
    batchIndices.initialize(repeating: 0, count: config.batchSize)
    history = RunHistory(groupCount: optimizer.groups.count, expectedSteps: config.totalSteps)
  }

  /// A run of a snippet's optimizer and stepped scheduler.
  public convenience init(config: RunConfig, built: BuiltSchedule) throws(TrainingError) {
    try self.init(config: config, optimizer: built.optimizer, scheduler: built.scheduler)
  }

  deinit {
    order.deallocate()
    batchIndices.deallocate()
  }

  public var stepsTaken: Int { history.stepCount }

  /// The model's current parameters ([W1, b1, v, c] for the MLPs, w for linear regression);
  /// nil for the quadratic model, which tracks second moments instead.
  public var parameters: [Double]? {
    if case .gradient(let gradient) = engine { return gradient.parameterValues }
    return nil
  }

  /// Runs up to `maxSteps` optimizer steps (an epoch's end runs with its last step) and
  /// returns what they produced.
  public func advance(maxSteps: Int) -> RunChunk {
    let firstStep = history.stepCount
    let firstEpoch = history.epochs.count
    let firstEvent = history.events.count
    run(maxSteps: maxSteps)
    var chunk = RunChunk()
    chunk.steps = (firstStep..<history.stepCount).map { history.step($0) }
    chunk.epochs = Array(history.epochs[firstEpoch...])
    chunk.events = Array(history.events[firstEvent...])
    chunk.isFinished = isFinished
    return chunk
  }

  /// Runs up to `maxSteps` optimizer steps without building per-step records (read
  /// `history`); a streaming writer then writes them and calls `forgetStoredSteps`.
  public func runSteps(_ maxSteps: Int) { run(maxSteps: maxSteps) }

  /// Lets go of the per-step values stored so far (see `RunHistory.forgetSteps`).
  public func forgetStoredSteps() { history.forgetSteps() }

  /// Runs to the end without building per-step records (read `history`).
  public func runToEnd() {
    while !isFinished { run(maxSteps: Int.max) }
  }

  private func run(maxSteps: Int) {
    var done = 0
    while !isFinished && done < maxSteps {
      if batch == 0 { startEpoch() }
      if isFinished { return }
      if schedulerFirst && stepEvery == .batch && !stepScheduler(metric: nil) { return }
      let start = batch * config.batchSize
      let count = min(config.batchSize, config.trainSize - start)
      for i in 0..<count { batchIndices[i] = order[start + i] }
      for g in 0..<history.groupCount {
        history.appendHyperParameters(
          lr: optimizer.groups[g].lr, momentum: optimizer.momentum(ofGroup: g))
      }
      let loss: Double
      switch engine {
      case .gradient(let gradient):
        loss = gradient.lossAndGradient(UnsafeBufferPointer(start: batchIndices, count: count))
        if loss.isFinite && loss <= config.divergenceBound { gradient.step(optimizer) }
      case .quadratic(let quadratic):
        loss = quadratic.expectedLoss
        if loss.isFinite && loss <= config.divergenceBound { quadratic.step(optimizer) }
      }
      history.appendStep(epoch: epoch, batch: batch, trainLoss: loss.isNaN ? .infinity : loss)
      done += 1
      if !(loss.isFinite && loss <= config.divergenceBound) {
        diverge("training loss \(shortNumber(loss)) at step \(history.stepCount - 1)")
        return
      }
      epochLossSum += loss
      batch += 1
      if stepEvery == .batch && !schedulerFirst && !stepScheduler(metric: loss) { return }
      if batch == batchesPerEpoch { endEpoch() }
    }
  }

  private func startEpoch() {
    switch batchOrder {
    case .randpermOfData: shuffler.randperm(config.trainSize, into: order)
    case .dataLoader: shuffler.dataLoaderOrder(config.trainSize, into: order, sampler: &sampler)
    }
    epochLossSum = 0
    if schedulerFirst && stepEvery == .epoch { _ = stepScheduler(metric: nil) }
  }

  private func endEpoch() {
    let validation: Double
    var taskA: Double? = nil
    switch engine {
    case .gradient(let gradient):
      validation = gradient.validationLoss()
      taskA = gradient.taskALoss()
    case .quadratic(let quadratic):
      validation = quadratic.expectedLoss
    }
    let trainMean = epochLossSum / Double(batch)
    let lastStep = history.stepCount - 1
    batch = 0
    // Only a training loss ends a run (PyTorch's rule, `torch_toy_sine.json`): a validation
    // loss that overflowed is recorded as it is and fed on; the next step's loss decides.
    let metric = config.plateauMetric == .val ? validation : trainMean
    let stepped = stepEvery == .epoch && !schedulerFirst
    var record = EpochRecord(
      epoch: epoch, lastStep: lastStep, trainLoss: trainMean, validationLoss: validation,
      taskALoss: taskA, plateau: nil)
    if stepped && !stepScheduler(metric: metric) {
      history.append(record)
      return
    }
    if let plateau {
      record.plateau = PlateauState(
        best: plateau.best, numBadEpochs: plateau.numBadEpochs,
        cooldownCounter: plateau.cooldownCounter)
    }
    history.append(record)
    epoch += 1
    if epoch == config.epochs {
      isFinished = true
      history.append(
        TrainingEvent(
          kind: .finished, step: history.stepCount, epoch: epoch - 1,
          label: "finished \(config.epochs) epochs (\(history.stepCount) steps)"))
    }
  }

  /// `scheduler.step()` (with the metric for ReduceLROnPlateau). False when it raised.
  private func stepScheduler(metric: Double?) -> Bool {
    guard let scheduler else { return true }
    let before = optimizer.groups[0].lr
    do throws(SchedulerError) {
      if scheduler.needsMetric && config.mistake != .noMetric {
        try scheduler.step(metric: metric ?? .nan)
      } else {
        try scheduler.step()
      }
    } catch {
      fail(error)
      return false
    }
    detector.observe(
      scheduler, lrBefore: before, lrAfter: optimizer.groups[0].lr, step: history.stepCount,
      epoch: epoch, into: &history)
    return true
  }

  private func fail(_ error: SchedulerError) {
    var hint: String? = nil
    if scheduler?.needsMetric == true && config.mistake == .noMetric {
      hint =
        "ReduceLROnPlateau watches a value: call scheduler.step(val_loss) once per epoch, "
        + "after validation (the no-metric mistake leaves val_loss out on purpose)."
    } else if scheduler?.className == "OneCycleLR" {
      hint =
        "OneCycleLR allows exactly total_steps steps: use total_steps = epochs * "
        + "len(train_loader) and call scheduler.step() once per batch."
    }
    failure = .scheduler(error, hint: hint)
    isFinished = true
    history.append(
      TrainingEvent(kind: .error, step: history.stepCount, epoch: epoch, label: error.description))
  }

  private func diverge(_ what: String) {
    diverged = true
    isFinished = true
    history.append(
      TrainingEvent(
        kind: .diverged, step: history.stepCount - 1, epoch: epoch, label: "diverged: \(what)"))
  }
}

import Schedulers

/// The toy models a run can train.
public enum ModelKind: String, CaseIterable, Sendable, Equatable {
  /// 1 → H tanh → 1 MLP on a noisy sine.
  case sine
  /// Linear regression on ill-conditioned Gaussian features.
  case linear
  /// A pretrained wide body, fine-tuned with a new head on a small task B.
  case finetune
  /// The noisy quadratic model, stepped by its exact expected-loss recursion.
  case quadratic
}

/// When `scheduler.step()` runs.
public enum StepEvery: String, CaseIterable, Sendable, Equatable {
  case batch
  case epoch

  /// The lesson's default: per batch for OneCycleLR, CyclicLR and transformers' `get_*`
  /// schedules (sized in optimizer steps), per epoch otherwise.
  public static func `default`(forSchedulerClass className: String) -> StepEvery {
    className == "OneCycleLR" || className == "CyclicLR" || className.hasPrefix("get_")
      ? .batch : .epoch
  }
}

/// A mistake from the lesson, replayed on purpose.
public enum Mistake: String, CaseIterable, Sendable, Equatable {
  case none
  /// `scheduler.step()` before `optimizer.step()`: the first LR is skipped.
  case schedulerFirst = "scheduler-first"
  /// OneCycleLR stepped once per epoch instead of per batch.
  case oneCyclePerEpoch = "onecycle-per-epoch"
  /// `scheduler.step()` on ReduceLROnPlateau without the metric.
  case noMetric = "no-metric"
}

/// What ReduceLROnPlateau is fed at the end of each epoch.
public enum PlateauMetric: String, CaseIterable, Sendable, Equatable {
  /// The validation loss (the lesson's loop).
  case val
  /// The epoch's mean training loss.
  case train
}

/// Everything about a run except the optimizer and scheduler.
public struct RunConfig: Sendable, Equatable {
  public var model: ModelKind
  public var epochs: Int
  public var batchSize: Int
  public var seed: UInt64
  /// Label noise standard deviation (sine, linear, finetune) — unused by quadratic.
  public var noise: Double
  /// Training examples (quadratic: examples per epoch, so `batchesPerEpoch` steps an epoch).
  public var trainSize: Int
  public var validationSize: Int
  /// Hidden width (sine, finetune; finetune's pretrained body has 256 units and ignores it).
  public var hiddenUnits: Int
  /// Features (linear) or dimensions (quadratic).
  public var dimension: Int
  /// nil: `StepEvery.default(forSchedulerClass:)`.
  public var stepEvery: StepEvery?
  public var mistake: Mistake
  public var plateauMetric: PlateauMetric
  /// A training loss above this (or NaN/Inf) ends the run as diverged.
  public var divergenceBound: Double
  /// The validation loss that counts as "reached" for `RunSummary.stepsToTarget`.
  public var targetLoss: Double

  /// The defaults for `model` (the research notes' tested parameters).
  public init(model: ModelKind = .sine) {
    self.model = model
    seed = 0
    mistake = .none
    plateauMetric = .val
    stepEvery = nil
    divergenceBound = 1e6
    switch model {
    case .sine:
      epochs = 250
      batchSize = 32
      noise = 0.1
      trainSize = 256
      validationSize = 64
      hiddenUnits = 32
      dimension = 1
      targetLoss = 0.0125
    case .linear:
      epochs = 40
      batchSize = 4
      noise = 1.0
      trainSize = 1024
      validationSize = 1024
      hiddenUnits = 0
      dimension = 20
      targetLoss = 1.05
    case .finetune:
      epochs = 250
      batchSize = 16
      noise = 0.05
      trainSize = 64
      validationSize = 64
      hiddenUnits = FinetuneModel.bodyWidth
      dimension = 1
      targetLoss = 0.005
    case .quadratic:
      epochs = 20
      batchSize = 4
      noise = 1.0
      trainSize = 400
      validationSize = 0
      hiddenUnits = 0
      dimension = 100
      targetLoss = 0.1
    }
  }

  /// `len(train_loader)`: batches per epoch (the last one partial, as DataLoader's default).
  public var batchesPerEpoch: Int {
    batchSize > 0 ? (trainSize + batchSize - 1) / batchSize : 0
  }

  /// Optimizer steps in the whole run.
  public var totalSteps: Int { epochs * batchesPerEpoch }

  /// Checks the sizes; the message names the offending option.
  public func validate() throws(TrainingError) {
    func need(_ ok: Bool, _ message: String) throws(TrainingError) {
      if !ok { throw .invalidConfig(message) }
    }
    try need(
      epochs >= 1 && epochs <= 1_000_000, "epochs must be between 1 and 1000000, got \(epochs)")
    try need(batchSize >= 1, "batch size must be at least 1, got \(batchSize)")
    try need(
      trainSize >= 1 && trainSize <= 1_000_000,
      "train size must be between 1 and 1000000, got \(trainSize)")
    try need(
      batchSize <= trainSize, "batch size \(batchSize) exceeds the \(trainSize) training examples")
    try need(totalSteps <= 50_000_000, "the run would take \(totalSteps) steps (limit 50000000)")
    try need(noise >= 0 && noise.isFinite, "noise must be a finite value >= 0, got \(noise)")
    try need(divergenceBound > 0, "divergence bound must be positive")
    switch model {
    case .sine:
      try need(
        hiddenUnits >= 1 && hiddenUnits <= 4096,
        "hidden units must be between 1 and 4096, got \(hiddenUnits)")
      try need(validationSize >= 1, "validation size must be at least 1")
    case .linear:
      try need(
        dimension >= 1 && dimension <= 1000,
        "dimension must be between 1 and 1000, got \(dimension)")
      try need(validationSize >= 1, "validation size must be at least 1")
    case .finetune:
      try need(validationSize >= 1, "validation size must be at least 1")
    case .quadratic:
      try need(
        dimension >= 1 && dimension <= 100_000,
        "dimension must be between 1 and 100000, got \(dimension)")
    }
  }
}

/// Why a run could not start or had to stop.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A bad size or option.
  case invalidConfig(String)
  /// The optimizer / model pairing is not supported (e.g. Adam on the exact quadratic).
  case unsupported(String)
  /// `scheduler.step()` raised, as PyTorch would (e.g. OneCycleLR stepped past total_steps).
  case scheduler(SchedulerError, hint: String?)

  public var description: String {
    switch self {
    case .invalidConfig(let message), .unsupported(let message): return message
    case .scheduler(let error, let hint):
      return hint.map { "\(error)\n\($0)" } ?? error.description
    }
  }
}

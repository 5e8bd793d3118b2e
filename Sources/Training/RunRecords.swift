/// One optimizer step: the hyper-parameters it used and its batch's training loss.
public struct StepRecord: Sendable, Equatable {
  /// Global optimizer step, from 0.
  public var step: Int
  /// Epoch, from 0.
  public var epoch: Int
  /// Batch within the epoch, from 0.
  public var batch: Int
  /// Each param group's lr, as the step used it.
  public var lr: [Double]
  /// Each group's momentum (SGD) or beta1 (Adam/AdamW), as the step used it.
  public var momentum: [Double]
  /// The batch's training loss, before the update (as `loss.item()` in the loop).
  public var trainLoss: Double
}

/// ReduceLROnPlateau's state after an epoch's `scheduler.step(metric)`.
public struct PlateauState: Sendable, Equatable {
  public var best: Double
  public var numBadEpochs: Int
  public var cooldownCounter: Int
}

/// The end of an epoch.
public struct EpochRecord: Sendable, Equatable {
  /// Epoch, from 0.
  public var epoch: Int
  /// The global step of the epoch's last optimizer step.
  public var lastStep: Int
  /// Mean training loss over the epoch's batches.
  public var trainLoss: Double
  /// Validation loss (finetune: task B; quadratic: the expected loss).
  public var validationLoss: Double
  /// Finetune only: the frozen head A's loss on task A (forgetting).
  public var taskALoss: Double?
  /// ReduceLROnPlateau only, after this epoch's step.
  public var plateau: PlateauState?
}

/// Something worth pointing at on the timeline.
public struct TrainingEvent: Sendable, Equatable {
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    /// StepLR / MultiStepLR / ExponentialLR cut the LR.
    case milestone
    /// A warm-up (LinearLR/ConstantLR rising to its end, or SequentialLR's first child) ended.
    case warmupEnded
    /// SequentialLR switched to its next scheduler.
    case sequentialHandOver
    /// ReduceLROnPlateau reduced the LR.
    case plateauCut
    /// CosineAnnealingLR (or warm restarts) reached eta_min.
    case etaMinReached
    /// CosineAnnealingLR stepped past T_max: the LR climbs again.
    case tMaxPassedRising
    /// OneCycleLR reached max_lr.
    case oneCyclePeak
    /// A OneCycleLR / CyclicLR phase ended.
    case phaseEnd
    /// A PyTorch UserWarning (e.g. scheduler.step() before optimizer.step()).
    case warning
    /// NaN/Inf or a loss past the bound: the run stopped.
    case diverged
    /// `scheduler.step()` raised: the run stopped (see `TrainingRun.failure`).
    case error
    /// All epochs done.
    case finished
  }

  public var kind: Kind
  /// Optimizer steps taken when it happened (an LR change applies from this step on).
  public var step: Int
  public var epoch: Int
  public var label: String
}

/// What one `advance` call produced.
public struct RunChunk: Sendable, Equatable {
  public var steps: [StepRecord] = []
  public var epochs: [EpochRecord] = []
  public var events: [TrainingEvent] = []
  /// True once the run has ended (finished, diverged or failed).
  public var isFinished = false

  public init() {}
}

/// The run at a glance.
public struct RunSummary: Sendable, Equatable {
  public var stepsTaken: Int
  public var epochsCompleted: Int
  public var finalTrainLoss: Double?
  public var bestTrainLoss: Double?
  public var finalValidationLoss: Double?
  public var bestValidationLoss: Double?
  public var bestValidationEpoch: Int?
  public var finalTaskALoss: Double?
  /// The first step at whose epoch end the validation loss was ≤ `RunConfig.targetLoss`.
  public var stepsToTarget: Int?
  public var diverged: Bool
  public var divergedAtStep: Int?
  /// Set when `scheduler.step()` raised.
  public var failure: String?
}

/// What one finished run of a lab produced, as plain numbers: the input of every `expect`
/// quantity (see `ExpectQuantities`). Filled from a real run by the app's lab verifier; steps
/// and epochs count from 0, as `lrlab simulate --format csv` numbers them.
public struct LabRunOutcome: Sendable, Equatable {
  public struct Epoch: Sendable, Equatable {
    public var epoch: Int
    /// The optimizer step that ended the epoch.
    public var lastStep: Int
    public var trainLoss: Double
    public var validationLoss: Double
    public var taskALoss: Double?
    public init(
      epoch: Int, lastStep: Int, trainLoss: Double, validationLoss: Double, taskALoss: Double?
    ) {
      self.epoch = epoch
      self.lastStep = lastStep
      self.trainLoss = trainLoss
      self.validationLoss = validationLoss
      self.taskALoss = taskALoss
    }
  }

  /// The model that trained ("sine", "linear", "finetune", "quadratic").
  public var model: String
  public var stepsPerEpoch: Int
  /// Optimizer steps the run was planned to take.
  public var plannedSteps: Int
  /// `lrs[g][s]`: the learning rate of param group `g` used by optimizer step `s`.
  public var lrs: [[Double]]
  /// The training loss of each optimizer step's mini-batch.
  public var trainLoss: [Double]
  public var epochs: [Epoch]
  /// The step at which the run diverged, if it did.
  public var divergedAtStep: Int?
  /// The run summary's numbers (`lrlab simulate`'s summary line computes them).
  public var finalTrainLoss: Double?
  public var bestTrainLoss: Double?
  public var finalValidationLoss: Double?
  public var bestValidationLoss: Double?
  public var bestValidationEpoch: Int?
  public var finalTaskALoss: Double?
  /// The theoretical noise floor of the model at the final rate, where the model has one.
  public var noiseFloor: Double?
  /// A run-time error (PyTorch would have raised), if any.
  public var failure: String?

  public init(
    model: String, stepsPerEpoch: Int, plannedSteps: Int, lrs: [[Double]], trainLoss: [Double],
    epochs: [Epoch], divergedAtStep: Int?, finalTrainLoss: Double?, bestTrainLoss: Double?,
    finalValidationLoss: Double?, bestValidationLoss: Double?, bestValidationEpoch: Int?,
    finalTaskALoss: Double?, noiseFloor: Double? = nil, failure: String? = nil
  ) {
    self.model = model
    self.stepsPerEpoch = stepsPerEpoch
    self.plannedSteps = plannedSteps
    self.lrs = lrs
    self.trainLoss = trainLoss
    self.epochs = epochs
    self.divergedAtStep = divergedAtStep
    self.finalTrainLoss = finalTrainLoss
    self.bestTrainLoss = bestTrainLoss
    self.finalValidationLoss = finalValidationLoss
    self.bestValidationLoss = bestValidationLoss
    self.bestValidationEpoch = bestValidationEpoch
    self.finalTaskALoss = finalTaskALoss
    self.noiseFloor = noiseFloor
    self.failure = failure
  }

  public var steps: Int { trainLoss.count }
  public var diverged: Bool { divergedAtStep != nil }
}

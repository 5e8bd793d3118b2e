/// Everything a run has produced so far, stored flat (no per-step allocation): step i's lr for
/// group g is `lr[(i - firstStoredStep) * groupCount + g]` (`firstStoredStep` is 0 unless a
/// streaming writer let go of the steps it had written: `forgetSteps`).
public struct RunHistory: Sendable {
  /// The first step whose per-step values are still stored.
  public private(set) var firstStoredStep = 0
  /// The latest training loss, and the smallest finite one (kept whatever is forgotten).
  public private(set) var lastTrainLoss: Double?
  public private(set) var bestFiniteTrainLoss: Double?
  public let groupCount: Int
  public private(set) var lr: [Double] = []
  public private(set) var momentum: [Double] = []
  public private(set) var trainLoss: [Double] = []
  public private(set) var stepEpoch: [Int32] = []
  public private(set) var stepBatch: [Int32] = []
  public private(set) var epochs: [EpochRecord] = []
  public private(set) var events: [TrainingEvent] = []

  init(groupCount: Int, expectedSteps: Int) {
    self.groupCount = groupCount
    let capacity = min(expectedSteps, 1 << 16)
    lr.reserveCapacity(capacity * groupCount)
    momentum.reserveCapacity(capacity * groupCount)
    trainLoss.reserveCapacity(capacity)
    stepEpoch.reserveCapacity(capacity)
    stepBatch.reserveCapacity(capacity)
  }

  public var stepCount: Int { firstStoredStep + trainLoss.count }

  /// Step `index` as a record (it must still be stored).
  public func step(_ index: Int) -> StepRecord {
    let local = index - firstStoredStep
    let base = local * groupCount
    return StepRecord(
      step: index, epoch: Int(stepEpoch[local]), batch: Int(stepBatch[local]),
      lr: Array(lr[base..<(base + groupCount)]),
      momentum: Array(momentum[base..<(base + groupCount)]), trainLoss: trainLoss[local])
  }

  /// Drops the stored per-step values (lr, momentum, losses) of every step so far: a writer
  /// that has streamed them keeps memory constant in the number of steps. Epochs, events and
  /// the summary's running values stay.
  public mutating func forgetSteps() {
    firstStoredStep = stepCount
    lr.removeAll(keepingCapacity: true)
    momentum.removeAll(keepingCapacity: true)
    trainLoss.removeAll(keepingCapacity: true)
    stepEpoch.removeAll(keepingCapacity: true)
    stepBatch.removeAll(keepingCapacity: true)
  }

  mutating func appendHyperParameters(lr value: Double, momentum beta: Double) {
    lr.append(value)
    momentum.append(beta)
  }

  mutating func appendStep(epoch: Int, batch: Int, trainLoss loss: Double) {
    stepEpoch.append(Int32(truncatingIfNeeded: epoch))
    stepBatch.append(Int32(truncatingIfNeeded: batch))
    trainLoss.append(loss)
    lastTrainLoss = loss
    if loss.isFinite, bestFiniteTrainLoss.map({ loss < $0 }) ?? true { bestFiniteTrainLoss = loss }
  }

  mutating func append(_ record: EpochRecord) { epochs.append(record) }
  mutating func append(_ event: TrainingEvent) { events.append(event) }
}

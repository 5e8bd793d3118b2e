/// Everything a run has produced so far, stored flat (no per-step allocation): step i's lr for
/// group g is `lr[i * groupCount + g]`.
public struct RunHistory: Sendable {
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
    let capacity = min(expectedSteps, 1 << 22)
    lr.reserveCapacity(capacity * groupCount)
    momentum.reserveCapacity(capacity * groupCount)
    trainLoss.reserveCapacity(capacity)
    stepEpoch.reserveCapacity(capacity)
    stepBatch.reserveCapacity(capacity)
  }

  public var stepCount: Int { trainLoss.count }

  /// Step `index` as a record.
  public func step(_ index: Int) -> StepRecord {
    let base = index * groupCount
    return StepRecord(
      step: index, epoch: Int(stepEpoch[index]), batch: Int(stepBatch[index]),
      lr: Array(lr[base..<(base + groupCount)]),
      momentum: Array(momentum[base..<(base + groupCount)]), trainLoss: trainLoss[index])
  }

  mutating func appendHyperParameters(lr value: Double, momentum beta: Double) {
    lr.append(value)
    momentum.append(beta)
  }

  mutating func appendStep(epoch: Int, batch: Int, trainLoss loss: Double) {
    stepEpoch.append(Int32(truncatingIfNeeded: epoch))
    stepBatch.append(Int32(truncatingIfNeeded: batch))
    trainLoss.append(loss)
  }

  mutating func append(_ record: EpochRecord) { epochs.append(record) }
  mutating func append(_ event: TrainingEvent) { events.append(event) }
}

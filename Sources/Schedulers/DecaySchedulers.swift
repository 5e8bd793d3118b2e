#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `torch.optim.lr_scheduler.StepLR`: multiply the lr by `gamma` every `step_size` epochs.
public final class StepLR: CoreScheduler {
  public let className = "StepLR"
  public let optimizer: OptimizerState
  public let stepSize: Int
  public let gamma: Double
  let coreCell: CoreCell

  public init(
    optimizer: OptimizerState, stepSize: Int, gamma: Double = 0.1, lastEpoch: Int = -1
  ) throws(SchedulerError) {
    self.optimizer = optimizer
    self.stepSize = stepSize
    self.gamma = gamma
    coreCell = CoreCell(try SchedulerCore(optimizer: optimizer, lastEpoch: lastEpoch))
    try initialStep()
  }

  public var lastEpoch: Int { core.lastEpoch }
  public var lastLR: [Double] { core.lastLR }
  public var baseLRs: [Double] { core.baseLRs }
  public var warnings: [String] { core.warnings }

  public func step() throws(SchedulerError) { try baseStep() }
  public func step(metric: Double) throws(SchedulerError) { throw metricNotAccepted(by: className) }

  func computeLR() throws(SchedulerError) {
    let epoch = core.lastEpoch
    if epoch == 0 { return keepCurrentLRs() }
    if try pyModulo(epoch, stepSize) != 0 { return keepCurrentLRs() }
    scaleCurrentLRs(by: gamma)
  }

  func computeClosedFormLR() throws(SchedulerError) -> Bool {
    let factor = pow(gamma, Double(try pyFloorDivide(core.lastEpoch, stepSize)))
    setValues(core.baseLRs.map { $0 * factor })
    return true
  }
}

/// `torch.optim.lr_scheduler.MultiStepLR`: multiply by `gamma` at each milestone (a milestone
/// listed twice multiplies by `gamma ** 2`).
public final class MultiStepLR: CoreScheduler {
  public let className = "MultiStepLR"
  public let optimizer: OptimizerState
  /// As given (order and duplicates kept; PyTorch counts them).
  public let milestones: [Int]
  public let gamma: Double
  /// Distinct milestones, ascending, and how often each was listed.
  let distinctMilestones: [Int]
  let milestoneCounts: [Int]
  let coreCell: CoreCell

  public init(
    optimizer: OptimizerState, milestones: [Int], gamma: Double = 0.1, lastEpoch: Int = -1
  ) throws(SchedulerError) {
    self.optimizer = optimizer
    self.milestones = milestones
    self.gamma = gamma
    var distinct: [Int] = []
    var counts: [Int] = []
    for milestone in milestones.sorted() {
      if distinct.last == milestone {
        counts[counts.count - 1] += 1
      } else {
        distinct.append(milestone)
        counts.append(1)
      }
    }
    distinctMilestones = distinct
    milestoneCounts = counts
    coreCell = CoreCell(try SchedulerCore(optimizer: optimizer, lastEpoch: lastEpoch))
    try initialStep()
  }

  public var lastEpoch: Int { core.lastEpoch }
  public var lastLR: [Double] { core.lastLR }
  public var baseLRs: [Double] { core.baseLRs }
  public var warnings: [String] { core.warnings }

  public func step() throws(SchedulerError) { try baseStep() }
  public func step(metric: Double) throws(SchedulerError) { throw metricNotAccepted(by: className) }

  func computeLR() throws(SchedulerError) {
    let epoch = core.lastEpoch
    let index = bisectRight(distinctMilestones, epoch) - 1
    guard index >= 0, distinctMilestones[index] == epoch else { return keepCurrentLRs() }
    scaleCurrentLRs(by: pow(gamma, Double(milestoneCounts[index])))
  }

  func computeClosedFormLR() throws(SchedulerError) -> Bool {
    let factor = pow(gamma, Double(bisectRight(milestones.sorted(), core.lastEpoch)))
    setValues(core.baseLRs.map { $0 * factor })
    return true
  }
}

/// `torch.optim.lr_scheduler.ExponentialLR`: multiply by `gamma` every epoch.
public final class ExponentialLR: CoreScheduler {
  public let className = "ExponentialLR"
  public let optimizer: OptimizerState
  public let gamma: Double
  let coreCell: CoreCell

  public init(optimizer: OptimizerState, gamma: Double, lastEpoch: Int = -1) throws(SchedulerError)
  {
    self.optimizer = optimizer
    self.gamma = gamma
    coreCell = CoreCell(try SchedulerCore(optimizer: optimizer, lastEpoch: lastEpoch))
    try initialStep()
  }

  public var lastEpoch: Int { core.lastEpoch }
  public var lastLR: [Double] { core.lastLR }
  public var baseLRs: [Double] { core.baseLRs }
  public var warnings: [String] { core.warnings }

  public func step() throws(SchedulerError) { try baseStep() }
  public func step(metric: Double) throws(SchedulerError) { throw metricNotAccepted(by: className) }

  func computeLR() throws(SchedulerError) {
    if core.isInitial { return keepCurrentLRs() }
    scaleCurrentLRs(by: gamma)
  }

  func computeClosedFormLR() throws(SchedulerError) -> Bool {
    let factor = pow(gamma, Double(core.lastEpoch))
    setValues(core.baseLRs.map { $0 * factor })
    return true
  }
}

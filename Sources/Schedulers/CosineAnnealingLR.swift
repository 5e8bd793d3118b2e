#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `torch.optim.lr_scheduler.CosineAnnealingLR`, in PyTorch's recursive form (so it chains and
/// matches bit for bit). No clamping after `T_max`: the schedule is periodic with period 2·T_max.
public final class CosineAnnealingLR: CoreScheduler {
  public let className = "CosineAnnealingLR"
  public let optimizer: OptimizerState
  public let tMax: Int
  public let etaMin: Double
  let coreCell: CoreCell
  /// `1 + cos(pi * e / T_max)` from the last step and its epoch: the next step's denominator is
  /// the same expression at e - 1, so it is reused (identical bits, half the `cos` calls).
  private let cache = StateCell((epoch: Int.min, onePlusCos: 0.0))

  public init(
    optimizer: OptimizerState, tMax: Int, etaMin: Double = 0.0, lastEpoch: Int = -1
  ) throws(SchedulerError) {
    self.optimizer = optimizer
    self.tMax = tMax
    self.etaMin = etaMin
    coreCell = CoreCell(try SchedulerCore(optimizer: optimizer, lastEpoch: lastEpoch))
    try initialStep()
  }

  public var lastEpoch: Int { core.lastEpoch }
  public var lastLR: [Double] { core.lastLR }
  public var baseLRs: [Double] { core.baseLRs }
  public var warnings: [String] { core.warnings }

  public func step() throws(SchedulerError) { try baseStep() }
  public func step(metric: Double) throws(SchedulerError) { throw metricNotAccepted(by: className) }

  @inline(__always)
  private func onePlusCos(_ epoch: Int) -> Double {
    if epoch == cache.value.epoch { return cache.value.onePlusCos }
    let value = 1 + cos(Double.pi * Double(epoch) / Double(tMax))
    cache.value = (epoch, value)
    return value
  }

  func computeLR() throws(SchedulerError) {
    let epoch = core.lastEpoch
    if core.isInitial { return keepCurrentLRs() }
    let optimizer = self.optimizer
    let count = min(core.baseLRs.count, optimizer.groups.count)
    if core.stepCount == 1 && epoch > 0 {
      let c = 1 + cos(Double(epoch) * Double.pi / Double(tMax))
      prepareValues(count)
      for i in 0..<count { core.values[i] = etaMin + (core.baseLRs[i] - etaMin) * c / 2 }
    } else if try restartsAfterMinimum(epoch) {
      let c = 1 - cos(Double.pi / Double(tMax))
      prepareValues(count)
      for i in 0..<count {
        core.values[i] = optimizer.groups[i].lr + (core.baseLRs[i] - etaMin) * c / 2
      }
    } else {
      let previous = onePlusCos(epoch - 1)
      let ratio = try pyDivide(onePlusCos(epoch), previous)
      let groupCount = optimizer.groups.count
      prepareValues(groupCount)
      for i in 0..<groupCount {
        core.values[i] = ratio * (optimizer.groups[i].lr - etaMin) + etaMin
      }
    }
  }

  /// `(e - 1 - T_max) % (2 * T_max) == 0`, without Int overflow for huge T_max (where only
  /// e - 1 == T_max can satisfy it).
  private func restartsAfterMinimum(_ epoch: Int) throws(SchedulerError) -> Bool {
    let (period, periodOverflow) = tMax.multipliedReportingOverflow(by: 2)
    let (offset, offsetOverflow) = (epoch - 1).subtractingReportingOverflow(tMax)
    if periodOverflow || offsetOverflow { return epoch - 1 == tMax }
    return try pyModulo(offset, period) == 0
  }

  func computeClosedFormLR() throws(SchedulerError) -> Bool {
    let c = 1 + cos(Double.pi * Double(core.lastEpoch) / Double(tMax))
    setValues(core.baseLRs.map { etaMin + ($0 - etaMin) * c / 2 })
    return true
  }
}

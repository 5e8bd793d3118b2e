#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `torch.optim.lr_scheduler.ConstantLR`: `lr * factor` until `total_iters`, then back.
public final class ConstantLR: CoreScheduler {
  public let className = "ConstantLR"
  public let optimizer: OptimizerState
  public let factor: Double
  public let totalIters: Int
  let coreCell: CoreCell

  public init(
    optimizer: OptimizerState, factor: Double = 1.0 / 3, totalIters: Int = 5, lastEpoch: Int = -1
  ) throws(SchedulerError) {
    if factor > 1.0 || factor < 0 {
      throw .value("Constant multiplicative factor expected to be between 0 and 1.")
    }
    self.optimizer = optimizer
    self.factor = factor
    self.totalIters = totalIters
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
    if epoch == 0 { return scaleCurrentLRs(by: factor) }
    if epoch != totalIters { return keepCurrentLRs() }
    scaleCurrentLRs(by: try pyDivide(1.0, factor))
  }

  func computeClosedFormLR() throws(SchedulerError) -> Bool {
    let multiplier = factor + (core.lastEpoch >= totalIters ? 1 - factor : 0.0)
    setValues(core.baseLRs.map { $0 * multiplier })
    return true
  }
}

/// `torch.optim.lr_scheduler.LinearLR`: the factor moves linearly from `start_factor` to
/// `end_factor` over `total_iters` epochs (recursively, on the current lr).
public final class LinearLR: CoreScheduler {
  public let className = "LinearLR"
  public let optimizer: OptimizerState
  public let startFactor: Double
  public let endFactor: Double
  public let totalIters: Int
  let coreCell: CoreCell

  public init(
    optimizer: OptimizerState, startFactor: Double = 1.0 / 3, endFactor: Double = 1.0,
    totalIters: Int = 5, lastEpoch: Int = -1
  ) throws(SchedulerError) {
    if startFactor > 1.0 || startFactor <= 0 {
      throw .value(
        "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.")
    }
    if endFactor > 1.0 || endFactor < 0 {
      throw .value("Ending multiplicative factor expected to be between 0 and 1.")
    }
    self.optimizer = optimizer
    self.startFactor = startFactor
    self.endFactor = endFactor
    self.totalIters = totalIters
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
    if epoch == 0 { return scaleCurrentLRs(by: startFactor) }
    if core.isInitial || epoch > totalIters { return keepCurrentLRs() }
    let delta = endFactor - startFactor
    let denominator = Double(totalIters) * startFactor + Double(epoch - 1) * delta
    scaleCurrentLRs(by: 1.0 + (try pyDivide(delta, denominator)))
  }

  func computeClosedFormLR() throws(SchedulerError) -> Bool {
    let progress = (endFactor - startFactor) * Double(min(totalIters, core.lastEpoch))
    let multiplier = startFactor + (try pyDivide(progress, Double(totalIters)))
    setValues(core.baseLRs.map { $0 * multiplier })
    return true
  }
}

/// `torch.optim.lr_scheduler.PolynomialLR`: `(1 - e/total_iters) ** power` decay to zero.
public final class PolynomialLR: CoreScheduler {
  public let className = "PolynomialLR"
  public let optimizer: OptimizerState
  public let totalIters: Int
  public let power: Double
  let coreCell: CoreCell

  public init(
    optimizer: OptimizerState, totalIters: Int = 5, power: Double = 1.0, lastEpoch: Int = -1
  ) throws(SchedulerError) {
    self.optimizer = optimizer
    self.totalIters = totalIters
    self.power = power
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
    if core.isInitial || epoch > totalIters { return keepCurrentLRs() }
    let remaining = 1.0 - (try pyTrueDivide(epoch, totalIters))
    let previous = 1.0 - (try pyTrueDivide(epoch - 1, totalIters))
    scaleCurrentLRs(by: pow(try pyDivide(remaining, previous), power))
  }

  func computeClosedFormLR() throws(SchedulerError) -> Bool {
    let fraction = try pyTrueDivide(min(totalIters, core.lastEpoch), totalIters)
    let multiplier = pow(1.0 - fraction, power)
    setValues(core.baseLRs.map { $0 * multiplier })
    return true
  }
}

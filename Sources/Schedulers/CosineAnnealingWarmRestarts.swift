#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `torch.optim.lr_scheduler.CosineAnnealingWarmRestarts` (SGDR): a cosine from base to
/// `eta_min` over `T_i` steps, then a restart with `T_i *= T_mult`. Closed form from base_lrs,
/// so not chainable. Its own `step()` never warns.
public final class CosineAnnealingWarmRestarts: CoreScheduler {
  public let className = "CosineAnnealingWarmRestarts"
  public let optimizer: OptimizerState
  public let t0: Int
  public let tMult: Int
  public let etaMin: Double
  /// Steps since the last restart (fractional after `step(epoch:)` with a fraction).
  public var tCur: Double { cycle.value.tCur }
  /// The current cycle length.
  public var tI: Int { cycle.value.tI }
  private let cycle: StateCell<(tCur: Double, tI: Int)>
  let coreCell: CoreCell

  public init(
    optimizer: OptimizerState, t0: Int, tMult: Int = 1, etaMin: Double = 0.0, lastEpoch: Int = -1
  ) throws(SchedulerError) {
    if t0 <= 0 { throw .value("Expected positive integer T_0, but got \(t0)") }
    if tMult < 1 { throw .value("Expected integer T_mult >= 1, but got \(tMult)") }
    self.optimizer = optimizer
    self.t0 = t0
    self.tMult = tMult
    self.etaMin = etaMin
    cycle = StateCell((tCur: Double(lastEpoch), tI: t0))
    coreCell = CoreCell(try SchedulerCore(optimizer: optimizer, lastEpoch: lastEpoch))
    try initialStep()
  }

  public var lastEpoch: Int { core.lastEpoch }
  public var lastLR: [Double] { core.lastLR }
  public var baseLRs: [Double] { core.baseLRs }
  public var warnings: [String] { core.warnings }

  /// `step()`: one step along the schedule (wrapping `T_cur` once).
  public func step() throws(SchedulerError) {
    if core.lastEpoch < 0 { return try moveTo(epoch: 0, text: "0") }
    let epoch = core.lastEpoch + 1
    cycle.value.tCur += 1
    if cycle.value.tCur >= Double(cycle.value.tI) {
      cycle.value.tCur = pyFloatModulo(cycle.value.tCur, Double(cycle.value.tI))
      let (product, overflow) = cycle.value.tI.multipliedReportingOverflow(by: tMult)
      cycle.value.tI = overflow ? Int.max : product
    }
    core.lastEpoch = epoch
    try computeLR()
    writeValues()
  }

  /// `step(epoch)`: jump to an epoch (the supported, non-deprecated form for this class).
  public func step(epoch: Int) throws(SchedulerError) {
    try moveTo(epoch: Double(epoch), text: "\(epoch)")
  }

  /// `step(epoch)` with a fractional epoch, e.g. `epoch + i / iters` within an epoch.
  public func step(epoch: Double) throws(SchedulerError) {
    try moveTo(epoch: epoch, text: pyRepr(epoch))
  }

  public func step(metric: Double) throws(SchedulerError) { throw metricNotAccepted(by: className) }

  private func moveTo(epoch: Double, text: String) throws(SchedulerError) {
    if epoch < 0 { throw .value("Expected non-negative epoch, but got \(text)") }
    // math.floor raises on these; larger finite epochs are beyond this port's range.
    if epoch.isNaN { throw .value("cannot convert float NaN to integer") }
    if epoch.isInfinite {
      throw SchedulerError("OverflowError", "cannot convert float infinity to integer")
    }
    if epoch >= Double(epochLimit) {
      throw SchedulerError("OverflowError", "epoch=\(text) is outside the supported range ±2**53")
    }
    if epoch >= Double(t0) {
      if tMult == 1 {
        cycle.value.tCur = pyFloatModulo(epoch, Double(t0))
      } else {
        // Python's math.log(x, base) is log(x) / log(base); int() truncates.
        let x = epoch / Double(t0) * Double(tMult - 1) + 1
        let n = Int(log(x) / log(Double(tMult)))
        let power = pyIntPower(tMult, n)
        let (restartStep, overflow) = t0.multipliedReportingOverflow(by: power - 1)
        cycle.value.tCur =
          overflow
          ? epoch - Double(t0) * Double(power - 1) / Double(tMult - 1)
          : epoch - Double(restartStep) / Double(tMult - 1)
        let (length, lengthOverflow) = t0.multipliedReportingOverflow(by: power)
        cycle.value.tI = lengthOverflow ? Int.max : length
      }
    } else {
      cycle.value.tI = t0
      cycle.value.tCur = epoch
    }
    core.lastEpoch = Int(epoch.rounded(.down))
    try computeLR()
    writeValues()
  }

  func computeLR() throws(SchedulerError) {
    let c = 1 + cos(Double.pi * cycle.value.tCur / Double(cycle.value.tI))
    let count = core.baseLRs.count
    prepareValues(count)
    for i in 0..<count { core.values[i] = etaMin + (core.baseLRs[i] - etaMin) * c / 2 }
  }
}

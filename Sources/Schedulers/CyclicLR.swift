#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `torch.optim.lr_scheduler.CyclicLR`: a triangle wave between `base_lr` and `max_lr` (with
/// momentum / Adam's beta1 moving the opposite way), stepped per batch. Closed form in the
/// batch count, so not chainable.
public final class CyclicLR: CoreScheduler {
  public let className = "CyclicLR"
  public let optimizer: OptimizerState
  public let maxLRs: [Double]
  /// `step_size_up` / `step_size_down` as PyTorch stores them (floats).
  public let stepSizeUp: Double
  public let stepSizeDown: Double
  public let totalSize: Double
  public let stepRatio: Double
  public let mode: String
  public let gamma: Double
  /// The effective scale mode: built-in modes force "cycle" (triangular, triangular2) or
  /// "iterations" (exp_range); anything but "cycle" behaves as "iterations".
  public let scaleMode: String
  public let cycleMomentum: Bool
  public let baseMomentums: [Double]
  public let maxMomentums: [Double]
  private let scaleFn: ScaleFunction?
  /// The last built-in scale value and its argument: in "cycle" mode it only changes once a
  /// cycle, so `pow` runs once a cycle (same bits).
  private let scaleCache = StateCell((argument: Int.min, value: 1.0))
  /// `mode` and `scaleMode`, decoded once.
  private let triangular2: Bool
  private let expRange: Bool
  private let scalesByCycle: Bool
  let coreCell: CoreCell

  public init(
    optimizer: OptimizerState, baseLR: PerGroup<Double>, maxLR: PerGroup<Double>,
    stepSizeUp: Int = 2000, stepSizeDown: Int? = nil, mode: String = "triangular",
    gamma: Double = 1.0, scaleFn: ScaleFunction? = nil, scaleMode: String = "cycle",
    cycleMomentum: Bool = true, baseMomentum: PerGroup<Double> = .same(0.8),
    maxMomentum: PerGroup<Double> = .same(0.9), lastEpoch: Int = -1
  ) throws(SchedulerError) {
    self.optimizer = optimizer
    let groupCount = optimizer.groups.count
    let baseLRs = try baseLR.expanded(name: "base_lr", groupCount: groupCount)
    if lastEpoch == -1 {
      for i in 0..<groupCount { optimizer.groups[i].lr = baseLRs[i] }
    }
    maxLRs = try maxLR.expanded(name: "max_lr", groupCount: groupCount)
    self.stepSizeUp = Double(stepSizeUp)
    self.stepSizeDown = stepSizeDown.map(Double.init) ?? Double(stepSizeUp)
    totalSize = self.stepSizeUp + self.stepSizeDown
    stepRatio = try pyDivide(self.stepSizeUp, totalSize)
    if scaleFn == nil && !["triangular", "triangular2", "exp_range"].contains(mode) {
      throw .value("mode is invalid and scale_fn is None")
    }
    self.mode = mode
    self.gamma = gamma
    self.scaleFn = scaleFn
    if scaleFn == nil {
      self.scaleMode = mode == "exp_range" ? "iterations" : "cycle"
    } else {
      self.scaleMode = scaleMode
    }
    triangular2 = mode == "triangular2"
    expRange = mode == "exp_range"
    scalesByCycle = self.scaleMode == "cycle"
    self.cycleMomentum = cycleMomentum
    // Every optimizer here has `momentum` (SGD) or `betas` (Adam, AdamW) among its defaults, so
    // PyTorch's "optimizer must support momentum or beta1" check always passes.
    if cycleMomentum {
      baseMomentums = try baseMomentum.expanded(name: "base_momentum", groupCount: groupCount)
      maxMomentums = try maxMomentum.expanded(name: "max_momentum", groupCount: groupCount)
      if lastEpoch == -1 {
        for i in 0..<groupCount { optimizer.setMomentum(maxMomentums[i], ofGroup: i) }
      }
    } else {
      baseMomentums = []
      maxMomentums = []
    }
    coreCell = CoreCell(try SchedulerCore(optimizer: optimizer, lastEpoch: lastEpoch))
    // The constructor's step uses base_lrs from `initial_lr` (PyTorch replaces them after).
    try initialStep()
    core.baseLRs = baseLRs
  }

  public var lastEpoch: Int { core.lastEpoch }
  public var lastLR: [Double] { core.lastLR }
  public var baseLRs: [Double] { core.baseLRs }
  public var warnings: [String] { core.warnings }
  public var cyclesMomentum: Bool { cycleMomentum }

  public func step() throws(SchedulerError) { try baseStep() }
  public func step(metric: Double) throws(SchedulerError) { throw metricNotAccepted(by: className) }

  /// `scale_fn(x)` for the built-in modes, or the custom function.
  @inline(__always)
  private func scale(_ x: Int) throws(SchedulerError) -> Double {
    if let scaleFn { return try scaleFn(Double(x)) }
    if x == scaleCache.value.argument { return scaleCache.value.value }
    let value =
      triangular2 ? 1 / pow(2.0, Double(x - 1)) : expRange ? pow(gamma, Double(x)) : 1.0
    scaleCache.value = (x, value)
    return value
  }

  func computeLR() throws(SchedulerError) {
    let epoch = core.lastEpoch
    let progress = try pyDivide(Double(epoch), totalSize)
    let cycle = (1 + progress).rounded(.down)
    let x = 1.0 + progress - cycle
    let scaleFactor =
      x <= stepRatio ? try pyDivide(x, stepRatio) : try pyDivide(x - 1, stepRatio - 1)
    let scaleValue = try scale(scalesByCycle ? Int(cycle) : epoch)
    let count = min(core.baseLRs.count, maxLRs.count)
    prepareValues(count)
    for i in 0..<count {
      let baseHeight = (maxLRs[i] - core.baseLRs[i]) * scaleFactor
      core.values[i] = core.baseLRs[i] + baseHeight * scaleValue
    }
    if cycleMomentum {
      for i in 0..<min(optimizer.groups.count, maxMomentums.count) {
        let baseHeight = (maxMomentums[i] - baseMomentums[i]) * scaleFactor
        optimizer.setMomentum(maxMomentums[i] - baseHeight * scaleValue, ofGroup: i)
      }
    }
  }
}

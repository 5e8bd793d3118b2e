/// `torch.optim.lr_scheduler.ReduceLROnPlateau`: multiply the lr by `factor` after more than
/// `patience` non-improving `step(metric)` calls. Not built on LRScheduler's constructor: no
/// initial step, no `initial_lr`, no step-order warning.
public final class ReduceLROnPlateau: LRScheduler {
  public let className = "ReduceLROnPlateau"
  public let optimizer: OptimizerState
  public let mode: String
  public let factor: Double
  public let patience: Int
  public let threshold: Double
  public let thresholdMode: String
  public let cooldown: Int
  public private(set) var minLRs: [Double]
  /// The scalar `min_lr` (re-expanded if groups are added later); nil when a list was given.
  public let defaultMinLR: Double?
  public let eps: Double
  public private(set) var lastEpoch = 0
  public private(set) var lastLR: [Double]
  /// The best metric so far (+inf in min mode, -inf in max mode before the first step).
  public private(set) var best: Double
  public private(set) var numBadEpochs = 0
  public private(set) var cooldownCounter = 0
  /// The epochs (`last_epoch` values) at which a reduction ran, whether or not `eps` let it
  /// change an lr.
  public private(set) var reductionEpochs: [Int] = []
  public private(set) var warnings: [String] = []
  private let minimize: Bool
  private let relative: Bool

  public init(
    optimizer: OptimizerState, mode: String = "min", factor: Double = 0.1, patience: Int = 10,
    threshold: Double = 1e-4, thresholdMode: String = "rel", cooldown: Int = 0,
    minLR: PerGroup<Double> = .same(0), eps: Double = 1e-8
  ) throws(SchedulerError) {
    if factor >= 1.0 { throw .value("Factor should be < 1.0.") }
    self.factor = factor
    self.optimizer = optimizer
    let groupCount = optimizer.groups.count
    switch minLR {
    case .same(let value):
      defaultMinLR = value
      minLRs = Array(repeating: value, count: groupCount)
    case .each(let values):
      if values.count != groupCount {
        throw .value("expected \(groupCount) min_lrs, got \(values.count)")
      }
      defaultMinLR = nil
      minLRs = values
    }
    self.patience = patience
    self.cooldown = cooldown
    self.eps = eps
    lastLR = optimizer.groups.map(\.lr)
    if mode != "min" && mode != "max" { throw .value("mode \(mode) is unknown!") }
    if thresholdMode != "rel" && thresholdMode != "abs" {
      throw .value("threshold mode \(thresholdMode) is unknown!")
    }
    self.mode = mode
    self.threshold = threshold
    self.thresholdMode = thresholdMode
    minimize = mode == "min"
    relative = thresholdMode == "rel"
    best = minimize ? .infinity : -.infinity
  }

  public var needsMetric: Bool { true }
  public var inCooldown: Bool { cooldownCounter > 0 }

  public func step() throws(SchedulerError) {
    throw .typeError("ReduceLROnPlateau.step() missing 1 required positional argument: 'metrics'")
  }

  /// `step(metrics)`.
  public func step(metric current: Double) throws(SchedulerError) {
    lastEpoch += 1
    if isBetter(current, than: best) {
      best = current
      numBadEpochs = 0
    } else {
      numBadEpochs += 1
    }
    if cooldownCounter > 0 {
      cooldownCounter -= 1
      numBadEpochs = 0
    }
    if numBadEpochs > patience {
      try reduceLR()
      cooldownCounter = cooldown
      numBadEpochs = 0
    }
    if lastLR.count == optimizer.groups.count {
      for i in 0..<lastLR.count { lastLR[i] = optimizer.groups[i].lr }
    } else {
      lastLR = optimizer.groups.map(\.lr)
    }
  }

  /// `_is_better`, literally (negative metrics in rel mode behave as in PyTorch).
  public func isBetter(_ a: Double, than best: Double) -> Bool {
    switch (minimize, relative) {
    case (true, true): return a < best * (1.0 - threshold)
    case (true, false): return a < best - threshold
    case (false, true): return a > best * (threshold + 1.0)
    case (false, false): return a > best + threshold
    }
  }

  private func reduceLR() throws(SchedulerError) {
    let groupCount = optimizer.groups.count
    if groupCount != minLRs.count {
      guard let defaultMinLR else {
        throw SchedulerError(
          "RuntimeError",
          "The number of param groups in the `optimizer` (\(groupCount)) differs from when "
            + "`ReduceLROnPlateau` was initialized (\(minLRs.count)), usually due to a new "
            + "param group being added to the optimizer. Please modify the `min_lrs` field to "
            + "match the length of the `optimizer` param groups.")
      }
      minLRs = Array(repeating: defaultMinLR, count: groupCount)
    }
    reductionEpochs.append(lastEpoch)
    for i in 0..<groupCount {
      let oldLR = optimizer.groups[i].lr
      let scaled = oldLR * factor
      // Python's max() keeps the first argument unless the second is larger.
      let newLR = minLRs[i] > scaled ? minLRs[i] : scaled
      if oldLR - newLR > eps { optimizer.groups[i].lr = newLR }
    }
  }
}

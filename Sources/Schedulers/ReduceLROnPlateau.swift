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
  public var minLRs: [Double] { state.value.minLRs }
  /// The scalar `min_lr` (re-expanded if groups are added later); nil when a list was given.
  public let defaultMinLR: Double?
  public let eps: Double
  public var lastEpoch: Int { state.value.lastEpoch }
  public var lastLR: [Double] { state.value.lastLR }
  /// The best metric so far (+inf in min mode, -inf in max mode before the first step).
  public var best: Double { state.value.best }
  public var numBadEpochs: Int { state.value.numBadEpochs }
  public var cooldownCounter: Int { state.value.cooldownCounter }
  /// The epochs (`last_epoch` values) at which a reduction ran, whether or not `eps` let it
  /// change an lr.
  public var reductionEpochs: [Int] { state.value.reductionEpochs }
  /// Always empty: ReduceLROnPlateau emits no step-order warning.
  public var warnings: [String] { [] }
  private let state: StateCell<PlateauState>
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
    let minLRs: [Double]
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
    let lastLR = optimizer.groups.map(\.lr)
    if mode != "min" && mode != "max" { throw .value("mode \(mode) is unknown!") }
    if thresholdMode != "rel" && thresholdMode != "abs" {
      throw .value("threshold mode \(thresholdMode) is unknown!")
    }
    self.mode = mode
    self.threshold = threshold
    self.thresholdMode = thresholdMode
    minimize = mode == "min"
    relative = thresholdMode == "rel"
    state = StateCell(
      PlateauState(minLRs: minLRs, lastLR: lastLR, best: minimize ? .infinity : -.infinity))
  }

  public var needsMetric: Bool { true }
  public var inCooldown: Bool { state.value.cooldownCounter > 0 }

  public func step() throws(SchedulerError) {
    throw .typeError("ReduceLROnPlateau.step() missing 1 required positional argument: 'metrics'")
  }

  /// `step(metrics)`.
  public func step(metric current: Double) throws(SchedulerError) {
    let state = self.state
    state.value.lastEpoch += 1
    if isBetter(current, than: state.value.best) {
      state.value.best = current
      state.value.numBadEpochs = 0
    } else {
      state.value.numBadEpochs += 1
    }
    if state.value.cooldownCounter > 0 {
      state.value.cooldownCounter -= 1
      state.value.numBadEpochs = 0
    }
    if state.value.numBadEpochs > patience {
      try reduceLR()
      state.value.cooldownCounter = cooldown
      state.value.numBadEpochs = 0
    }
    if state.value.lastLR.count == optimizer.groups.count {
      for i in 0..<state.value.lastLR.count { state.value.lastLR[i] = optimizer.groups[i].lr }
    } else {
      state.value.lastLR = optimizer.groups.map(\.lr)
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
    let state = self.state
    let groupCount = optimizer.groups.count
    if groupCount != state.value.minLRs.count {
      guard let defaultMinLR else {
        throw SchedulerError(
          "RuntimeError",
          "The number of param groups in the `optimizer` (\(groupCount)) differs from when "
            + "`ReduceLROnPlateau` was initialized (\(state.value.minLRs.count)), usually due to a new "
            + "param group being added to the optimizer. Please modify the `min_lrs` field to "
            + "match the length of the `optimizer` param groups.")
      }
      state.value.minLRs = Array(repeating: defaultMinLR, count: groupCount)
    }
    state.value.reductionEpochs.append(state.value.lastEpoch)
    for i in 0..<groupCount {
      let oldLR = optimizer.groups[i].lr
      let scaled = oldLR * factor
      // Python's max() keeps the first argument unless the second is larger.
      let newLR = state.value.minLRs[i] > scaled ? state.value.minLRs[i] : scaled
      if oldLR - newLR > eps { optimizer.groups[i].lr = newLR }
    }
  }
}

/// ReduceLROnPlateau's counters (in a `StateCell`, see there).
private struct PlateauState {
  var minLRs: [Double]
  var lastLR: [Double]
  var best: Double
  var lastEpoch = 0
  var numBadEpochs = 0
  var cooldownCounter = 0
  var reductionEpochs: [Int] = []

  init(minLRs: [Double], lastLR: [Double], best: Double) {
    self.minLRs = minLRs
    self.lastLR = lastLR
    self.best = best
  }
}

/// transformers' `GreedyLR` (`get_greedy_schedule`, `get_scheduler("greedy")`): divides the lr by
/// `factor` after more than `patience` improving `step(metric)` calls and multiplies it by
/// `factor` after more than `patience` non-improving ones, within [min_lr, max_lr]; after
/// `reset_start` reductions that leave every group at its floor it starts over. Like
/// ReduceLROnPlateau it has no initial step and leaves the lrs as the optimizer set them.
public final class GreedyLR: LRScheduler {
  public let className = "GreedyLR"
  public let optimizer: OptimizerState
  public let mode: String
  public let factor: Double
  public let patience: Int
  public let threshold: Double
  public let thresholdMode: String
  public let cooldown: Int
  public let warmup: Int
  public let minLRs: [Double]
  public let maxLRs: [Double]
  public let eps: Double
  public let smooth: Bool
  public let windowSize: Int
  public let resetStart: Int
  public private(set) var lastEpoch = 0
  public private(set) var lastLR: [Double]
  public private(set) var best: Double
  public private(set) var numBadEpochs = 0
  public private(set) var numGoodEpochs = 0
  public private(set) var cooldownCounter = 0
  public private(set) var warmupCounter = 0
  public var warnings: [String] { [] }
  public var needsMetric: Bool { true }
  private let initialLRs: [Double]
  private var resetCountdown: Int
  private var window: [Double] = []
  private var windowSum = 0.0

  public init(
    optimizer: OptimizerState, mode: String = "min", factor: Double = 0.95, patience: Int = 10,
    threshold: Double = 1e-6, thresholdMode: String = "abs", cooldown: Int = 0, warmup: Int = 0,
    minLR: PerGroup<Double> = .same(1e-3), maxLR: PerGroup<Double> = .same(1.0),
    eps: Double = 1e-8, smooth: Bool = false, windowSize: Int = 50, resetStart: Int = 500
  ) throws(SchedulerError) {
    if factor >= 1.0 { throw .value("Factor should be < 1.0.") }
    let groupCount = optimizer.groups.count
    func expand(_ bound: PerGroup<Double>, _ plural: String) throws(SchedulerError) -> [Double] {
      switch bound {
      case .same(let value): return Array(repeating: value, count: groupCount)
      case .each(let values):
        if values.count != groupCount {
          throw .value("expected \(groupCount) \(plural), got \(values.count)")
        }
        return values
      }
    }
    minLRs = try expand(minLR, "min_lrs")
    maxLRs = try expand(maxLR, "max_lrs")
    if mode != "min" && mode != "max" { throw .value("mode \(mode) is unknown!") }
    if thresholdMode != "rel" && thresholdMode != "abs" {
      throw .value("threshold mode \(thresholdMode) is unknown!")
    }
    self.optimizer = optimizer
    self.mode = mode
    self.factor = factor
    self.patience = patience
    self.threshold = threshold
    self.thresholdMode = thresholdMode
    self.cooldown = cooldown
    self.warmup = warmup
    self.eps = eps
    self.smooth = smooth
    self.windowSize = windowSize
    self.resetStart = resetStart
    resetCountdown = resetStart
    initialLRs = optimizer.groups.map(\.lr)
    lastLR = initialLRs
    best = mode == "min" ? .infinity : -.infinity
  }

  public func step() throws(SchedulerError) {
    throw .typeError("GreedyLR.step() missing 1 required positional argument: 'metrics'")
  }

  public func step(metric: Double) throws(SchedulerError) {
    let current = smooth ? streamingAverage(adding: metric) : metric
    lastEpoch += 1
    if cooldownCounter > 0 {
      cooldownCounter -= 1
      (numBadEpochs, numGoodEpochs) = (0, 0)
    } else if warmupCounter > 0 {
      warmupCounter -= 1
      (numBadEpochs, numGoodEpochs) = (0, 0)
    } else {
      if isBetter(current, than: best) {
        best = current
        numBadEpochs = 0
        numGoodEpochs += 1
      } else {
        numBadEpochs += 1
        numGoodEpochs = 0
      }
      if numGoodEpochs > patience {
        increaseLR()
        warmupCounter = warmup
        numGoodEpochs = 0
      } else if numBadEpochs > patience {
        reduceLR()
        cooldownCounter = cooldown
        numBadEpochs = 0
      }
    }
    lastLR = optimizer.groups.map(\.lr)
  }

  public func isBetter(_ a: Double, than best: Double) -> Bool {
    switch (mode == "min", thresholdMode == "rel") {
    case (true, true): return a < best * (1.0 - threshold)
    case (true, false): return a < best - threshold
    case (false, true): return a > best * (1.0 + threshold)
    case (false, false): return a > best + threshold
    }
  }

  /// transformers' `StreamingAverage.streamavg`: a running sum over the last `window_size`.
  private func streamingAverage(adding value: Double) -> Double {
    window.append(value)
    windowSum += value
    if window.count > windowSize { windowSum -= window.removeFirst() }
    return windowSum / Double(window.count)
  }

  private func reduceLR() {
    var allAtMin = true
    for i in optimizer.groups.indices {
      let old = optimizer.groups[i].lr
      let scaled = old * factor
      // Python's max() keeps its first argument unless the second is larger.
      let new = minLRs[i] > scaled ? minLRs[i] : scaled
      if old - new > eps { optimizer.groups[i].lr = new }
      if optimizer.groups[i].lr > minLRs[i] { allAtMin = false }
    }
    guard allAtMin else { return }
    resetCountdown -= 1
    if resetCountdown <= 0 { reset() }
  }

  private func increaseLR() {
    for i in optimizer.groups.indices {
      let old = optimizer.groups[i].lr
      let scaled = old / factor
      let new = maxLRs[i] < scaled ? maxLRs[i] : scaled
      if new - old > eps { optimizer.groups[i].lr = new }
    }
    resetCountdown = resetStart
  }

  private func reset() {
    for i in optimizer.groups.indices { optimizer.groups[i].lr = initialLRs[i] }
    best = mode == "min" ? .infinity : -.infinity
    (numBadEpochs, numGoodEpochs, cooldownCounter, warmupCounter) = (0, 0, 0, 0)
    resetCountdown = resetStart
    if smooth { (window, windowSum) = ([], 0) }
  }
}

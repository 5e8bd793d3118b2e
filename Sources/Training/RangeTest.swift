import Schedulers

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The LR range test (Smith 2017) in fastai's loss form: one step per batch while the lr grows
/// exponentially from `startLR` to `endLR`; the loss is smoothed by a bias-corrected EMA and
/// the sweep stops once the smoothed loss passes `stopFactor` × its minimum.
public struct RangeTestConfig: Sendable, Equatable {
  public var run: RunConfig
  public var optimizer: OptimizerState.Kind
  /// SGD's momentum (Adam: beta1 stays 0.9).
  public var momentum: Double
  public var startLR: Double
  public var endLR: Double
  public var iterations: Int
  public var smoothing: Double
  public var stopFactor: Double

  /// The research notes' sweeps: sine 1e-5 → 10 in 200 steps (SGD, momentum 0.9); linear and
  /// quadratic 1e-4 → 10 in 300 steps (plain SGD, so the cliff sits at the curvature limit);
  /// finetune 1e-6 → 1 in 200 steps (Adam).
  public init(model: ModelKind = .sine) {
    run = RunConfig(model: model)
    smoothing = 0.98
    stopFactor = 4
    switch model {
    case .sine:
      (optimizer, momentum, startLR, endLR, iterations) = (.sgd, 0.9, 1e-5, 10, 200)
    case .linear, .quadratic:
      (optimizer, momentum, startLR, endLR, iterations) = (.sgd, 0, 1e-4, 10, 300)
    case .finetune:
      (optimizer, momentum, startLR, endLR, iterations) = (.adam, 0, 1e-6, 1, 200)
    }
  }

  public func validate() throws(TrainingError) {
    try run.validate()
    guard startLR > 0, endLR > startLR, startLR.isFinite, endLR.isFinite else {
      throw .invalidConfig("the sweep needs 0 < start lr < end lr, got \(startLR) → \(endLR)")
    }
    // Every lr of the sweep (and the suggestions derived from it) must be a finite number.
    guard (endLR / startLR).isFinite, startLR >= 1e-12, endLR <= 1e6 else {
      throw .invalidConfig(
        "the sweep must stay within 1e-12 … 1e6 (and end/start finite), got \(startLR) → \(endLR)")
    }
    guard momentum >= 0 && momentum < 1 else {
      throw .invalidConfig("momentum must be in [0, 1), got \(momentum)")
    }
    guard iterations >= 2 && iterations <= 1_000_000 else {
      throw .invalidConfig("iterations must be between 2 and 1000000, got \(iterations)")
    }
    guard smoothing >= 0 && smoothing < 1 else {
      throw .invalidConfig("smoothing must be in [0, 1), got \(smoothing)")
    }
    guard stopFactor > 1 else { throw .invalidConfig("stop factor must be > 1, got \(stopFactor)") }
  }
}

public struct RangeTestResult: Sendable, Equatable {
  /// The lr of each iteration run (the last one is where it stopped).
  public var lrs: [Double]
  public var rawLosses: [Double]
  public var smoothedLosses: [Double]
  /// True when the loss passed stopFactor × minimum (or went non-finite) before the end.
  public var stoppedEarly: Bool
  public var minimumIndex: Int
  public var steepestIndex: Int
  public var lrAtMinimum: Double { lrs[minimumIndex] }
  /// "Minimum ÷ 10": about one order of magnitude below the loss minimum.
  public var suggestionMinimumOver10: Double { lrs[minimumIndex] / 10 }
  /// Where the smoothed loss falls fastest against log lr (before the minimum).
  public var suggestionSteepest: Double { lrs[steepestIndex] }
  public var stopLR: Double { lrs[lrs.count - 1] }
}

public enum RangeTest {
  public static func run(_ config: RangeTestConfig) throws(TrainingError) -> RangeTestResult {
    try config.validate()
    var group = ParamGroup(lr: config.startLR, name: "model")
    group.momentum = config.optimizer == .sgd ? config.momentum : 0
    let state = OptimizerState(kind: config.optimizer, groups: [group])
    let sweep = try TrainingRun(config: config.run, optimizer: state, scheduler: nil)
    var lrs: [Double] = []
    var raw: [Double] = []
    var smoothed: [Double] = []
    var average = 0.0
    var best = Double.infinity
    var stoppedEarly = false
    let ratio = config.endLR / config.startLR
    for k in 0..<config.iterations {
      let lr = config.startLR * pow(ratio, Double(k) / Double(config.iterations - 1))
      state.groups[0].lr = lr
      _ = sweep.advance(maxSteps: 1)
      guard let loss = sweep.history.trainLoss.last else { break }
      average = config.smoothing * average + (1 - config.smoothing) * loss
      let smooth = average / (1 - pow(config.smoothing, Double(k + 1)))
      lrs.append(lr)
      raw.append(loss)
      smoothed.append(smooth.isFinite ? smooth : .infinity)
      best = min(best, smooth)
      if !smooth.isFinite || smooth > config.stopFactor * best || sweep.diverged {
        stoppedEarly = true
        break
      }
      if sweep.isFinished { break }
    }
    guard !lrs.isEmpty else { throw .invalidConfig("the sweep produced no steps") }
    let minimumIndex = smoothed.indices.min { smoothed[$0] < smoothed[$1] } ?? 0
    // The steepest descent, ignoring the first 10% where the EMA is still warming up.
    let skip = max(1, smoothed.count / 10)
    var steepestIndex = minimumIndex
    if minimumIndex > skip {
      var steepest = Double.infinity
      for i in skip...minimumIndex {
        let slope = gradient(smoothed, lrs, at: i)
        if slope < steepest {
          steepest = slope
          steepestIndex = i
        }
      }
    }
    return RangeTestResult(
      lrs: lrs, rawLosses: raw, smoothedLosses: smoothed, stoppedEarly: stoppedEarly,
      minimumIndex: minimumIndex, steepestIndex: steepestIndex)
  }

  /// d(loss)/d(log10 lr) by central differences (one-sided at the ends), as numpy.gradient.
  static func gradient(_ y: [Double], _ lrs: [Double], at i: Int) -> Double {
    let lo = max(0, i - 1)
    let hi = min(y.count - 1, i + 1)
    guard hi > lo else { return 0 }
    return (y[hi] - y[lo]) / (log10(lrs[hi]) - log10(lrs[lo]))
  }
}

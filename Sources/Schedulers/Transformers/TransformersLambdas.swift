import Foundation

/// A number as a Python snippet passed it: transformers does its arithmetic on whatever the
/// caller gave (an int step count, a float ratio), and a few error messages depend on which.
public struct PythonNumber: Sendable, Equatable {
  public var value: Double
  public var isInteger: Bool

  public init(_ value: Double, isInteger: Bool) {
    self.value = value
    self.isInteger = isInteger
  }

  public static func int(_ value: Int) -> PythonNumber { .init(Double(value), isInteger: true) }
  public static func float(_ value: Double) -> PythonNumber { .init(value, isInteger: false) }
}

/// The schedule functions of `transformers.optimization` (transformers 5.24) that build a
/// `LambdaLR`. Each case's factor follows transformers' formula operation for operation, so the
/// same IEEE arithmetic gives the same bits.
public enum TransformersLambda: Sendable {
  case constant
  case constantWithWarmup(warmup: PythonNumber)
  case linear(warmup: PythonNumber, training: PythonNumber?)
  case cosine(warmup: PythonNumber, training: PythonNumber?, cycles: Double)
  case hardRestarts(warmup: PythonNumber, training: PythonNumber?, cycles: Double)
  case polynomial(
    warmup: PythonNumber, training: PythonNumber?, lrEnd: Double, power: Double, lrInit: Double)
  case inverseSqrt(warmup: PythonNumber, timescale: PythonNumber)
  case cosineWithMinLR(
    warmup: PythonNumber, training: PythonNumber?, cycles: Double, minLRRate: Double)
  case cosineWithMinLRRate(
    warmup: PythonNumber, training: PythonNumber?, cycles: Double, minLRRate: Double,
    warmupLRRate: Double?)
  case warmupStableDecay(
    warmup: PythonNumber, stable: PythonNumber, decay: PythonNumber, warmupType: String,
    decayType: String, minLRRatio: Double, cycles: Double)

  /// The multiplicative factor at `current_step` (LambdaLR passes `last_epoch`).
  public func factor(_ step: Int) throws(SchedulerError) -> Double {
    let s = Double(step)
    switch self {
    case .constant:
      return 1
    case .constantWithWarmup(let w):
      if s < w.value { return s / Swift.max(1.0, w.value) }
      return 1.0
    case .linear(let w, let t):
      if s < w.value { return warmupRamp(s, w) }
      let total = try required(t, "-", s)
      return Swift.max(0.0, (total.value - s) / Swift.max(1, total.value - w.value))
    case .cosine(let w, let t, let cycles):
      if s < w.value { return warmupRamp(s, w) }
      let progress = try linearProgress(s, w, try required(t, "-", s))
      return Swift.max(0.0, 0.5 * (1.0 + cos(Double.pi * cycles * 2.0 * progress)))
    case .hardRestarts(let w, let t, let cycles):
      if s < w.value { return warmupRamp(s, w) }
      let progress = try linearProgress(s, w, try required(t, "-", s))
      if progress >= 1.0 { return 0.0 }
      return Swift.max(0.0, 0.5 * (1.0 + cos(Double.pi * pyFloatModulo(cycles * progress, 1.0))))
    case .polynomial(let w, let t, let lrEnd, let power, let lrInit):
      if s < w.value { return warmupRamp(s, w) }
      let total = try required(t, ">", s)
      if s > total.value { return lrEnd / lrInit }
      let lrRange = lrInit - lrEnd
      let decaySteps = total.value - w.value
      if decaySteps == 0 {
        let ints = total.isInteger && w.isInteger
        throw SchedulerError(
          "ZeroDivisionError", ints ? "division by zero" : "float division by zero")
      }
      let remaining = 1 - (s - w.value) / decaySteps
      let decay = lrRange * pythonPower(remaining, power) + lrEnd
      return decay / lrInit
    case .inverseSqrt(let w, let timescale):
      if s < w.value { return warmupRamp(s, w) }
      let shift = timescale.value - w.value
      if timescale.value == 0 {
        let ints = timescale.isInteger && w.isInteger
        throw SchedulerError(
          "ZeroDivisionError", ints ? "division by zero" : "float division by zero")
      }
      let ratio = (s + shift) / timescale.value
      if ratio < 0 { throw SchedulerError.value("math domain error") }
      let root = ratio.squareRoot()
      if root == 0 { throw SchedulerError("ZeroDivisionError", "float division by zero") }
      return 1.0 / root
    case .cosineWithMinLR(let w, let t, let cycles, let minRate):
      if s < w.value { return warmupRamp(s, w) }
      let progress = try linearProgress(s, w, try required(t, "-", s))
      var factor = 0.5 * (1.0 + cos(Double.pi * cycles * 2.0 * progress))
      factor = factor * (1 - minRate) + minRate
      return Swift.max(0, factor)
    case .cosineWithMinLRRate(let w, let t, let cycles, let minRate, let warmupRate):
      let total = try required(t, "float", s)
      if s < w.value {
        guard let warmupRate else { return (s + 1.0) / Swift.max(1.0, w.value) }
        return warmupRate + (1.0 - warmupRate) * s / Swift.max(1, w.value - 1)
      }
      let progress = (s - w.value + 1.0) / Swift.max(1.0, total.value - w.value)
      var factor = 0.5 * (1.0 + cos(Double.pi * cycles * 2.0 * progress))
      factor = factor * (1 - minRate) + minRate
      return Swift.max(0, factor)
    case .warmupStableDecay(
      let w, let stable, let decay, let warmupType, let decayType,
      let minRatio, let cycles):
      if s < w.value {
        let progress = s / Swift.max(1, w.value)
        let factor: Double
        switch warmupType {
        case "linear": factor = progress
        case "cosine": factor = 0.5 * (1.0 - cos(Double.pi * progress))
        default: factor = 1.0 - (1.0 - progress).squareRoot()
        }
        return Swift.max(0.0, factor * (1.0 - minRatio) + minRatio)
      }
      if s < w.value + stable.value { return 1.0 }
      if s < w.value + stable.value + decay.value {
        let progress = (s - w.value - stable.value) / Swift.max(1, decay.value)
        let factor: Double
        switch decayType {
        case "linear": factor = 1.0 - progress
        case "cosine": factor = 0.5 * (1.0 + cos(Double.pi * cycles * 2.0 * progress))
        default: factor = 1.0 - progress.squareRoot()
        }
        return Swift.max(0.0, factor * (1.0 - minRatio) + minRatio)
      }
      return minRatio
    }
  }

  /// `float(current_step) / float(max(1, num_warmup_steps))`.
  private func warmupRamp(_ s: Double, _ w: PythonNumber) -> Double {
    s / Swift.max(1, w.value)
  }

  /// `float(current_step - num_warmup_steps) / float(max(1, num_training_steps - num_warmup_steps))`.
  private func linearProgress(_ s: Double, _ w: PythonNumber, _ t: PythonNumber)
    throws(SchedulerError) -> Double
  {
    (s - w.value) / Swift.max(1, t.value - w.value)
  }

  /// `num_training_steps` that the caller left as None fails where transformers first uses it.
  private func required(_ value: PythonNumber?, _ op: String, _ s: Double) throws(SchedulerError)
    -> PythonNumber
  {
    if let value { return value }
    if op == "float" {
      throw .typeError("float() argument must be a string or a real number, not 'NoneType'")
    }
    if op == ">" {
      throw .typeError("'>' not supported between instances of 'int' and 'NoneType'")
    }
    throw .typeError("unsupported operand type(s) for \(op): 'NoneType' and 'int'")
  }

  /// How many steps show the schedule whole: its end where it has one, else a few warmups.
  public var length: Int? {
    if let end = endStep { return end }
    switch self {
    case .constantWithWarmup, .inverseSqrt:
      return warmupSteps > 0 ? Swift.max(warmupSteps * 4, 100) : nil
    default: return nil
    }
  }

  /// The step at which the schedule has done its shape (`num_training_steps`, or the end of
  /// WSD's decay); nil for the open-ended ones.
  public var endStep: Int? {
    func steps(_ n: PythonNumber?) -> Int? {
      guard let n, n.value.isFinite, n.value >= 0, n.value < 1e9 else { return nil }
      return Int(n.value.rounded(.up))
    }
    switch self {
    case .constant, .constantWithWarmup, .inverseSqrt: return nil
    case .linear(_, let t), .cosine(_, let t, _), .hardRestarts(_, let t, _),
      .polynomial(_, let t, _, _, _), .cosineWithMinLR(_, let t, _, _),
      .cosineWithMinLRRate(_, let t, _, _, _):
      return steps(t)
    case .warmupStableDecay(let w, let stable, let decay, _, _, _, _):
      return steps(PythonNumber(w.value + stable.value + decay.value, isInteger: true))
    }
  }

  /// The warmup length in steps (0 when there is none).
  public var warmupSteps: Int {
    switch self {
    case .constant: return 0
    case .constantWithWarmup(let w), .linear(let w, _), .cosine(let w, _, _),
      .hardRestarts(let w, _, _), .polynomial(let w, _, _, _, _), .inverseSqrt(let w, _),
      .cosineWithMinLR(let w, _, _, _), .cosineWithMinLRRate(let w, _, _, _, _),
      .warmupStableDecay(let w, _, _, _, _, _, _):
      guard w.value.isFinite, w.value > 0, w.value < 1e9 else { return 0 }
      return Int(w.value.rounded(.up))
    }
  }
}

/// Python's `float ** float` for the bases transformers' polynomial decay can reach.
func pythonPower(_ base: Double, _ exponent: Double) -> Double {
  Foundation.pow(base, exponent)
}

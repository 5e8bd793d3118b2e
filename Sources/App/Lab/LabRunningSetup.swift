/// What the code that is running actually set up: the knob panel shows these values for typed
/// code (or "custom" where one knob cannot hold them), never a stale preset.
public struct LabRunningSetup: Sendable, Equatable {
  /// "SGD", "Adam", "AdamW".
  public var optimizer: String
  /// Each param group's base LR (`initial_lr`, before any scheduler factor).
  public var lrs: [Double]
  /// Each group's SGD momentum (empty for Adam / AdamW, whose beta1 keeps its default).
  public var momenta: [Double]
  /// The stepped scheduler's class ("none" without a scheduler).
  public var scheduler: String
  /// Optimizer keywords beyond lr and momentum (weight_decay, nesterov, betas, …).
  public var otherOptimizerArguments: [String]

  public init(
    optimizer: String, lrs: [Double], momenta: [Double], scheduler: String,
    otherOptimizerArguments: [String] = []
  ) {
    self.optimizer = optimizer
    self.lrs = lrs
    self.momenta = momenta
    self.scheduler = scheduler
    self.otherOptimizerArguments = otherOptimizerArguments
  }

  /// The single value of a per-group list, or nil when groups differ (or there are none).
  static func single(_ values: [Double]) -> Double? {
    guard let first = values.first, values.allSatisfy({ $0 == first }) else { return nil }
    return first
  }

  /// The lr knob's text: the value, or "custom" with every group's value.
  public var lrText: String { Self.text(lrs) }
  public var momentumText: String { Self.text(momenta) }
  public var optimizerText: String {
    otherOptimizerArguments.isEmpty
      ? optimizer : "\(optimizer) (custom: \(otherOptimizerArguments.joined(separator: ", ")))"
  }

  static func text(_ values: [Double]) -> String {
    if let v = single(values) { return pythonFloat(v) }
    if values.isEmpty { return "–" }
    return "custom: " + values.map(pythonFloat).joined(separator: " / ")
  }

  /// The knob optimizer kind, when the code's optimizer is one the knobs can drive.
  var knobOptimizer: LabConfig.OptimizerKind? { LabConfig.OptimizerKind(rawValue: optimizer) }
}

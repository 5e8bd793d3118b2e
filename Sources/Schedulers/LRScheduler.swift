/// A learning-rate scheduler, as `torch.optim.lr_scheduler.LRScheduler`.
///
/// Concrete schedulers are classes named as in PyTorch (`StepLR`, `OneCycleLR`, …) whose
/// constructors perform PyTorch's validation and its initial step, and whose parameters are
/// readable as public properties (the simulator derives schedule events from them).
public protocol LRScheduler: AnyObject {
  /// The PyTorch class name, e.g. "CosineAnnealingLR".
  var className: String { get }
  /// The optimizer groups this scheduler writes to.
  var optimizer: OptimizerState { get }
  /// `scheduler.last_epoch`.
  var lastEpoch: Int { get }
  /// `scheduler.get_last_lr()`.
  var lastLR: [Double] { get }
  /// `scheduler.step()`.
  func step() throws(SchedulerError)
  /// `scheduler.step(metric)`: ReduceLROnPlateau's form. Other schedulers reject it.
  func step(metric: Double) throws(SchedulerError)
  /// Whether `step` needs a metric (ReduceLROnPlateau).
  var needsMetric: Bool { get }
  /// Whether the schedule also writes momentum / beta1 (CyclicLR, OneCycleLR with cycle_momentum).
  var cyclesMomentum: Bool { get }
  /// PyTorch's UserWarning texts emitted so far (e.g. stepping before `optimizer.step()`).
  var warnings: [String] { get }
}

/// An error PyTorch would raise, with its Python type and message.
public struct SchedulerError: Error, Equatable, Sendable, CustomStringConvertible {
  /// "ValueError", "TypeError", "KeyError", "ZeroDivisionError", "NotImplementedError", …
  public var type: String
  public var message: String

  public init(_ type: String, _ message: String) {
    self.type = type
    self.message = message
  }

  public static func value(_ message: String) -> SchedulerError { .init("ValueError", message) }
  public static func typeError(_ message: String) -> SchedulerError { .init("TypeError", message) }

  public var description: String { "\(type): \(message)" }
}

/// A Python `lr_lambda`: epoch in, multiplicative factor out. Errors raised inside the lambda
/// (say, ZeroDivisionError) surface as the step's error, as in PyTorch.
public typealias EpochLambda = (Int) throws(SchedulerError) -> Double

/// CyclicLR's custom `scale_fn`.
public typealias ScaleFunction = (Double) throws(SchedulerError) -> Double

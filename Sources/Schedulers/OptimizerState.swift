/// The part of an optimizer that a scheduler sees: its param groups.
///
/// Schedulers hold a reference to one `OptimizerState` and write each group's `lr` (and, for
/// CyclicLR / OneCycleLR, `momentum` or `beta1`) in place, exactly as PyTorch mutates
/// `optimizer.param_groups`. Several schedulers on the same optimizer see each other's writes,
/// which is what the chainable (recursive) forms rely on. A training loop (see `Training`) reads
/// the same object for its hyper-parameters.
public final class OptimizerState {
  public enum Kind: String, Sendable, Equatable {
    case sgd = "SGD"
    case adam = "Adam"
    case adamW = "AdamW"
  }

  public let kind: Kind
  private let groupsCell: StateCell<[ParamGroup]>
  /// `optimizer.param_groups`. (Kept in a `StateCell` so schedulers can update it every step
  /// without run-time exclusivity checks; it reads and writes as a plain stored array.)
  public var groups: [ParamGroup] {
    _read { yield groupsCell.pointer.pointee }
    _modify { yield &groupsCell.pointer.pointee }
  }
  /// Set by the training loop when `optimizer.step()` ran; PyTorch warns on the first
  /// `scheduler.step()` if it has not (the "scheduler.step() before optimizer.step()" mistake).
  public var stepCalled = false

  public init(kind: Kind, groups: [ParamGroup]) {
    self.kind = kind
    self.groupsCell = StateCell(groups)
  }

  /// The value CyclicLR / OneCycleLR cycle: SGD's momentum, Adam's beta1.
  public func momentum(ofGroup index: Int) -> Double {
    kind == .sgd ? groups[index].momentum : groups[index].beta1
  }

  public func setMomentum(_ value: Double, ofGroup index: Int) {
    if kind == .sgd { groups[index].momentum = value } else { groups[index].beta1 = value }
  }
}

/// One `optimizer.param_groups[i]` dict, typed. Defaults are PyTorch's.
public struct ParamGroup: Sendable, Equatable {
  public var lr: Double
  /// `group["initial_lr"]`, set with `setdefault` by the first scheduler constructed.
  public var initialLR: Double?
  /// `group["max_lr"]` / `group["min_lr"]` as OneCycleLR / CyclicLR record them.
  public var maxLR: Double?
  public var minLR: Double?
  // SGD
  public var momentum: Double = 0
  public var dampening: Double = 0
  public var nesterov: Bool = false
  // Adam / AdamW
  public var beta1: Double = 0.9
  public var beta2: Double = 0.999
  public var eps: Double = 1e-8
  public var amsgrad: Bool = false
  // both
  public var weightDecay: Double = 0
  /// A label for display ("backbone", "head", or the group's index).
  public var name: String?

  public init(lr: Double, name: String? = nil) {
    self.lr = lr
    self.name = name
  }
}

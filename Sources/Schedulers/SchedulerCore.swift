/// PyTorch's UserWarning texts, verbatim.
public enum SchedulerWarning {
  /// The first `scheduler.step()` ran before any `optimizer.step()`. (Two spaces before
  /// "Failure", as in PyTorch.)
  public static let stepBeforeOptimizerStep =
    "Detected call of `lr_scheduler.step()` before `optimizer.step()`. "
    + "In PyTorch 1.1.0 and later, you should call them in the opposite order: "
    + "`optimizer.step()` before `lr_scheduler.step()`.  Failure to do this "
    + "will result in PyTorch skipping the first value of the learning rate schedule. "
    + "See more details at "
    + "https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate"
}

/// The state `torch.optim.lr_scheduler.LRScheduler.__init__` gives every scheduler built on it.
struct SchedulerCore {
  var lastEpoch: Int
  /// `_step_count`.
  var stepCount = 0
  var baseLRs: [Double]
  var lastLR: [Double] = []
  /// `_is_initial`: true during the constructor's step.
  var isInitial = false
  var warnings: [String] = []
  /// The values `get_lr()` returns, reused across steps to avoid allocating.
  var values: [Double] = []

  /// `LRScheduler.__init__` up to the initial step: `setdefault("initial_lr", lr)` on a fresh
  /// start, or the KeyError when resuming without it.
  init(optimizer: OptimizerState, lastEpoch: Int) throws(SchedulerError) {
    if lastEpoch == -1 {
      for i in optimizer.groups.indices where optimizer.groups[i].initialLR == nil {
        optimizer.groups[i].initialLR = optimizer.groups[i].lr
      }
    } else {
      for (i, group) in optimizer.groups.enumerated() where group.initialLR == nil {
        throw SchedulerError(
          "KeyError",
          "param 'initial_lr' is not specified in param_groups[\(i)] when resuming scheduler "
            + "with last_epoch >= 0.\nThis typically happens when:\n"
            + "1. You're trying to resume training from a checkpoint but haven't properly loaded "
            + "the optimizer state\n"
            + "2. You're using last_epoch >= 0 for a fresh training run (not recommended)")
      }
    }
    baseLRs = optimizer.groups.map { $0.initialLR ?? $0.lr }
    self.lastEpoch = lastEpoch
    values.reserveCapacity(optimizer.groups.count)
    lastLR.reserveCapacity(optimizer.groups.count)
  }
}

/// The hooks SequentialLR and ChainedScheduler need from their children: PyTorch's
/// `_initial_step`, `_update_lr(0)` and `recursive_undo`.
protocol SchedulerHooks: LRScheduler {
  /// `_initial_step()`: reset the step count and step once in initial mode.
  func initialStep() throws(SchedulerError)
  /// `_update_lr(0)`: what SequentialLR does to the child whose milestone was reached.
  func updateLRAtEpochZero() throws(SchedulerError)
  /// `recursive_undo`: take back the constructor's epoch increment.
  func undoConstructionEpoch()
}

/// A scheduler built on `LRScheduler.__init__`: the classes with `get_lr` (and maybe
/// `_get_closed_form_lr`). Their shared `step()` / `_update_lr` live in the extension.
protocol CoreScheduler: SchedulerHooks {
  var core: SchedulerCore { get set }
  /// `get_lr()`: fill `core.values`, one per group.
  func computeLR() throws(SchedulerError)
  /// `_get_closed_form_lr()` into `core.values`; false when the class has none.
  func computeClosedFormLR() throws(SchedulerError) -> Bool
}

extension CoreScheduler {
  func computeClosedFormLR() throws(SchedulerError) -> Bool { false }

  /// `LRScheduler.step()` without an epoch.
  func baseStep() throws(SchedulerError) {
    if core.stepCount == 1 && !optimizer.stepCalled {
      core.warnings.append(SchedulerWarning.stepBeforeOptimizerStep)
    }
    core.stepCount += 1
    core.lastEpoch += 1
    try computeLR()
    writeValues()
  }

  func initialStep() throws(SchedulerError) {
    core.stepCount = 0
    core.isInitial = true
    defer { core.isInitial = false }
    try step()
  }

  func updateLRAtEpochZero() throws(SchedulerError) {
    core.lastEpoch = 0
    if try !computeClosedFormLR() { try computeLR() }
    writeValues()
  }

  func undoConstructionEpoch() { core.lastEpoch -= 1 }

  /// Writes `core.values` into the groups (zip semantics) and refreshes `_last_lr`.
  @inline(__always)
  func writeValues() {
    let optimizer = self.optimizer
    let count = min(optimizer.groups.count, core.values.count)
    for i in 0..<count { optimizer.groups[i].lr = core.values[i] }
    if core.lastLR.count == optimizer.groups.count {
      for i in 0..<optimizer.groups.count { core.lastLR[i] = optimizer.groups[i].lr }
    } else {
      core.lastLR = optimizer.groups.map(\.lr)
    }
  }

  /// `[group["lr"] for group in param_groups]` into `core.values`.
  @inline(__always)
  func keepCurrentLRs() {
    let optimizer = self.optimizer
    core.values.removeAll(keepingCapacity: true)
    for i in 0..<optimizer.groups.count { core.values.append(optimizer.groups[i].lr) }
  }

  /// `[group["lr"] * factor for group in param_groups]`.
  @inline(__always)
  func scaleCurrentLRs(by factor: Double) {
    let optimizer = self.optimizer
    core.values.removeAll(keepingCapacity: true)
    for i in 0..<optimizer.groups.count { core.values.append(optimizer.groups[i].lr * factor) }
  }
}

extension LRScheduler {
  public var needsMetric: Bool { false }
  public var cyclesMomentum: Bool { false }
  public var warnings: [String] { [] }
}

/// The TypeError for `step(metric)` on a scheduler that takes none.
func metricNotAccepted(by className: String) -> SchedulerError {
  .typeError(
    "\(className).step() takes no metric: only ReduceLROnPlateau.step(metrics) does "
      + "(the deprecated step(epoch) form is not supported)")
}

/// `str(optimizer)` for the "different optimizer" message, abridged to what a group holds here.
func pythonDescription(of optimizer: OptimizerState) -> String {
  var lines = ["\(optimizer.kind.rawValue) ("]
  for (i, group) in optimizer.groups.enumerated() {
    lines.append("Parameter Group \(i)")
    if let initialLR = group.initialLR { lines.append("    initial_lr: \(pyRepr(initialLR))") }
    lines.append("    lr: \(pyRepr(group.lr))")
    if optimizer.kind == .sgd {
      lines.append("    momentum: \(pyRepr(group.momentum))")
    } else {
      lines.append("    betas: (\(pyRepr(group.beta1)), \(pyRepr(group.beta2)))")
    }
    lines.append("    weight_decay: \(pyRepr(group.weightDecay))")
  }
  lines.append(")")
  return lines.joined(separator: "\n")
}

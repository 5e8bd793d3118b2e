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
///
/// `get_lr()`'s output and `_last_lr` live in raw buffers sized for the group count: a step then
/// writes plain memory, with no copy-on-write or bounds checks (see `CoreCell`).
struct SchedulerCore {
  var lastEpoch: Int
  /// `_step_count`.
  var stepCount = 0
  var baseLRs: [Double]
  /// `_is_initial`: true during the constructor's step.
  var isInitial = false
  var warnings: [String] = []
  /// The values `get_lr()` returned (`valueCount` of them).
  var values: UnsafeMutablePointer<Double>
  var valueCount = 0
  /// `_last_lr` (`lastLRCount` of them).
  var lastLRValues: UnsafeMutablePointer<Double>
  var lastLRCount = 0
  var capacity: Int

  /// `LRScheduler.__init__` up to the initial step: `setdefault("initial_lr", lr)` on a fresh
  /// start, or the KeyError when resuming without it.
  init(optimizer: OptimizerState, lastEpoch: Int) throws(SchedulerError) {
    try checkEpochRange(lastEpoch, name: "last_epoch")
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
    capacity = max(1, optimizer.groups.count)
    values = .allocate(capacity: capacity)
    lastLRValues = .allocate(capacity: capacity)
  }

  /// `get_last_lr()` as an array.
  var lastLR: [Double] { Array(UnsafeBufferPointer(start: lastLRValues, count: lastLRCount)) }

  /// Makes room for `count` values (groups added after construction).
  mutating func reserve(_ count: Int) {
    guard count > capacity else { return }
    let newValues = UnsafeMutablePointer<Double>.allocate(capacity: count)
    let newLastLR = UnsafeMutablePointer<Double>.allocate(capacity: count)
    newValues.update(from: values, count: valueCount)
    newLastLR.update(from: lastLRValues, count: lastLRCount)
    values.deallocate()
    lastLRValues.deallocate()
    values = newValues
    lastLRValues = newLastLR
    capacity = count
  }
}

/// Owns a scheduler's `SchedulerCore` behind a pointer held in a `let` (see `StateCell` for
/// why), and frees its buffers.
final class CoreCell {
  let pointer: UnsafeMutablePointer<SchedulerCore>

  init(_ core: SchedulerCore) {
    pointer = .allocate(capacity: 1)
    pointer.initialize(to: core)
  }

  deinit {
    pointer.pointee.values.deallocate()
    pointer.pointee.lastLRValues.deallocate()
    pointer.deinitialize(count: 1)
    pointer.deallocate()
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

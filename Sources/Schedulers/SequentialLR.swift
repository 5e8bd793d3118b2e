/// `torch.optim.lr_scheduler.SequentialLR`: hand over from one scheduler to the next at each
/// milestone. At a milestone the new child restarts at its epoch 0 (`_update_lr(0)`: its closed
/// form at 0, or `get_lr()` when it has none).
public final class SequentialLR: SchedulerHooks {
  public let className = "SequentialLR"
  public let optimizer: OptimizerState
  public let schedulers: [any LRScheduler]
  public let milestones: [Int]
  public var lastEpoch: Int { state.value.lastEpoch }
  /// `get_last_lr()`: that of the child stepped last (PyTorch shares the child's list).
  public var lastLR: [Double] { children[state.value.activeChild].lastLR }
  private let children: [any SchedulerHooks]
  private let state: StateCell<(lastEpoch: Int, activeChild: Int)>

  public init(
    optimizer: OptimizerState, schedulers: [any LRScheduler], milestones: [Int],
    lastEpoch: Int = -1
  ) throws(SchedulerError) {
    children = try validateChildren(
      schedulers, optimizer: optimizer, className: "SequentialLR",
      emptyMessage: "SequentialLR expects at least one scheduler, but got no scheduler.")
    try checkEpochRange(lastEpoch, name: "last_epoch")
    if milestones.count != schedulers.count - 1 {
      throw .value(
        "Sequential Schedulers expects number of schedulers provided to be one more than the "
          + "number of milestone points, but got number of schedulers \(schedulers.count) and "
          + "the number of milestones to be equal to \(milestones.count)")
    }
    self.optimizer = optimizer
    self.schedulers = schedulers
    self.milestones = milestones
    let firstIndex = bisectRight(milestones, 0)
    state = StateCell((lastEpoch + 1, firstIndex))
    for i in optimizer.groups.indices {
      guard let initialLR = optimizer.groups[i].initialLR else {
        throw SchedulerError("KeyError", "'initial_lr'")
      }
      optimizer.groups[i].lr = initialLR
    }
    for child in children { child.undoConstructionEpoch() }
    try children[firstIndex].initialStep()
  }

  /// The index of the child in charge: the one stepped (or initialised) last.
  public var currentIndex: Int { state.value.activeChild }
  public var currentScheduler: any LRScheduler { schedulers[currentIndex] }
  public var warnings: [String] { schedulers.flatMap(\.warnings) }
  public var cyclesMomentum: Bool { schedulers.contains { $0.cyclesMomentum } }

  public func step() throws(SchedulerError) {
    state.value.lastEpoch += 1
    let epoch = state.value.lastEpoch
    let index = bisectRight(milestones, epoch)
    let child = children[index]
    if index > 0 && milestones[index - 1] == epoch {
      try child.updateLRAtEpochZero()
    } else {
      try child.step()
    }
    state.value.activeChild = index
  }

  public func step(metric: Double) throws(SchedulerError) { throw metricNotAccepted(by: className) }

  func initialStep() throws(SchedulerError) { try step() }

  func updateLRAtEpochZero() throws(SchedulerError) { throw compositeAtMilestone(className) }

  func undoConstructionEpoch() {
    for child in children { child.undoConstructionEpoch() }
  }
}

/// `ChainedScheduler`: every child steps in turn on each `step()`, each seeing the lr the
/// previous one wrote. The children's constructor steps are all already applied.
public final class ChainedScheduler: SchedulerHooks {
  public let className = "ChainedScheduler"
  public let optimizer: OptimizerState
  public let schedulers: [any LRScheduler]
  public var lastLR: [Double] { lastLRCell.value }
  private let children: [any SchedulerHooks]
  private let lastLRCell: StateCell<[Double]>

  public init(schedulers: [any LRScheduler], optimizer: OptimizerState? = nil)
    throws(SchedulerError)
  {
    guard let first = schedulers.first else {
      throw .value(
        "ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.")
    }
    let optimizer = optimizer ?? first.optimizer
    children = try validateChildren(
      schedulers, optimizer: optimizer, className: "ChainedScheduler", emptyMessage: "")
    self.optimizer = optimizer
    self.schedulers = schedulers
    lastLRCell = StateCell(children[children.count - 1].optimizer.groups.map(\.lr))
  }

  /// The same, with the optimizer first as the other schedulers take it.
  public convenience init(optimizer: OptimizerState, schedulers: [any LRScheduler])
    throws(SchedulerError)
  {
    try self.init(schedulers: schedulers, optimizer: optimizer)
  }

  /// ChainedScheduler has no `last_epoch` of its own; this is its last child's.
  public var lastEpoch: Int { schedulers[schedulers.count - 1].lastEpoch }
  public var warnings: [String] { schedulers.flatMap(\.warnings) }
  public var cyclesMomentum: Bool { schedulers.contains { $0.cyclesMomentum } }

  public func step() throws(SchedulerError) {
    for child in children { try child.step() }
    let optimizer = children[children.count - 1].optimizer
    let count = optimizer.groups.count
    if lastLRCell.value.count != count { lastLRCell.value = Array(repeating: 0, count: count) }
    for i in 0..<count { lastLRCell.value[i] = optimizer.groups[i].lr }
  }

  public func step(metric: Double) throws(SchedulerError) { throw metricNotAccepted(by: className) }

  func initialStep() throws(SchedulerError) { try step() }

  func updateLRAtEpochZero() throws(SchedulerError) { throw compositeAtMilestone(className) }

  func undoConstructionEpoch() {
    for child in children { child.undoConstructionEpoch() }
  }
}

/// SequentialLR / ChainedScheduler's checks on their children, in PyTorch's order and words.
private func validateChildren(
  _ schedulers: [any LRScheduler], optimizer: OptimizerState, className: String,
  emptyMessage: String
) throws(SchedulerError) -> [any SchedulerHooks] {
  if schedulers.isEmpty { throw .value(emptyMessage) }
  var children: [any SchedulerHooks] = []
  for (index, scheduler) in schedulers.enumerated() {
    if scheduler is ReduceLROnPlateau {
      throw .value(
        "\(className) does not support `ReduceLROnPlateau` scheduler as it requires additional "
          + "kwargs to be specified when calling `step`, but got one at index \(index) in the "
          + "given schedulers sequence.")
    }
    guard let child = scheduler as? any SchedulerHooks else {
      throw .typeError("\(className) at index \(index) should have `optimizer` as its attribute.")
    }
    if scheduler.optimizer !== optimizer {
      throw .value(
        "\(className) expects all schedulers to belong to the same optimizer, but got scheduler "
          + "\(scheduler.className) at index \(index) has "
          + "\(pythonDescription(of: scheduler.optimizer)), which is different from "
          + "\(optimizer.kind.rawValue).")
    }
    children.append(child)
  }
  return children
}

/// A composite reaching a SequentialLR milestone: PyTorch calls its `_update_lr(0)`, whose base
/// `get_lr()` raises NotImplementedError (no message in PyTorch; one here, to say why).
private func compositeAtMilestone(_ className: String) -> SchedulerError {
  SchedulerError(
    "NotImplementedError",
    "\(className) cannot start at a SequentialLR milestone: PyTorch restarts the next scheduler "
      + "with _update_lr(0), and a \(className) has no get_lr()")
}

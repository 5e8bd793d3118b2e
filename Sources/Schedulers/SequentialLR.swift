/// `torch.optim.lr_scheduler.SequentialLR`: hand over from one scheduler to the next at each
/// milestone. At a milestone the new child restarts at its epoch 0 (`_update_lr(0)`: its closed
/// form at 0, or `get_lr()` when it has none).
public final class SequentialLR: SchedulerHooks {
  public let className = "SequentialLR"
  public let optimizer: OptimizerState
  public let schedulers: [any LRScheduler]
  public let milestones: [Int]
  public private(set) var lastEpoch: Int
  public private(set) var lastLR: [Double]
  private let children: [any SchedulerHooks]

  public init(
    optimizer: OptimizerState, schedulers: [any LRScheduler], milestones: [Int],
    lastEpoch: Int = -1
  ) throws(SchedulerError) {
    children = try validateChildren(
      schedulers, optimizer: optimizer, className: "SequentialLR",
      emptyMessage: "SequentialLR expects at least one scheduler, but got no scheduler.")
    if milestones.count != schedulers.count - 1 {
      throw .value(
        "Sequential Schedulers expects number of schedulers provided to be one more than the "
          + "number of milestone points, but got number of schedulers \(schedulers.count) and "
          + "the number of milestones to be equal to \(milestones.count)")
    }
    self.optimizer = optimizer
    self.schedulers = schedulers
    self.milestones = milestones
    self.lastEpoch = lastEpoch + 1
    for i in optimizer.groups.indices {
      guard let initialLR = optimizer.groups[i].initialLR else {
        throw SchedulerError("KeyError", "'initial_lr'")
      }
      optimizer.groups[i].lr = initialLR
    }
    for child in children { child.undoConstructionEpoch() }
    let first = children[bisectRight(milestones, 0)]
    try first.initialStep()
    lastLR = first.lastLR
  }

  /// The index of the child in charge at `lastEpoch`.
  public var currentIndex: Int { bisectRight(milestones, lastEpoch) }
  public var currentScheduler: any LRScheduler { schedulers[currentIndex] }
  public var warnings: [String] { schedulers.flatMap(\.warnings) }
  public var cyclesMomentum: Bool { schedulers.contains { $0.cyclesMomentum } }

  public func step() throws(SchedulerError) {
    lastEpoch += 1
    let index = bisectRight(milestones, lastEpoch)
    let child = children[index]
    if index > 0 && milestones[index - 1] == lastEpoch {
      try child.updateLRAtEpochZero()
    } else {
      try child.step()
    }
    lastLR = child.lastLR
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
  public private(set) var lastLR: [Double]
  private let children: [any SchedulerHooks]

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
    lastLR = children[children.count - 1].optimizer.groups.map(\.lr)
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
    let groups = children[children.count - 1].optimizer.groups
    if lastLR.count == groups.count {
      for i in 0..<groups.count { lastLR[i] = groups[i].lr }
    } else {
      lastLR = groups.map(\.lr)
    }
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

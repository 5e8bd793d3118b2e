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
  var coreCell: CoreCell { get }
  /// `get_lr()`: fill `core.values`, one per group.
  func computeLR() throws(SchedulerError)
  /// `_get_closed_form_lr()` into `core.values`; false when the class has none.
  func computeClosedFormLR() throws(SchedulerError) -> Bool
}

extension CoreScheduler {
  /// The scheduler's mutable state (see `StateCell` for why it is not a stored property).
  var core: SchedulerCore {
    _read { yield coreCell.pointer.pointee }
    _modify { yield &coreCell.pointer.pointee }
  }

  func computeClosedFormLR() throws(SchedulerError) -> Bool { false }

  /// Makes `core.values` hold `count` entries, to be overwritten by index.
  @inline(__always)
  func prepareValues(_ count: Int) {
    if count > core.capacity { core.reserve(count) }
    core.valueCount = count
  }

  /// `core.values = values` for the closed forms.
  func setValues(_ values: [Double]) {
    prepareValues(values.count)
    for (i, value) in values.enumerated() { core.values[i] = value }
  }

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
    let groupCount = optimizer.groups.count
    if groupCount > core.capacity { core.reserve(groupCount) }
    let values = core.values
    let lastLR = core.lastLRValues
    let written = min(groupCount, core.valueCount)
    for i in 0..<written {
      optimizer.groups[i].lr = values[i]
      lastLR[i] = values[i]
    }
    for i in written..<groupCount { lastLR[i] = optimizer.groups[i].lr }
    core.lastLRCount = groupCount
  }

  /// `[group["lr"] for group in param_groups]`: writing each lr back onto itself changes
  /// nothing, so no values are written and `_last_lr` is read from the groups.
  @inline(__always)
  func keepCurrentLRs() { core.valueCount = 0 }

  /// `[group["lr"] * factor for group in param_groups]`.
  @inline(__always)
  func scaleCurrentLRs(by factor: Double) {
    let optimizer = self.optimizer
    let count = optimizer.groups.count
    prepareValues(count)
    for i in 0..<count { core.values[i] = optimizer.groups[i].lr * factor }
  }
}

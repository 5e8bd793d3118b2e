import Schedulers

/// Steps a built schedule and records every row.
public enum ScheduleRunner {
  /// Runs `steps` `scheduler.step()` calls after construction. ReduceLROnPlateau gets
  /// `metrics[min(i, count - 1)]` at the i-th call (0-based); with no metrics it fails at step 1.
  /// The schedule is stepped in place: build the program again for a fresh run. Stops at the
  /// first step that raises (the trace keeps the rows before it and the failure).
  public static func run(_ built: BuiltSchedule, steps: Int, metrics: [Double] = [])
    -> ScheduleTrace
  {
    let optimizer = built.optimizer
    let scheduler = built.scheduler
    let cycles = scheduler.cyclesMomentum
    func row(_ step: Int) -> ScheduleTrace.Row {
      let groups = optimizer.groups.indices
      return ScheduleTrace.Row(
        step: step, lr: optimizer.groups.map(\.lr),
        momentum: cycles ? groups.map { optimizer.momentum(ofGroup: $0) } : nil)
    }
    var trace = ScheduleTrace(
      className: scheduler.className, groupNames: groupNames(optimizer), cyclesMomentum: cycles,
      rows: [row(0)])
    trace.rows.reserveCapacity(max(0, steps) + 1)
    guard steps > 0 else { return trace }
    for k in 1...steps {
      // The training loop calls optimizer.step() before scheduler.step().
      optimizer.stepCalled = true
      do throws(SchedulerError) {
        if scheduler.needsMetric {
          guard !metrics.isEmpty else {
            throw SchedulerError.typeError(
              "\(scheduler.className).step() missing 1 required positional argument: 'metrics'")
          }
          try scheduler.step(metric: metrics[min(k - 1, metrics.count - 1)])
        } else {
          try scheduler.step()
        }
      } catch {
        trace.failure = ScheduleTrace.StepFailure(step: k, error: error)
        return trace
      }
      trace.rows.append(row(k))
    }
    return trace
  }

  static func groupNames(_ optimizer: OptimizerState) -> [String] {
    optimizer.groups.enumerated().map { index, group in group.name ?? "group \(index)" }
  }
}

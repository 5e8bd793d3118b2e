import FastFormat
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
    var rows: [ScheduleTrace.Row] = []
    rows.reserveCapacity(min(max(0, steps) + 1, 1 << 20))
    var trace = header(built)
    trace.failure = stream(built, steps: steps, metrics: metrics) { rows.append($0) }
    trace.rows = rows
    return trace
  }

  /// The trace's description with no rows yet (what a streamed output's header needs).
  public static func header(_ built: BuiltSchedule) -> ScheduleTrace {
    ScheduleTrace(
      className: built.scheduler.className, groupNames: groupNames(built.optimizer),
      cyclesMomentum: built.scheduler.cyclesMomentum, rows: [])
  }

  /// As `run`, handing each row to `emit` as it is made instead of keeping it: constant
  /// memory in the number of steps. Returns the failure, if a step raised.
  public static func stream(
    _ built: BuiltSchedule, steps: Int, metrics: [Double] = [],
    _ emit: (ScheduleTrace.Row) -> Void
  ) -> ScheduleTrace.StepFailure? {
    let optimizer = built.optimizer
    let cycles = built.scheduler.cyclesMomentum
    return step(built, steps: steps, metrics: metrics) { k in
      let groups = optimizer.groups.indices
      emit(
        ScheduleTrace.Row(
          step: k, lr: optimizer.groups.map(\.lr),
          momentum: cycles ? groups.map { optimizer.momentum(ofGroup: $0) } : nil))
    }
  }

  /// `run(…).csv()` written straight to `out` row by row, without holding the trace: the same
  /// bytes (`ScheduleTrace.csv`'s format), in constant memory when `out` streams to a file.
  public static func writeCSV(
    _ built: BuiltSchedule, steps: Int, metrics: [Double] = [], to out: ByteOutput
  ) -> ScheduleTrace.StepFailure? {
    let optimizer = built.optimizer
    let cycles = built.scheduler.cyclesMomentum
    let trace = ScheduleTrace(
      className: built.scheduler.className, groupNames: groupNames(optimizer),
      cyclesMomentum: cycles, rows: [])
    out.append(trace.csvHeader())
    let groupCount = optimizer.groups.count
    return step(built, steps: steps, metrics: metrics) { k in
      out.append(k)
      for g in 0..<groupCount {
        out.append(UInt8(ascii: ","))
        out.append(optimizer.groups[g].lr)
      }
      if cycles {
        for g in 0..<groupCount {
          out.append(UInt8(ascii: ","))
          out.append(optimizer.momentum(ofGroup: g))
        }
      }
      out.append(UInt8(ascii: "\n"))
      out.flushIfFull()
    }
  }

  /// The stepping loop behind `run` and `writeCSV`: `row(0)` right after construction, then
  /// `row(k)` after the k-th `scheduler.step()`. Returns the step that raised, if one did.
  static func step(
    _ built: BuiltSchedule, steps: Int, metrics: [Double], row: (Int) -> Void
  ) -> ScheduleTrace.StepFailure? {
    let optimizer = built.optimizer
    let scheduler = built.scheduler
    row(0)
    guard steps > 0 else { return nil }
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
        return ScheduleTrace.StepFailure(step: k, error: error)
      }
      row(k)
    }
    return nil
  }

  static func groupNames(_ optimizer: OptimizerState) -> [String] {
    optimizer.groups.enumerated().map { index, group in group.name ?? "group \(index)" }
  }
}

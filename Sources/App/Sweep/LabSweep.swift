import Foundation
import TerminalUI
import Training

/// Sweep mode of the Lab (`w`): the current schedule against a constant LR, each at peak LRs
/// from a thirtieth to three times the current peak, a few seeds each. The grid trains in
/// bounded slices, a few runs per tick, so the UI keeps drawing while the two sensitivity
/// curves fill in cell by cell. The computation is Training's `SweepPlan` — the one behind
/// `lrlab sweep`.
public struct LabSweepState: @unchecked Sendable, Equatable {
  public let plan: SweepPlan
  /// The Lab setups of the two curves (constant first), to open a point as a run.
  public let setups: [LabConfig]
  public private(set) var runs: [SweepRunResult?]
  public private(set) var next = 0
  public private(set) var result: SweepResult
  /// The point under the cursor: schedule (curve) and LR index.
  public var cursor: (schedule: Int, lr: Int)
  public var runsPerTick = 2

  /// Peak LRs: 9 points, log-spaced from peak/30 to peak×3.
  public static let points = 9
  public static let seeds = 3

  public init(plan: SweepPlan, setups: [LabConfig]) {
    self.plan = plan
    self.setups = setups
    runs = Array(repeating: nil, count: plan.runCount)
    result = SweepResult(plan: plan, runs: runs)
    cursor = (setups.count - 1, plan.lrs.count / 2)
  }

  /// The sweep of `config` (its schedule and its peak) against constant LR, or why not.
  public static func make(for config: LabConfig) -> Result<LabSweepState, LabProblem> {
    guard case .template = config.schedule else {
      return .failure(
        LabProblem(
          "The sweep turns the schedule's knobs: pick a schedule with the knobs, not typed code."))
    }
    let peak = config.peak
    guard peak > 0, peak.isFinite else {
      return .failure(LabProblem("The peak LR must be positive."))
    }
    var constant = config
    constant.schedule = .template(.constant, [:])
    constant.mistake = .none
    var current = config
    current.mistake = .none
    let setups = [constant, current]
    let currentName = config.shortLabel.split(separator: " ").first.map(String.init) ?? "schedule"
    let names = ["constant", config.template == .constant ? "constant (again)" : currentName]
    let schedules = zip(names, setups).map { name, setup in
      SweepSchedule(name: name) { lr in LabSweepState.code(setup.withPeak(lr)) }
    }
    var rc = StandardEngine.runConfig(current)
    rc.seed = 0
    do {
      let plan = try SweepPlan(
        config: rc, schedules: schedules,
        lrs: SweepPlan.logSpaced((peak / 30)...(peak * 3), points: points).map(threeDigits),
        seeds: seeds,
        firstSeed: UInt64(config.seed ?? 0))
      return .success(LabSweepState(plan: plan, setups: setups))
    } catch {
      return .failure(LabProblem(error.description))
    }
  }

  /// Three significant digits, so an opened point reads `max_lr=0.0487`.
  static func threeDigits(_ x: Double) -> Double {
    Double(String(format: "%.3g", x)) ?? x
  }

  /// The code of a setup; a constant LR gets an explicit do-nothing scheduler line so the
  /// sweep's snippet always builds a scheduler.
  static func code(_ setup: LabConfig) -> String {
    let code = LabCodeGen.code(for: setup)
    guard setup.template == .constant else { return code }
    return code + "\nscheduler = ConstantLR(optimizer, factor=1.0, total_iters=0)"
  }

  public var isComplete: Bool { next >= runs.count }
  public var wantsTicks: Bool { !isComplete }
  public var completedRuns: Int { next }

  /// Trains the next `runsPerTick` runs and refreshes the cells.
  public mutating func tick() {
    guard !isComplete else { return }
    let end = min(runs.count, next + max(1, runsPerTick))
    for index in next..<end { runs[index] = plan.run(index) }
    next = end
    result = SweepResult(plan: plan, runs: runs)
  }

  /// Moves the cursor (Left/Right: LR, Up/Down: curve).
  public mutating func move(lr: Int = 0, schedule: Int = 0) {
    cursor.lr = min(max(cursor.lr + lr, 0), plan.lrs.count - 1)
    cursor.schedule = min(max(cursor.schedule + schedule, 0), setups.count - 1)
  }

  /// The cell under the cursor.
  public var cursorCell: SweepCell? {
    result.cells.first { $0.scheduleIndex == cursor.schedule && $0.lrIndex == cursor.lr }
  }

  /// The setup of the point under the cursor, at its LR and first seed (Enter opens it).
  public var cursorSetup: LabConfig {
    var setup = setups[cursor.schedule].withPeak(plan.lrs[cursor.lr])
    setup.seed = Int(plan.firstSeed)
    return setup
  }

  /// The line under the chart.
  public var statusText: String {
    let progress = isComplete ? "\(runs.count) runs" : "training \(next)/\(runs.count)"
    guard let cell = cursorCell else { return "Sweep · \(progress)" }
    var text = "Sweep (\(progress)) · \(cell.schedule), lr \(labNumber(cell.lr)): "
    if cell.completed == 0 {
      text += "not trained yet"
    } else if let s = cell.finalValidationLoss {
      text +=
        "val loss \(SweepReport.short(s.median)) [\(SweepReport.short(s.min))–\(SweepReport.short(s.max))]"
      if cell.diverged > 0 { text += ", \(cell.diverged) diverged" }
    } else {
      text += "diverged (\(cell.diverged)/\(cell.completed) seeds)"
    }
    return text
  }

  public static func == (a: LabSweepState, b: LabSweepState) -> Bool {
    a.next == b.next && a.result == b.result && a.cursor == b.cursor
      && a.runsPerTick == b.runsPerTick && a.setups == b.setups
  }

  /// Draws the curves (and the cursor) into `area`.
  func draw(into buffer: inout Buffer, area: Rect, theme: Theme, glyphs: Glyphs) {
    SweepChart.draw(
      result, into: &buffer, area: area, theme: theme, glyphs: glyphs,
      cursor: cursor)
  }
}

extension LabConfig {
  /// The peak LR the sweep moves: OneCycleLR/CyclicLR's max_lr knob, else the optimizer's lr.
  public var peak: Double {
    if let maxLR = value(of: "max_lr")?.doubleValue { return maxLR }
    return lr
  }

  /// This setup with its peak LR at `lr` (max_lr when the schedule has that knob).
  public func withPeak(_ lr: Double) -> LabConfig {
    var copy = self
    if value(of: "max_lr") != nil {
      copy.setKnob("max_lr", .number(lr))
    } else {
      copy.lr = lr
    }
    return copy
  }
}

import Training

/// Everything that defines one lab run: the optimizer, the schedule (knobs or typed code) and the
/// run options. Changing any of it re-runs the lab from the start.
public struct LabConfig: Sendable, Equatable {
  public enum OptimizerKind: String, Sendable, Equatable, CaseIterable {
    case sgd = "SGD"
    case adam = "Adam"
    case adamW = "AdamW"
  }
  public enum Model: String, Sendable, Equatable, CaseIterable {
    case sine, linear, finetune, quadratic
  }
  public enum StepEvery: String, Sendable, Equatable, CaseIterable { case batch, epoch }
  public enum Metric: String, Sendable, Equatable, CaseIterable { case val, train }
  /// The seed's stepping mistakes that the simulator replays on purpose (`--mistake`).
  public enum Mistake: String, Sendable, Equatable, CaseIterable {
    case none
    case schedulerFirst = "scheduler-first"
    case onecyclePerEpoch = "onecycle-per-epoch"
    case noMetric = "no-metric"
  }

  /// The schedule: driven by knobs, or code the knobs cannot express (run as typed).
  public enum Schedule: Sendable, Equatable {
    case template(ScheduleTemplate, [String: KnobValue])
    case code(String)
  }

  public var optimizer: OptimizerKind = .sgd
  public var lr: Double = 0.1
  /// SGD's momentum (Adam has none to set here: its beta1 keeps PyTorch's default).
  public var momentum: Double = 0.9
  public var model: Model = .sine
  public var epochs: Int = 20
  /// nil: the model's default batch size.
  public var batchSize: Int?
  /// nil: per batch for OneCycleLR / CyclicLR, per epoch otherwise.
  public var stepEvery: StepEvery?
  public var seed: Int?
  public var mistake: Mistake = .none
  public var metric: Metric = .val
  public var schedule: Schedule = .template(.constant, [:])

  public init() {}

  @inline(never)
  public var template: ScheduleTemplate? {
    // A local copy: switching on the stored enum in place crashes the 6.3 optimizer (SIL
    // ownership verifier) when inlined into mutating callers.
    let schedule = self.schedule
    switch schedule {
    case .template(let t, _): return t
    case .code: return nil
    }
  }

  /// The stepping granularity this run uses.
  @inline(never)
  public func effectiveStepEvery(typedClassNames: [String] = []) -> StepEvery {
    if let stepEvery { return stepEvery }
    let schedule = self.schedule
    let cyclical: Bool =
      switch schedule {
      case .template(let t, _): t.defaultStepsPerBatch
      case .code:
        typedClassNames.contains { Training.StepEvery.default(forSchedulerClass: $0) == .batch }
      }
    return cyclical ? .batch : .epoch
  }

  /// A template with fresh defaults sized for this run (keeps the optimizer and run options).
  public mutating func select(_ template: ScheduleTemplate, stepsPerEpoch: Int) {
    let perBatch = (stepEvery ?? (template.defaultStepsPerBatch ? .batch : .epoch)) == .batch
    let units = perBatch ? epochs * max(stepsPerEpoch, 1) : epochs
    schedule = .template(template, template.defaults(units: units, lr: lr))
  }

  /// The knob values of a knob-driven schedule (empty for typed code).
  @inline(never)
  public var knobValues: [String: KnobValue] {
    let schedule = self.schedule
    switch schedule {
    case .template(_, let values): return values
    case .code: return [:]
    }
  }

  /// Sets one schedule knob (no effect on typed code).
  public mutating func setKnob(_ key: String, _ value: KnobValue) {
    guard let template else { return }
    var values = knobValues
    values[key] = value
    schedule = .template(template, values)
  }

  /// The value of a schedule knob, if this is a knob-driven schedule.
  public func value(of key: String) -> KnobValue? { knobValues[key] }
}

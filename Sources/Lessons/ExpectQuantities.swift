/// Every quantity an `expect` can name, in one table (Lessons/README.md lists the same).
/// To add one: append an entry here; the parser, `lessons check`, `lessons test` and the
/// did-you-mean suggestions pick it up.
public struct ExpectQuantity: Sendable {
  public enum Kind: Sendable { case schedule, run }
  public let name: String
  /// Argument names, e.g. ["step"]; the expect must give exactly these, as numbers.
  public let arguments: [String]
  public let kind: Kind
  /// A 0/1 quantity (`diverges`), usable alone or as `diverges: true`.
  public let isBoolean: Bool
  /// Models it exists on (nil: every model).
  public let models: Set<String>?
  /// One line for the README and `lessons check`.
  public let summary: String
  /// The value on one run; nil when the run has none (e.g. no epoch finished).
  public let value: @Sendable (LabRunOutcome, [Double]) -> Double?

  public init(
    _ name: String, _ kind: Kind, boolean: Bool = false, models: Set<String>? = nil,
    _ summary: String, value: @escaping @Sendable (LabRunOutcome, [Double]) -> Double?
  ) {
    self.init(name, [], kind, boolean: boolean, models: models, summary, value: value)
  }

  public init(
    _ name: String, _ arguments: [String], _ kind: Kind, boolean: Bool = false,
    models: Set<String>? = nil, _ summary: String,
    value: @escaping @Sendable (LabRunOutcome, [Double]) -> Double?
  ) {
    self.name = name
    self.arguments = arguments
    self.kind = kind
    self.isBoolean = boolean
    self.models = models
    self.summary = summary
    self.value = value
  }

  /// `name(arg, …)` as written in an expect.
  public var signature: String {
    arguments.isEmpty ? name : "\(name)(\(arguments.joined(separator: ", ")))"
  }
}

public enum ExpectQuantities {
  public static let all: [ExpectQuantity] = [
    // The schedule: the rate of the first param group (`_of(g)`: group g, from 0).
    .init("final_lr", .schedule, "the rate used by the last optimizer step of the run") {
      o, _ in o.lrs.first?.last
    },
    .init("initial_lr", .schedule, "the rate used by the first optimizer step") { o, _ in
      o.lrs.first?.first
    },
    .init("lr_at_step", ["step"], .schedule, "the rate used by optimizer step `step` (from 0)") {
      o, a in lr(o, group: 0, step: a[0])
    },
    .init(
      "lr_at_epoch", ["epoch"], .schedule,
      "the rate used by the first step of epoch `epoch` (from 0)"
    ) { o, a in lr(o, group: 0, step: a[0] * Double(o.stepsPerEpoch)) },
    .init("final_lr_of", ["group"], .schedule, "the last rate of param group `group` (from 0)") {
      o, a in index(a[0], o.lrs.count).flatMap { o.lrs[$0].last }
    },
    .init(
      "lr_at_step_of", ["group", "step"], .schedule,
      "the rate of param group `group` at optimizer step `step`"
    ) { o, a in index(a[0], o.lrs.count).flatMap { lr(o, group: $0, step: a[1]) } },
    .init("max_lr", .schedule, "the highest rate of the run (its peak)") { o, _ in
      o.lrs.first?.max()
    },
    .init("peak_step", .schedule, "the first optimizer step at the peak rate") { o, _ in
      guard let lrs = o.lrs.first, let top = lrs.max() else { return nil }
      return lrs.firstIndex(of: top).map(Double.init)
    },
    .init("min_lr", .schedule, "the lowest rate of the run") { o, _ in o.lrs.first?.min() },
    .init(
      "first_change_step", .schedule,
      "the first step whose rate differs from the step before (none: no value)"
    ) { o, _ in
      guard let lrs = o.lrs.first, lrs.count > 1 else { return nil }
      return (1..<lrs.count).first { lrs[$0] != lrs[$0 - 1] }.map(Double.init)
    },
    .init(
      "lr_changes", .schedule, "how many times the rate changes from one step to the next"
    ) { o, _ in
      guard let lrs = o.lrs.first, lrs.count > 1 else { return 0 }
      return Double(zip(lrs, lrs.dropFirst()).filter { $0 != $1 }.count)
    },
    // The run.
    .init(
      "diverges", .run, boolean: true, "1 if the training loss blew up (the run stopped), else 0"
    ) { o, _ in o.diverged ? 1 : 0 },
    .init(
      "raises", .run, boolean: true,
      "1 if the run stopped on an error PyTorch would raise (e.g. a missing metric), else 0"
    ) { o, _ in o.failure == nil ? 0 : 1 },
    .init("diverged_at_step", .run, "the step at which the run diverged (none: no value)") {
      o, _ in o.divergedAtStep.map(Double.init)
    },
    .init("lr_at_divergence", .run, "the rate of the step at which the run diverged") { o, _ in
      o.divergedAtStep.flatMap { lr(o, group: 0, step: Double($0)) }
    },
    .init("steps", .run, "optimizer steps taken (fewer than planned if it diverged)") { o, _ in
      Double(o.steps)
    },
    .init("final_train_loss", .run, "the training loss of the last mini-batch") { o, _ in
      o.finalTrainLoss
    },
    .init("best_train_loss", .run, "the lowest mini-batch training loss") { o, _ in
      o.bestTrainLoss
    },
    .init("final_val_loss", .run, "the validation loss after the last epoch") { o, _ in
      o.finalValidationLoss
    },
    .init("best_val_loss", .run, "the lowest validation loss of any epoch") { o, _ in
      o.bestValidationLoss
    },
    .init("best_val_epoch", .run, "the epoch (from 0) with the lowest validation loss") {
      o, _ in o.bestValidationEpoch.map(Double.init)
    },
    .init("val_loss_at_epoch", ["epoch"], .run, "the validation loss after epoch `epoch`") {
      o, a in epoch(o, a[0])?.validationLoss
    },
    .init(
      "train_loss_at_epoch", ["epoch"], .run, "the mean training loss of epoch `epoch`"
    ) { o, a in epoch(o, a[0])?.trainLoss },
    .init(
      "max_val_loss_after", ["epoch"], .run,
      "the highest validation loss of the epochs from `epoch` on (how wide the band stays)"
    ) { o, a in
      let values = o.epochs.filter { Double($0.epoch) >= a[0] }.map(\.validationLoss)
      return values.isEmpty ? nil : values.max()
    },
    .init(
      "min_val_loss_after", ["epoch"], .run,
      "the lowest validation loss of the epochs from `epoch` on"
    ) { o, a in
      let values = o.epochs.filter { Double($0.epoch) >= a[0] }.map(\.validationLoss)
      return values.isEmpty ? nil : values.min()
    },
    .init(
      "max_train_loss_between", ["from", "to"], .run,
      "the highest mini-batch training loss of steps `from`…`to` (a spike)"
    ) { o, a in
      let from = max(0, Int(a[0]))
      let to = min(o.trainLoss.count - 1, Int(a[1]))
      guard from <= to else { return nil }
      return o.trainLoss[from...to].max()
    },
    .init(
      "steps_to_val_loss", ["loss"], .run,
      "steps until an epoch ends with validation loss ≤ `loss` (never: +infinity)"
    ) { o, a in
      o.epochs.first { $0.validationLoss <= a[0] }.map { Double($0.lastStep + 1) } ?? .infinity
    },
    .init(
      "task_a_loss", .run, models: ["finetune"], "task-A loss after the last epoch (forgetting)"
    ) { o, _ in o.finalTaskALoss },
    .init(
      "task_a_loss_at_epoch", ["epoch"], .run, models: ["finetune"],
      "task-A loss after epoch `epoch`"
    ) { o, a in epoch(o, a[0])?.taskALoss },
    .init(
      "noise_floor", .run, models: ["quadratic"],
      "the quadratic's theoretical expected loss at the final rate (the dashed line)"
    ) { o, _ in o.noiseFloor },
  ]

  public static func named(_ name: String) -> ExpectQuantity? { all.first { $0.name == name } }

  static func index(_ value: Double, _ count: Int) -> Int? {
    guard value == value.rounded(), value >= 0, value < Double(count) else { return nil }
    return Int(value)
  }

  static func lr(_ o: LabRunOutcome, group: Int, step: Double) -> Double? {
    guard group < o.lrs.count, let s = index(step, o.lrs[group].count) else { return nil }
    return o.lrs[group][s]
  }

  static func epoch(_ o: LabRunOutcome, _ e: Double) -> LabRunOutcome.Epoch? {
    o.epochs.first { Double($0.epoch) == e }
  }
}

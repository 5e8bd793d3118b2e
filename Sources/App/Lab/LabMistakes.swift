/// The seed lesson's common mistakes, each replayable with one key. The live run makes the
/// mistake; the correct version is drawn beside it as a ghost, and a line says what to notice.
public struct LabMistakePreset: Sendable, Equatable {
  /// The key that loads it ("1"…"5").
  public var key: Character
  public var title: String
  /// One line on what to look at in the charts.
  public var notice: String
  public var mistaken: LabConfig
  /// The same run done right, kept as the ghost.
  public var correct: LabConfig

  public static let all: [LabMistakePreset] = [
    schedulerFirst, oneCyclePerEpoch, shortTMax, longWarmup, plateauWithoutMetric,
  ]

  public static func preset(forKey key: Character) -> LabMistakePreset? {
    all.first { $0.key == key }
  }

  private static func base(_ model: LabConfig.Model = .sine, epochs: Int = 20) -> LabConfig {
    var config = LabConfig()
    config.model = model
    config.epochs = epochs
    return config
  }

  static let schedulerFirst: LabMistakePreset = {
    var right = base()
    right.schedule = .template(.stepLR, ["step_size": .integer(5), "gamma": .number(0.5)])
    var wrong = right
    wrong.mistake = .schedulerFirst
    return LabMistakePreset(
      key: "1", title: "scheduler.step() before optimizer.step()",
      notice: "Every drop comes one epoch early: the schedule's first LR was skipped.",
      mistaken: wrong, correct: right)
  }()

  static let oneCyclePerEpoch: LabMistakePreset = {
    var right = base()
    right.schedule = .template(
      .oneCycleLR, ScheduleTemplate.oneCycleLR.defaults(units: 160, lr: 0.1))
    right.stepEvery = .batch
    var wrong = right
    wrong.stepEvery = .epoch
    wrong.mistake = .onecyclePerEpoch
    return LabMistakePreset(
      key: "2", title: "OneCycleLR stepped per epoch",
      notice: "Stepped once an epoch, the cycle never leaves its warm-up: the LR stays low.",
      mistaken: wrong, correct: right)
  }()

  static let shortTMax: LabMistakePreset = {
    var right = base(epochs: 30)
    right.schedule = .template(.cosineAnnealingLR, ["T_max": .integer(30), "eta_min": .number(0)])
    var wrong = right
    wrong.schedule = .template(.cosineAnnealingLR, ["T_max": .integer(10), "eta_min": .number(0)])
    return LabMistakePreset(
      key: "3", title: "T_max shorter than training",
      notice: "After T_max the cosine climbs back up: the LR rises again mid-training.",
      mistaken: wrong, correct: right)
  }()

  static let longWarmup: LabMistakePreset = {
    var right = base()
    right.schedule = .template(
      .warmupCosine,
      [
        "warmup": .integer(2), "start_factor": .number(0.05), "T_max": .integer(18),
        "eta_min": .number(0),
      ])
    var wrong = right
    wrong.schedule = .template(
      .warmupCosine,
      [
        "warmup": .integer(15), "start_factor": .number(0.05), "T_max": .integer(5),
        "eta_min": .number(0),
      ])
    return LabMistakePreset(
      key: "4", title: "warmup too long",
      notice: "15 of 20 epochs spent warming up: the loss barely moves before the decay starts.",
      mistaken: wrong, correct: right)
  }()

  static let plateauWithoutMetric: LabMistakePreset = {
    // The research notes' plateau run: plain SGD at 0.2 on the linear model.
    var right = base(.linear, epochs: 40)
    right.lr = 0.2
    right.momentum = 0
    right.schedule = .template(
      .reduceLROnPlateau,
      [
        "factor": .number(0.5), "patience": .integer(3), "threshold": .number(1e-4),
        "cooldown": .integer(0), "min_lr": .number(0),
      ])
    var wrong = right
    wrong.mistake = .noMetric
    return LabMistakePreset(
      key: "5", title: "ReduceLROnPlateau without its metric",
      notice: "scheduler.step() with no metric fails: pass the validation loss, step(val_loss).",
      mistaken: wrong, correct: right)
  }()
}

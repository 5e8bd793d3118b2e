import TorchSnippet

/// A loop statement the walk met (or one a framework runs for the script, like Lightning's).
struct LoopInfo {
  var id: Int
  var line: Int
  var column: Int
  var isWhile: Bool
  /// Lowercased names in the loop target and iterable (or `while` test).
  var names: [String]
  /// Iterations, when knowable.
  var count: Int?
  /// For a `while counter < N` whose counter is bumped inside an inner loop: N steps in all.
  var stepBound: Int?
  var iteratesLoader: Bool
  /// `lightning-epoch`, `lightning-batch`, `lightning-validation` for the Trainer's own loops.
  var synthetic: String?

  var mentionsEpoch: Bool { names.contains(where: Vocabulary.isEpochWord) }
}

/// An `if` the walk could not decide, around an event.
struct Condition {
  /// `line:column:branch` of the `if` branch.
  var id: String
  var test: ScriptExpr?
  /// How many loops enclosed the `if`.
  var loopDepth: Int
  /// A gradient-accumulation test (`(i + 1) % accum_steps == 0`), and its period when known.
  var isAccumulation = false
  var period: Int?
  /// Its test reads something that changes from one loop iteration to the next (so what it
  /// guards runs on some iterations only).
  var varies = false
}

/// Something the script does, in walk order, with the loops (and loop visits) around it.
struct Event {
  enum Kind {
    case optimizerStep
    case schedulerStep(scheduler: Int?, receiver: String, hasMetric: Bool, metric: ScriptExpr?)
    case assignment(name: String, augmented: Bool)
  }

  var kind: Kind
  var line: Int
  var column: Int
  var loops: [Int]
  var visits: [Int]
  var conditions: [Condition]
  var order: Int
}

/// A scheduler constructor call.
struct SchedulerRecord {
  var id: Int
  /// `OneCycleLR`, `get_linear_schedule_with_warmup`, …
  var className: String
  var line: Int
  var column: Int
  /// Every name (or attribute path) it was assigned to.
  var variables: [String] = []
  /// Arguments by PyTorch / transformers parameter name.
  var values: [String: ScriptValue] = [:]
  var exprs: [String: ScriptExpr] = [:]
  var children: [Int] = []
  var parent: Int?
  /// Passed to or returned into code the doctor does not follow (then it may be stepped there).
  var handedOff = false
  /// Lightning-style: stepped by the framework (interval known).
  var frameworkInterval: String?
  /// The constructor call itself, for re-evaluation.
  var call: ScriptExpr

  func value(_ name: String) -> ScriptValue? { values[name] }
  func number(_ name: String) -> Double? { values[name]?.number }
  func int(_ name: String) -> Int? { values[name]?.int }
}

struct OptimizerRecord {
  var id: Int
  var className: String
  var line: Int
  var column: Int
  var lr: Double?
  var call: ScriptExpr
}

/// The scheduler and optimizer names the doctor recognises, with their parameters after the
/// optimizer (positional order, as PyTorch and transformers declare them).
enum KnownNames {
  static let schedulerSignatures: [String: [String]] = [
    "LambdaLR": ["lr_lambda", "last_epoch"],
    "MultiplicativeLR": ["lr_lambda", "last_epoch"],
    "StepLR": ["step_size", "gamma", "last_epoch"],
    "MultiStepLR": ["milestones", "gamma", "last_epoch"],
    "ConstantLR": ["factor", "total_iters", "last_epoch"],
    "LinearLR": ["start_factor", "end_factor", "total_iters", "last_epoch"],
    "ExponentialLR": ["gamma", "last_epoch"],
    "PolynomialLR": ["total_iters", "power", "last_epoch"],
    "CosineAnnealingLR": ["T_max", "eta_min", "last_epoch"],
    "CosineAnnealingWarmRestarts": ["T_0", "T_mult", "eta_min", "last_epoch"],
    "CyclicLR": [
      "base_lr", "max_lr", "step_size_up", "step_size_down", "mode", "gamma", "scale_fn",
      "scale_mode", "cycle_momentum", "base_momentum", "max_momentum", "last_epoch",
    ],
    "OneCycleLR": [
      "max_lr", "total_steps", "epochs", "steps_per_epoch", "pct_start", "anneal_strategy",
      "cycle_momentum", "base_momentum", "max_momentum", "div_factor", "final_div_factor",
      "three_phase", "last_epoch",
    ],
    "ReduceLROnPlateau": [
      "mode", "factor", "patience", "threshold", "threshold_mode", "cooldown", "min_lr", "eps",
    ],
    "SequentialLR": ["schedulers", "milestones", "last_epoch"],
    "ChainedScheduler": ["schedulers", "optimizer"],
    "get_constant_schedule": ["last_epoch"],
    "get_constant_schedule_with_warmup": ["num_warmup_steps", "last_epoch"],
    "get_linear_schedule_with_warmup": ["num_warmup_steps", "num_training_steps", "last_epoch"],
    "get_cosine_schedule_with_warmup": [
      "num_warmup_steps", "num_training_steps", "num_cycles", "last_epoch",
    ],
    "get_cosine_with_hard_restarts_schedule_with_warmup": [
      "num_warmup_steps", "num_training_steps", "num_cycles", "last_epoch",
    ],
    "get_polynomial_decay_schedule_with_warmup": [
      "num_warmup_steps", "num_training_steps", "lr_end", "power", "last_epoch",
    ],
    "get_inverse_sqrt_schedule": ["num_warmup_steps", "timescale", "last_epoch"],
    "get_cosine_with_min_lr_schedule_with_warmup": [
      "num_warmup_steps", "num_training_steps", "num_cycles", "last_epoch", "min_lr", "min_lr_rate",
    ],
    "get_cosine_with_min_lr_schedule_with_warmup_lr_rate": [
      "num_warmup_steps", "num_training_steps", "num_cycles", "last_epoch", "min_lr", "min_lr_rate",
      "warmup_lr_rate",
    ],
    "get_wsd_schedule": [
      "num_warmup_steps", "num_decay_steps", "num_training_steps", "num_stable_steps",
      "warmup_type", "decay_type", "min_lr_ratio", "num_cycles", "last_epoch",
    ],
    "get_reduce_on_plateau_schedule": [],
    "get_greedy_schedule": [],
    "get_scheduler": ["optimizer", "num_warmup_steps", "num_training_steps"],
  ]

  /// `get_scheduler(name, …)` names → the function they call.
  static let hfSchedulerNames: [String: String] = [
    "linear": "get_linear_schedule_with_warmup",
    "cosine": "get_cosine_schedule_with_warmup",
    "cosine_with_restarts": "get_cosine_with_hard_restarts_schedule_with_warmup",
    "polynomial": "get_polynomial_decay_schedule_with_warmup",
    "constant": "get_constant_schedule",
    "constant_with_warmup": "get_constant_schedule_with_warmup",
    "inverse_sqrt": "get_inverse_sqrt_schedule",
    "reduce_lr_on_plateau": "get_reduce_on_plateau_schedule",
    "cosine_with_min_lr": "get_cosine_with_min_lr_schedule_with_warmup",
    "cosine_warmup_with_min_lr": "get_cosine_with_min_lr_schedule_with_warmup_lr_rate",
    "warmup_stable_decay": "get_wsd_schedule",
    "greedy": "get_greedy_schedule",
  ]

  static let optimizerClasses: Set<String> = [
    "SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax", "NAdam", "RAdam",
    "LBFGS", "SparseAdam", "ASGD", "Rprop", "Adafactor", "Lion", "AdamW8bit", "Adam8bit",
    "FusedAdam", "LAMB", "Lamb",
  ]

  /// Schedules sized in optimizer steps and meant to be stepped every batch.
  static func isPerBatch(_ className: String) -> Bool {
    className == "OneCycleLR" || className == "CyclicLR"
      || (className.hasPrefix("get_") && className != "get_reduce_on_plateau_schedule")
  }

  static let epochSized: Set<String> = [
    "StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR", "LinearLR", "PolynomialLR",
  ]

  static func isPlateau(_ className: String) -> Bool {
    className == "ReduceLROnPlateau" || className == "get_reduce_on_plateau_schedule"
  }

  static func isHF(_ className: String) -> Bool { className.hasPrefix("get_") }
}

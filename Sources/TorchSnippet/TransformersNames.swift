import Schedulers

/// What `transformers` and `transformers.optimization` (5.24) offer a snippet: the schedule
/// functions, `SchedulerType`, and their signatures.
enum TransformersNames {
  static let modules: Set<String> = ["transformers", "transformers.optimization"]

  /// `get_scheduler`'s names, in `SchedulerType`'s order, with the enum member and the function
  /// each stands for.
  static let schedulerTypes: [(value: String, member: String, function: String)] = [
    ("linear", "LINEAR", "get_linear_schedule_with_warmup"),
    ("cosine", "COSINE", "get_cosine_schedule_with_warmup"),
    (
      "cosine_with_restarts", "COSINE_WITH_RESTARTS",
      "get_cosine_with_hard_restarts_schedule_with_warmup"
    ),
    ("polynomial", "POLYNOMIAL", "get_polynomial_decay_schedule_with_warmup"),
    ("constant", "CONSTANT", "get_constant_schedule"),
    ("constant_with_warmup", "CONSTANT_WITH_WARMUP", "get_constant_schedule_with_warmup"),
    ("inverse_sqrt", "INVERSE_SQRT", "get_inverse_sqrt_schedule"),
    ("reduce_lr_on_plateau", "REDUCE_ON_PLATEAU", "get_reduce_on_plateau_schedule"),
    ("cosine_with_min_lr", "COSINE_WITH_MIN_LR", "get_cosine_with_min_lr_schedule_with_warmup"),
    (
      "cosine_warmup_with_min_lr", "COSINE_WARMUP_WITH_MIN_LR",
      "get_cosine_with_min_lr_schedule_with_warmup_lr_rate"
    ),
    ("warmup_stable_decay", "WARMUP_STABLE_DECAY", "get_wsd_schedule"),
    ("greedy", "GREEDY", "get_greedy_schedule"),
  ]

  /// Every schedule function, `get_scheduler` included.
  static let functions: Set<String> = Set(schedulerTypes.map(\.function) + ["get_scheduler"])

  /// The functions that build a per-batch (optimizer-step) schedule, as opposed to the two
  /// metric-fed ones.
  static func stepsPerBatch(_ function: String) -> Bool {
    functions.contains(function) && function != "get_reduce_on_plateau_schedule"
      && function != "get_greedy_schedule"
  }

  /// Names transformers once had and no longer exports (ImportError, as in 5.24).
  static let removed: Set<String> = ["AdamW"]

  static func member(of module: String, _ name: String) -> PyValue? {
    switch module {
    case "transformers", "transformers.optimization":
      if functions.contains(name) { return .builtin("transformers." + name) }
      if name == "SchedulerType" { return .module("transformers.SchedulerType") }
      if module == "transformers" && name == "optimization" {
        return .module("transformers.optimization")
      }
    case "transformers.SchedulerType":
      if let entry = schedulerTypes.first(where: { $0.member == name }) {
        return .string(entry.value)
      }
    default: break
    }
    return nil
  }

  /// `from transformers import X` for an X that is not a schedule: ImportError for what 5.24
  /// removed, otherwise an opaque object (models, tokenizers, Trainer…) that only fails if the
  /// schedule depends on it.
  static func importedName(_ name: String, from module: String) -> Result<PyValue, SchedulerError> {
    if let value = member(of: module, name) { return .success(value) }
    if removed.contains(name) {
      let file = module == "transformers" ? "__init__.py" : "optimization.py"
      return .failure(
        SchedulerError(
          "ImportError",
          "cannot import name '\(name)' from '\(module)' (<site-packages>/transformers/\(file))"))
    }
    return .success(.module("\(module).\(name)"))
  }

  static func signature(of function: String) -> [PythonParameter] {
    let optimizer = PythonParameter("optimizer")
    let warmup = PythonParameter("num_warmup_steps")
    let training = PythonParameter("num_training_steps")
    let lastEpoch = PythonParameter("last_epoch", .int(-1))
    let cycles = PythonParameter("num_cycles", .float(0.5))
    switch function {
    case "get_constant_schedule": return [optimizer, lastEpoch]
    case "get_constant_schedule_with_warmup": return [optimizer, warmup, lastEpoch]
    case "get_linear_schedule_with_warmup": return [optimizer, warmup, training, lastEpoch]
    case "get_cosine_schedule_with_warmup": return [optimizer, warmup, training, cycles, lastEpoch]
    case "get_cosine_with_hard_restarts_schedule_with_warmup":
      return [optimizer, warmup, training, .init("num_cycles", .int(1)), lastEpoch]
    case "get_polynomial_decay_schedule_with_warmup":
      return [
        optimizer, warmup, training, .init("lr_end", .float(1e-7)), .init("power", .float(1.0)),
        lastEpoch,
      ]
    case "get_inverse_sqrt_schedule":
      return [optimizer, warmup, .init("timescale", PyValue.none), lastEpoch]
    case "get_cosine_with_min_lr_schedule_with_warmup":
      return [
        optimizer, warmup, training, cycles, lastEpoch, .init("min_lr", PyValue.none),
        .init("min_lr_rate", PyValue.none),
      ]
    case "get_cosine_with_min_lr_schedule_with_warmup_lr_rate":
      return [
        optimizer, warmup, training, cycles, lastEpoch, .init("min_lr", PyValue.none),
        .init("min_lr_rate", PyValue.none), .init("warmup_lr_rate", PyValue.none),
      ]
    case "get_wsd_schedule":
      return [
        optimizer, warmup, .init("num_decay_steps"), .init("num_training_steps", PyValue.none),
        .init("num_stable_steps", PyValue.none), .init("warmup_type", .string("linear")),
        .init("decay_type", .string("cosine")), .init("min_lr_ratio", .int(0)), cycles, lastEpoch,
      ]
    case "get_scheduler":
      return [
        .init("name"), optimizer, .init("num_warmup_steps", PyValue.none),
        .init("num_training_steps", PyValue.none),
        .init("scheduler_specific_kwargs", PyValue.none),
      ]
    default: return []
    }
  }

  /// `GreedyLR.__init__`'s signature (transformers 5.24).
  static var greedySignature: [PythonParameter] {
    [
      .init("optimizer"), .init("mode", .string("min")), .init("factor", .float(0.95)),
      .init("patience", .int(10)), .init("threshold", .float(1e-6)),
      .init("threshold_mode", .string("abs")), .init("cooldown", .int(0)),
      .init("warmup", .int(0)), .init("min_lr", .float(1e-3)), .init("max_lr", .float(1.0)),
      .init("eps", .float(1e-8)), .init("verbose", .bool(false)), .init("smooth", .bool(false)),
      .init("window_size", .int(50)), .init("reset_start", .int(500)),
    ]
  }
}

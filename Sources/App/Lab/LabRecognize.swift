import TorchSnippet

/// Typed code back into knobs: when the code is one of the templates (with only parameters the
/// knobs cover), the knob panel drives it; otherwise it runs as typed.
enum LabRecognize {
  static func config(
    from built: BuiltSchedule, base: LabConfig, batchesPerEpoch: Int
  ) -> LabConfig? {
    var config = base
    guard built.optimizer.groups.count == 1 else { return nil }
    switch built.optimizer.kind {
    case .sgd: config.optimizer = .sgd
    case .adam: config.optimizer = .adam
    case .adamW: config.optimizer = .adamW
    }
    let allowed: Set<String> =
      config.optimizer == .sgd ? ["params", "lr", "momentum"] : ["params", "lr"]
    for argument in built.optimizerArguments
    where argument.explicit && !allowed.contains(argument.name) {
      return nil
    }
    let group = built.optimizer.groups[0]
    config.lr = group.initialLR ?? group.lr
    if config.optimizer == .sgd { config.momentum = built.optimizer.groups[0].momentum }
    if let lrArgument = built.optimizerArguments.first(where: { $0.name == "lr" }),
      let v = lrArgument.number
    {
      config.lr = v
    }
    if let m = built.optimizerArguments.first(where: { $0.name == "momentum" })?.number {
      config.momentum = m
    }
    let schedulers = built.schedulers
    let names = schedulers.map(\.className)
    switch names.count {
    case 0:
      config.schedule = .template(.constant, [:])
      return config
    case 1:
      guard let template = ScheduleTemplate(rawValue: names[0]), template != .constant else {
        return nil
      }
      var extra: Set<String> = []
      if template == .oneCycleLR {
        guard let epochs = argument(schedulers[0], "epochs")?.number,
          let perEpoch = argument(schedulers[0], "steps_per_epoch")?.number,
          Int(perEpoch) == batchesPerEpoch, argument(schedulers[0], "total_steps")?.explicit != true
        else { return nil }
        config.epochs = Int(epochs)
        extra = ["epochs", "steps_per_epoch", "total_steps"]
      }
      if template == .reduceLROnPlateau {
        guard argument(schedulers[0], "mode")?.valueText == "'min'" else { return nil }
        extra = ["mode"]
      }
      guard let values = knobValues(template, schedulers[0], config, extra: extra) else {
        return nil
      }
      config.schedule = .template(template, values)
      return config
    case 3 where names[0] == "LinearLR" && names[2] == "SequentialLR":
      let warm = schedulers[0]
      let second = schedulers[1]
      let sequential = schedulers[2]
      guard let w = argument(warm, "total_iters")?.number,
        argument(warm, "end_factor")?.number == 1,
        argument(sequential, "milestones")?.valueText == "[\(Int(w))]",
        let startFactor = argument(warm, "start_factor")?.number
      else { return nil }
      var values: [String: KnobValue] = [
        "warmup": .integer(Int(w)), "start_factor": .number(startFactor),
      ]
      if names[1] == "CosineAnnealingLR", let tMax = argument(second, "T_max")?.number {
        values["T_max"] = .integer(Int(tMax))
        values["eta_min"] = .number(argument(second, "eta_min")?.number ?? 0)
        config.schedule = .template(.warmupCosine, values)
        return config
      }
      if names[1] == "LinearLR", argument(second, "start_factor")?.number == 1,
        let iters = argument(second, "total_iters")?.number
      {
        values["decay_iters"] = .integer(Int(iters))
        values["end_factor"] = .number(argument(second, "end_factor")?.number ?? 1)
        config.schedule = .template(.warmupLinear, values)
        return config
      }
      return nil
    default:
      return nil
    }
  }

  static func argument(_ scheduler: ConstructedScheduler, _ name: String) -> SnippetArgument? {
    scheduler.arguments.first { $0.name == name }
  }

  /// The knob values of a single scheduler, or nil when it sets something the knobs lack.
  static func knobValues(
    _ template: ScheduleTemplate, _ scheduler: ConstructedScheduler, _ config: LabConfig,
    extra: Set<String>
  ) -> [String: KnobValue]? {
    let specs = template.knobs
    let keys = Set(specs.map(\.key)).union(extra)
    for argument in scheduler.arguments where argument.explicit && !keys.contains(argument.name) {
      return nil
    }
    var values = template.defaults(units: config.epochs, lr: config.lr)
    for spec in specs {
      guard let argument = argument(scheduler, spec.key) else { continue }
      switch spec.scale {
      case .integer:
        guard let n = argument.number, n.rounded() == n else { return nil }
        values[spec.key] = .integer(Int(n))
      case .linear, .ladder:
        guard let n = argument.number else { return nil }
        values[spec.key] = .number(n)
      case .choices(let names):
        let text = argument.valueText.trimmingCharacters(in: ["'", "\""])
        guard names.contains(text) else { return nil }
        values[spec.key] = .choice(text)
      case .toggle:
        guard let n = argument.number else { return nil }
        values[spec.key] = .flag(n != 0)
      case .shiftedList:
        let inner = argument.valueText.trimmingCharacters(in: ["[", "]", "(", ")"])
        let parts = inner.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        values[spec.key] = .integers(parts.compactMap { $0 })
      }
    }
    return values
  }
}

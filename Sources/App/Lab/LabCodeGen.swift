/// The PyTorch code equivalent to a lab configuration, in the subset the snippet reader accepts:
/// the code panel shows it, and it is what the simulator runs, so the two cannot disagree.
public enum LabCodeGen {
  /// The snippet: an optimizer line, then the scheduler line(s). Custom code comes back as typed.
  public static func code(for config: LabConfig) -> String {
    switch config.schedule {
    case .code(let text): return text
    case .template(let template, let values):
      return ([optimizerLine(config)] + schedulerLines(template, values, config))
        .joined(separator: "\n")
    }
  }

  public static func optimizerLine(_ config: LabConfig) -> String {
    var args = ["model.parameters()", "lr=\(pythonFloat(config.lr))"]
    if config.optimizer == .sgd && config.momentum != 0 {
      args.append("momentum=\(pythonFloat(config.momentum))")
    }
    return "optimizer = torch.optim.\(config.optimizer.rawValue)(\(args.joined(separator: ", ")))"
  }

  static let prefix = "torch.optim.lr_scheduler."

  static func schedulerLines(
    _ template: ScheduleTemplate, _ values: [String: KnobValue], _ config: LabConfig
  ) -> [String] {
    func v(_ key: String) -> String { values[key]?.python ?? "None" }
    func call(_ name: String, as variable: String = "scheduler", _ args: [String]) -> String {
      "\(variable) = \(prefix)\(name)(\((["optimizer"] + args).joined(separator: ", ")))"
    }
    /// Keywords left out when they equal PyTorch's default, as people write them.
    func optional(_ key: String, default value: KnobValue) -> [String] {
      values[key] == nil || values[key] == value ? [] : ["\(key)=\(v(key))"]
    }
    switch template {
    case .constant:
      return []
    case .stepLR:
      return [call("StepLR", ["step_size=\(v("step_size"))", "gamma=\(v("gamma"))"])]
    case .multiStepLR:
      return [call("MultiStepLR", ["milestones=\(v("milestones"))", "gamma=\(v("gamma"))"])]
    case .exponentialLR:
      return [call("ExponentialLR", ["gamma=\(v("gamma"))"])]
    case .cosineAnnealingLR:
      return [
        call(
          "CosineAnnealingLR", ["T_max=\(v("T_max"))"] + optional("eta_min", default: .number(0)))
      ]
    case .cosineWarmRestarts:
      return [
        call(
          "CosineAnnealingWarmRestarts",
          ["T_0=\(v("T_0"))"] + optional("T_mult", default: .integer(1))
            + optional("eta_min", default: .number(0)))
      ]
    case .oneCycleLR:
      return [
        call(
          "OneCycleLR",
          ["max_lr=\(v("max_lr"))", "epochs=\(config.epochs)", "steps_per_epoch=len(train_loader)"]
            + optional("pct_start", default: .number(0.3))
            + optional("anneal_strategy", default: .choice("cos"))
            + optional("div_factor", default: .number(25))
            + optional("final_div_factor", default: .number(1e4))
            + optional("three_phase", default: .flag(false)))
      ]
    case .cyclicLR:
      return [
        call(
          "CyclicLR",
          ["base_lr=\(v("base_lr"))", "max_lr=\(v("max_lr"))", "step_size_up=\(v("step_size_up"))"]
            + optional("mode", default: .choice("triangular")))
      ]
    case .linearLR:
      return [
        call(
          "LinearLR",
          ["start_factor=\(v("start_factor"))"] + optional("end_factor", default: .number(1))
            + ["total_iters=\(v("total_iters"))"])
      ]
    case .constantLR:
      return [call("ConstantLR", ["factor=\(v("factor"))", "total_iters=\(v("total_iters"))"])]
    case .polynomialLR:
      return [
        call(
          "PolynomialLR",
          ["total_iters=\(v("total_iters"))"] + optional("power", default: .number(1)))
      ]
    case .reduceLROnPlateau:
      return [
        call(
          "ReduceLROnPlateau",
          ["mode='min'", "factor=\(v("factor"))", "patience=\(v("patience"))"]
            + optional("threshold", default: .number(1e-4))
            + optional("cooldown", default: .integer(0))
            + optional("min_lr", default: .number(0)))
      ]
    case .warmupCosine:
      return [
        call(
          "LinearLR", as: "warmup",
          ["start_factor=\(v("start_factor"))", "total_iters=\(v("warmup"))"]),
        call(
          "CosineAnnealingLR", as: "cosine",
          ["T_max=\(v("T_max"))"] + optional("eta_min", default: .number(0))),
        call("SequentialLR", ["[warmup, cosine]", "milestones=[\(v("warmup"))]"]),
      ]
    case .warmupLinear:
      return [
        call(
          "LinearLR", as: "warmup",
          ["start_factor=\(v("start_factor"))", "total_iters=\(v("warmup"))"]),
        call(
          "LinearLR", as: "decay",
          ["start_factor=1.0", "end_factor=\(v("end_factor"))", "total_iters=\(v("decay_iters"))"]),
        call("SequentialLR", ["[warmup, decay]", "milestones=[\(v("warmup"))]"]),
      ]
    }
  }

  /// A read-only sketch of the training loop this run performs: where `scheduler.step()` sits,
  /// how often, and with which argument. It makes the stepping mistakes visible in the code.
  public static func loopSketch(
    _ config: LabConfig, needsMetric: Bool, typedClassNames: [String] = []
  ) -> [String] {
    let perBatch = config.effectiveStepEvery(typedClassNames: typedClassNames) == .batch
    let schedulerFirst = config.mistake == .schedulerFirst
    let metricArgument: String =
      !needsMetric || config.mistake == .noMetric
      ? "" : (config.metric == .val ? "val_loss" : "train_loss")
    let stepCall = "scheduler.step(\(metricArgument))"
    var lines = ["for epoch in range(\(config.epochs)):"]
    if !perBatch && schedulerFirst {
      lines.append("    " + stepCall + "  # before optimizer.step()!")
    }
    lines.append("    for batch in train_loader:")
    let inner = "        "
    if perBatch && schedulerFirst {
      lines.append(inner + stepCall + "  # before optimizer.step()!")
    }
    lines.append(inner + "loss = loss_fn(model(batch)); loss.backward()")
    lines.append(inner + "optimizer.step()")
    if perBatch && !schedulerFirst { lines.append(inner + stepCall) }
    if needsMetric { lines.append("    val_loss = evaluate(model, valid_loader)") }
    if !perBatch && !schedulerFirst { lines.append("    " + stepCall) }
    return lines
  }
}

/// The rows of the knob panel: the schedule's parameters, then the optimizer and the run.
public enum LabKnobID: Sendable, Equatable {
  case scheduler
  case schedule(String)
  case optimizer, lr, momentum, model, epochs, batchSize, stepEvery, metric, seed, seeds
}

public struct LabKnobRow: Sendable, Equatable {
  public var id: LabKnobID
  public var label: String
  public var value: String
  /// False when typed code owns the value (the code must be edited instead).
  public var adjustable: Bool
}

extension LabState {
  public var knobRows: [LabKnobRow] {
    var rows: [LabKnobRow] = []
    let typed = config.template == nil
    // Typed code: what it set up, read back from the built optimizer and scheduler.
    let scheduler =
      config.template?.rawValue ?? running.map { "\($0.scheduler) (code)" } ?? "typed code"
    rows.append(LabKnobRow(id: .scheduler, label: "scheduler", value: scheduler, adjustable: true))
    if let template = config.template {
      let values = config.knobValues
      for spec in template.knobs {
        rows.append(
          LabKnobRow(
            id: .schedule(spec.key), label: spec.label, value: values[spec.key]?.description ?? "–",
            adjustable: true))
      }
    }
    let optimizer = typed ? (running?.optimizerText ?? "–") : config.optimizer.rawValue
    rows.append(
      LabKnobRow(id: .optimizer, label: "optimizer", value: optimizer, adjustable: !typed))
    let lr = typed ? (running?.lrText ?? "–") : pythonFloat(config.lr)
    rows.append(LabKnobRow(id: .lr, label: "lr", value: lr, adjustable: !typed))
    if typed ? running?.optimizer == "SGD" : config.optimizer == .sgd {
      let momentum = typed ? (running?.momentumText ?? "–") : pythonFloat(config.momentum)
      rows.append(LabKnobRow(id: .momentum, label: "momentum", value: momentum, adjustable: !typed))
    }
    rows.append(
      LabKnobRow(id: .model, label: "model", value: config.model.rawValue, adjustable: true))
    rows.append(
      LabKnobRow(id: .epochs, label: "epochs", value: "\(config.epochs)", adjustable: true))
    let batch = config.batchSize.map(String.init) ?? "\(engine.defaultBatchSize(config.model))"
    rows.append(LabKnobRow(id: .batchSize, label: "batch size", value: batch, adjustable: true))
    let every = config.effectiveStepEvery(typedClassNames: facts.classNames).rawValue
    rows.append(LabKnobRow(id: .stepEvery, label: "step every", value: every, adjustable: true))
    if facts.classNames.contains("ReduceLROnPlateau") || config.template == .reduceLROnPlateau {
      rows.append(
        LabKnobRow(
          id: .metric, label: "plateau metric", value: config.metric.rawValue, adjustable: true))
    }
    rows.append(LabKnobRow(id: .seed, label: "seed", value: "\(seed)", adjustable: true))
    let seeds = fiveSeeds ? "\(LabSeedBand.count): median + band" : "1"
    rows.append(LabKnobRow(id: .seeds, label: "seeds", value: seeds, adjustable: true))
    return rows
  }

  /// Moves the selected knob one notch; the run restarts with the new setup.
  mutating func adjustSelectedKnob(_ direction: Int) {
    let rows = knobRows
    guard rows.indices.contains(selectedKnob) else { return }
    let row = rows[selectedKnob]
    guard row.adjustable else {
      message = "This comes from the typed code: press e to edit it."
      return
    }
    let up = direction > 0
    switch row.id {
    case .scheduler:
      // Leaving typed code: the knobs start from what the code ran (never from a preset).
      if config.template == nil, let r = running, let kind = r.knobOptimizer {
        config.optimizer = kind
        if let lr = LabRunningSetup.single(r.lrs) { config.lr = lr }
        if let m = LabRunningSetup.single(r.momenta) { config.momentum = m }
        if kind != .sgd { config.momentum = 0 }
      }
      let all = ScheduleTemplate.allCases
      let index = config.template.flatMap { all.firstIndex(of: $0) } ?? (up ? all.count - 1 : 0)
      let next = all[(index + (up ? 1 : all.count - 1)) % all.count]
      config.stepEvery = nil
      config.mistake = .none
      config.select(next, stepsPerEpoch: engine.batchesPerEpoch(config))
    case .schedule(let key):
      guard let template = config.template, let value = config.knobValues[key],
        let spec = template.knobs.first(where: { $0.key == key })
      else { return }
      config.setKnob(key, spec.nudge(value, direction))
    case .optimizer:
      let all = LabConfig.OptimizerKind.allCases
      let index = all.firstIndex(of: config.optimizer) ?? 0
      config.optimizer = all[(index + (up ? 1 : all.count - 1)) % all.count]
      // Adam's usual LRs are ten times smaller than SGD's.
      config.lr = config.optimizer == .sgd ? 0.1 : 0.01
    case .lr:
      if case .number(let v) = KnobSpec("lr", .ladder(zero: false), min: 1e-6, max: 10).nudge(
        .number(config.lr), direction)
      {
        config.lr = v
      }
    case .momentum:
      if case .number(let v) = KnobSpec("momentum", .linear(step: 0.05), min: 0, max: 0.99).nudge(
        .number(config.momentum), direction)
      {
        config.momentum = v
      }
    case .model:
      let all = LabConfig.Model.allCases
      let index = all.firstIndex(of: config.model) ?? 0
      config.model = all[(index + (up ? 1 : all.count - 1)) % all.count]
      config.batchSize = nil
    case .epochs:
      epochsFixed = true
      let step = config.epochs + (up ? 0 : -1) < 20 ? 1 : 5
      config.epochs = min(max(config.epochs + (up ? step : -step), 1), 1000)
    case .batchSize:
      let current = config.batchSize ?? engine.defaultBatchSize(config.model)
      config.batchSize = up ? min(current * 2, 4096) : max(current / 2, 1)
    case .stepEvery:
      let current = config.effectiveStepEvery(typedClassNames: facts.classNames)
      config.stepEvery = current == .batch ? .epoch : .batch
      if config.mistake == .onecyclePerEpoch { config.mistake = .none }
    case .metric:
      config.metric = config.metric == .val ? .train : .val
    case .seed:
      config.seed = max(0, seed + (up ? 1 : -1))
    case .seeds:
      fiveSeeds.toggle()
    }
    if config.template != nil { code = LabCodeGen.code(for: config) }
    notice = nil
    startRun(playing: true)
  }
}

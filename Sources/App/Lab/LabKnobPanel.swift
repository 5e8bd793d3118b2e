/// The rows of the knob panel: the schedule's parameters, then the optimizer and the run.
public enum LabKnobID: Sendable, Equatable {
  case scheduler
  case schedule(String)
  case optimizer, lr, momentum, model, epochs, batchSize, stepEvery, metric
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
    rows.append(
      LabKnobRow(
        id: .scheduler, label: "scheduler", value: config.template?.rawValue ?? "typed code",
        adjustable: true))
    if let template = config.template {
      let values = config.knobValues
      for spec in template.knobs {
        rows.append(
          LabKnobRow(
            id: .schedule(spec.key), label: spec.label, value: values[spec.key]?.description ?? "–",
            adjustable: true))
      }
    }
    rows.append(
      LabKnobRow(
        id: .optimizer, label: "optimizer", value: config.optimizer.rawValue, adjustable: !typed))
    rows.append(LabKnobRow(id: .lr, label: "lr", value: pythonFloat(config.lr), adjustable: !typed))
    if config.optimizer == .sgd {
      rows.append(
        LabKnobRow(
          id: .momentum, label: "momentum", value: pythonFloat(config.momentum), adjustable: !typed)
      )
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
    }
    if config.template != nil { code = LabCodeGen.code(for: config) }
    notice = nil
    startRun(playing: true)
  }
}

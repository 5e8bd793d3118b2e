extension RunReport {
  /// One line per epoch (lr at the epoch's last step, mean train loss, validation loss, task-A
  /// loss, plateau state), then the events and the summary. `epochLRs` (epoch-major, one per
  /// group) gives the lrs when a streaming writer has let go of the per-step values.
  public static func table(_ run: TrainingRun, epochLRs: [Double]? = nil) -> String {
    let history = run.history
    let groups = history.groupCount
    let hasTaskA = run.config.model == .finetune
    let hasPlateau = history.epochs.contains { $0.plateau != nil }
    var header = [pad("epoch", 6), pad("step", 7)]
    header += groups == 1 ? [pad("lr", 11)] : run.groupNames.map { pad("lr \($0)", 11) }
    header += [pad("train", 11), pad("val", 11)]
    if hasTaskA { header.append(pad("task A", 11)) }
    if hasPlateau { header.append("plateau best / bad / cooldown") }
    var out = header.joined(separator: " ") + "\n"
    for (index, record) in history.epochs.enumerated() {
      let base = (record.lastStep - history.firstStoredStep) * groups
      var row = [pad(String(record.epoch), 6), pad(String(record.lastStep), 7)]
      for g in 0..<groups {
        let lr = epochLRs.map { $0[index * groups + g] } ?? history.lr[base + g]
        row.append(pad(shortNumber(lr), 11))
      }
      row.append(pad(shortNumber(record.trainLoss), 11))
      row.append(pad(shortNumber(record.validationLoss), 11))
      if hasTaskA { row.append(pad(record.taskALoss.map(shortNumber) ?? "", 11)) }
      if let plateau = record.plateau {
        row.append(
          "\(shortNumber(plateau.best)) / \(plateau.numBadEpochs) / \(plateau.cooldownCounter)")
      }
      out += row.joined(separator: " ") + "\n"
    }
    if !history.events.isEmpty {
      out += "\nevents:\n"
      for event in history.events {
        out +=
          "  step \(event.step) (epoch \(event.epoch)) \(event.kind.rawValue): "
          + "\(event.label.hasPrefix(event.kind.rawValue + ": ") ? String(event.label.dropFirst(event.kind.rawValue.count + 2)) : event.label)\n"
      }
    }
    let s = run.summary
    out += "\nsummary: \(s.stepsTaken) steps, \(s.epochsCompleted) epochs"
    if let v = s.finalValidationLoss { out += ", final val \(shortNumber(v))" }
    if let v = s.bestValidationLoss, let e = s.bestValidationEpoch {
      out += ", best val \(shortNumber(v)) (epoch \(e))"
    }
    if let a = s.finalTaskALoss { out += ", final task A \(shortNumber(a))" }
    if let t = s.stepsToTarget {
      out += ", target \(shortNumber(run.config.targetLoss)) at step \(t)"
    }
    if s.diverged { out += ", DIVERGED at step \(s.divergedAtStep ?? 0)" }
    return out + "\n"
  }

  static func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
  }
}

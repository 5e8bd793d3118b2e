import FastFormat
import TorchSnippet

/// The run as text: CSV (one row per optimizer step), JSON (steps, epochs, events, summary) and
/// a per-epoch table.
public enum RunReport {
  /// `step,epoch,lr (lr0,lr1,… for several groups),train_loss,val_loss[,task_a_loss]`; the
  /// validation columns are filled on each epoch's last step, empty otherwise. Numbers print
  /// as `Double.description` (round-trips exactly).
  public static func csv(_ run: TrainingRun) -> String {
    String(decoding: csvBytes(run), as: UTF8.self)
  }

  /// `csv` as UTF-8 bytes, formatted straight into one buffer (the CLI writes them directly).
  public static func csvBytes(_ run: TrainingRun) -> [UInt8] {
    let out = ByteOutput(capacity: 64 + run.history.stepCount * (48 + 24 * run.history.groupCount))
    writeCSV(run, to: out)
    return out.bytes
  }

  /// The CSV rows into `out` (which may stream them to a file).
  public static func writeCSV(_ run: TrainingRun, to out: ByteOutput) {
    let history = run.history
    let groups = history.groupCount
    let hasTaskA = run.config.model == .finetune
    var header = "step,epoch,"
    header += groups == 1 ? "lr" : (0..<groups).map { "lr\($0)" }.joined(separator: ",")
    header += ",train_loss,val_loss"
    if hasTaskA { header += ",task_a_loss" }
    header += "\n"
    out.append(header)
    let comma = UInt8(ascii: ",")
    let newline = UInt8(ascii: "\n")
    var epochIndex = 0
    let epochs = history.epochs
    for step in 0..<history.stepCount {
      out.append(step)
      out.append(comma)
      out.append(Int(history.stepEpoch[step]))
      for g in 0..<groups {
        out.append(comma)
        out.append(history.lr[step * groups + g])
      }
      out.append(comma)
      out.append(history.trainLoss[step])
      while epochIndex < epochs.count && epochs[epochIndex].lastStep < step { epochIndex += 1 }
      out.append(comma)
      if epochIndex < epochs.count && epochs[epochIndex].lastStep == step {
        let record = epochs[epochIndex]
        out.append(record.validationLoss)
        if hasTaskA {
          out.append(comma)
          if let taskA = record.taskALoss { out.append(taskA) }
        }
      } else if hasTaskA {
        out.append(comma)
      }
      out.append(newline)
      out.flushIfFull()
    }
  }

  /// `{"model", "scheduler", "step_every", "groups", "steps": [{"step", "epoch", "lr",
  /// "momentum", "train_loss"}], "epochs": [{"epoch", "last_step", "train_loss", "val_loss",
  /// "task_a_loss"?, "plateau"?}], "events": [{"kind", "step", "epoch", "label"}], "summary",
  /// "error"}`. Non-finite numbers become `null`.
  public static func json(_ run: TrainingRun) -> String {
    let history = run.history
    var out = "{\n"
    out += "  \"model\": \(jsonString(run.config.model.rawValue)),\n"
    out += "  \"scheduler\": \(run.scheduler.map { jsonString($0.className) } ?? "null"),\n"
    out += "  \"step_every\": \(jsonString(run.stepEvery.rawValue)),\n"
    out += "  \"groups\": [\(run.groupNames.map(jsonString).joined(separator: ", "))],\n"
    out += "  \"steps\": [\n"
    out += stepsJSON(history)
    out += "  ],\n  \"epochs\": [\n"
    out += history.epochs.map { record in
      var fields = [
        "\"epoch\": \(record.epoch)", "\"last_step\": \(record.lastStep)",
        "\"train_loss\": \(jsonNumber(record.trainLoss))",
        "\"val_loss\": \(jsonNumber(record.validationLoss))",
      ]
      if let taskA = record.taskALoss { fields.append("\"task_a_loss\": \(jsonNumber(taskA))") }
      if let plateau = record.plateau {
        fields.append(
          "\"plateau\": {\"best\": \(jsonNumber(plateau.best)), \"num_bad_epochs\": "
            + "\(plateau.numBadEpochs), \"cooldown_counter\": \(plateau.cooldownCounter)}")
      }
      return "    {" + fields.joined(separator: ", ") + "}"
    }.joined(separator: ",\n")
    out += history.epochs.isEmpty ? "  ],\n" : "\n  ],\n"
    out += "  \"events\": [\n"
    out += history.events.map { event in
      "    {\"kind\": \(jsonString(event.kind.rawValue)), \"step\": \(event.step), "
        + "\"epoch\": \(event.epoch), \"label\": \(jsonString(event.label))}"
    }.joined(separator: ",\n")
    out += history.events.isEmpty ? "  ],\n" : "\n  ],\n"
    out += "  \"summary\": \(summaryJSON(run.summary)),\n"
    if let failure = run.failure {
      out += "  \"error\": \(jsonString(failure.description))\n"
    } else {
      out += "  \"error\": null\n"
    }
    out += "}\n"
    return out
  }

  /// The `steps` array's rows, formatted into one buffer (most of a run's JSON).
  static func stepsJSON(_ history: RunHistory) -> String {
    let groups = history.groupCount
    let out = ByteOutput(capacity: history.stepCount * (90 + 40 * groups))
    func number(_ x: Double, _ out: ByteOutput) {
      if x.isFinite { out.append(x) } else { out.append("null") }
    }
    for step in 0..<history.stepCount {
      let base = step * groups
      out.append("    {\"step\": ")
      out.append(step)
      out.append(", \"epoch\": ")
      out.append(Int(history.stepEpoch[step]))
      out.append(", \"lr\": [")
      for g in 0..<groups {
        if g > 0 { out.append(", ") }
        number(history.lr[base + g], out)
      }
      out.append("], \"momentum\": [")
      for g in 0..<groups {
        if g > 0 { out.append(", ") }
        number(history.momentum[base + g], out)
      }
      out.append("], \"train_loss\": ")
      number(history.trainLoss[step], out)
      out.append(step + 1 < history.stepCount ? "},\n" : "}\n")
    }
    return out.string()
  }

  static func summaryJSON(_ s: RunSummary) -> String {
    func optional(_ x: Double?) -> String { x.map(jsonNumber) ?? "null" }
    func optional(_ x: Int?) -> String { x.map(String.init) ?? "null" }
    let fields = [
      "\"steps\": \(s.stepsTaken)", "\"epochs\": \(s.epochsCompleted)",
      "\"final_train_loss\": \(optional(s.finalTrainLoss))",
      "\"best_train_loss\": \(optional(s.bestTrainLoss))",
      "\"final_val_loss\": \(optional(s.finalValidationLoss))",
      "\"best_val_loss\": \(optional(s.bestValidationLoss))",
      "\"best_val_epoch\": \(optional(s.bestValidationEpoch))",
      "\"final_task_a_loss\": \(optional(s.finalTaskALoss))",
      "\"steps_to_target\": \(optional(s.stepsToTarget))",
      "\"diverged\": \(s.diverged)", "\"diverged_at_step\": \(optional(s.divergedAtStep))",
    ]
    return "{" + fields.joined(separator: ", ") + "}"
  }
}

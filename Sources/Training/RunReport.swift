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

  /// `csv` as UTF-8 bytes, built in one preallocated buffer (the CLI writes them directly).
  public static func csvBytes(_ run: TrainingRun) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(run.history.stepCount * (48 + 24 * run.history.groupCount) + 64)
    out.append(contentsOf: csvHeader(run).utf8)
    var cursor = 0
    appendCSVRows(run, epochCursor: &cursor, to: &out)
    return out
  }

  /// The CSV header line (with its newline).
  public static func csvHeader(_ run: TrainingRun) -> String {
    let groups = run.history.groupCount
    var header = "step,epoch,"
    header += groups == 1 ? "lr" : (0..<groups).map { "lr\($0)" }.joined(separator: ",")
    header += ",train_loss,val_loss"
    if run.config.model == .finetune { header += ",task_a_loss" }
    return header + "\n"
  }

  /// The CSV rows of the steps still stored in `run.history` (all of them, unless a streaming
  /// writer forgot the ones it wrote). `epochCursor` carries the epoch lookup between calls.
  public static func appendCSVRows(
    _ run: TrainingRun, epochCursor epochIndex: inout Int, to bytes: inout [UInt8]
  ) {
    let history = run.history
    let groups = history.groupCount
    let hasTaskA = run.config.model == .finetune
    let comma = UInt8(ascii: ",")
    let newline = UInt8(ascii: "\n")
    let epochs = history.epochs
    let first = history.firstStoredStep
    // Numbers formatted straight into bytes (Double.description's digits, no String each).
    let out = ByteOutput(capacity: (history.stepCount - first) * (48 + 24 * groups) + 64)
    for step in first..<history.stepCount {
      let local = step - first
      out.append(step)
      out.append(comma)
      out.append(Int(history.stepEpoch[local]))
      for g in 0..<groups {
        out.append(comma)
        out.append(history.lr[local * groups + g])
      }
      out.append(comma)
      out.append(history.trainLoss[local])
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
    }
    bytes.append(contentsOf: out.bytes)
  }

  /// `{"model", "scheduler", "step_every", "groups", "steps": [{"step", "epoch", "lr",
  /// "momentum", "train_loss"}], "epochs": [{"epoch", "last_step", "train_loss", "val_loss",
  /// "task_a_loss"?, "plateau"?}], "events": [{"kind", "step", "epoch", "label"}], "summary",
  /// "error"}`. Non-finite numbers become `null`.
  public static func json(_ run: TrainingRun) -> String {
    var out = jsonHead(run)
    out.reserveCapacity(run.history.stepCount * (90 + 40 * run.history.groupCount))
    var first = true
    appendJSONSteps(run, first: &first, to: &out)
    return out + jsonTail(run, hadSteps: !first)
  }

  /// Everything before the first step.
  public static func jsonHead(_ run: TrainingRun) -> String {
    var out = "{\n"
    out += "  \"model\": \(jsonString(run.config.model.rawValue)),\n"
    out += "  \"scheduler\": \(run.scheduler.map { jsonString($0.className) } ?? "null"),\n"
    out += "  \"step_every\": \(jsonString(run.stepEvery.rawValue)),\n"
    out += "  \"groups\": [\(run.groupNames.map(jsonString).joined(separator: ", "))],\n"
    out += "  \"steps\": [\n"
    return out
  }

  /// The steps still stored in `run.history`; `first` is true until one has been written.
  public static func appendJSONSteps(_ run: TrainingRun, first: inout Bool, to text: inout String) {
    var bytes: [UInt8] = []
    appendJSONSteps(run, first: &first, to: &bytes)
    text += String(decoding: bytes, as: UTF8.self)
  }

  /// The same steps as bytes (numbers and ASCII only: nothing a sanitiser would change).
  public static func appendJSONSteps(_ run: TrainingRun, first: inout Bool, to bytes: inout [UInt8])
  {
    let history = run.history
    let groups = history.groupCount
    let firstStored = history.firstStoredStep
    let out = ByteOutput(capacity: (history.stepCount - firstStored) * (90 + 40 * groups))
    func number(_ x: Double) {
      if x.isFinite { out.append(x) } else { out.append(literal: "null") }
    }
    for step in firstStored..<history.stepCount {
      let local = step - firstStored
      let base = local * groups
      if !first { out.append(literal: ",\n") }
      first = false
      out.append(literal: "    {\"step\": ")
      out.append(step)
      out.append(literal: ", \"epoch\": ")
      out.append(Int(history.stepEpoch[local]))
      out.append(literal: ", \"lr\": [")
      for g in 0..<groups {
        if g > 0 { out.append(literal: ", ") }
        number(history.lr[base + g])
      }
      out.append(literal: "], \"momentum\": [")
      for g in 0..<groups {
        if g > 0 { out.append(literal: ", ") }
        number(history.momentum[base + g])
      }
      out.append(literal: "], \"train_loss\": ")
      number(history.trainLoss[local])
      out.append(literal: "}")
    }
    bytes.append(contentsOf: out.bytes)
  }

  /// Everything after the last step: epochs, events, summary, error.
  public static func jsonTail(_ run: TrainingRun, hadSteps: Bool) -> String {
    var out = ""
    writeJSONTail(run, hadSteps: hadSteps) { out += $0 }
    return out
  }

  /// `jsonTail` piece by piece (one epoch or event at a time), for a streaming writer.
  public static func writeJSONTail(
    _ run: TrainingRun, hadSteps: Bool, _ emit: (String) -> Void,
    bytes emitBytes: (([UInt8]) -> Void)? = nil
  ) {
    let history = run.history
    emit((hadSteps ? "\n" : "") + "  ],\n  \"epochs\": [\n")
    // Numbers and ASCII only: formatted straight into bytes (one row per epoch adds up).
    let out = ByteOutput(capacity: history.epochs.count * 120 + 64)
    func number(_ x: Double) {
      if x.isFinite { out.append(x) } else { out.append(literal: "null") }
    }
    for (i, record) in history.epochs.enumerated() {
      out.append(literal: i == 0 ? "    {\"epoch\": " : ",\n    {\"epoch\": ")
      out.append(record.epoch)
      out.append(literal: ", \"last_step\": ")
      out.append(record.lastStep)
      out.append(literal: ", \"train_loss\": ")
      number(record.trainLoss)
      out.append(literal: ", \"val_loss\": ")
      number(record.validationLoss)
      if let taskA = record.taskALoss {
        out.append(literal: ", \"task_a_loss\": ")
        number(taskA)
      }
      if let plateau = record.plateau {
        out.append(literal: ", \"plateau\": {\"best\": ")
        number(plateau.best)
        out.append(literal: ", \"num_bad_epochs\": ")
        out.append(plateau.numBadEpochs)
        out.append(literal: ", \"cooldown_counter\": ")
        out.append(plateau.cooldownCounter)
        out.append(literal: "}")
      }
      out.append(literal: "}")
    }
    if let emitBytes { emitBytes(out.bytes) } else { emit(out.string()) }
    emit(history.epochs.isEmpty ? "  ],\n" : "\n  ],\n")
    emit("  \"events\": [\n")
    for (i, event) in history.events.enumerated() {
      emit(
        (i == 0 ? "" : ",\n")
          + "    {\"kind\": \(jsonString(event.kind.rawValue)), \"step\": \(event.step), "
          + "\"epoch\": \(event.epoch), \"label\": \(jsonString(event.label))}")
    }
    emit(history.events.isEmpty ? "  ],\n" : "\n  ],\n")
    emit("  \"summary\": \(summaryJSON(run.summary)),\n")
    if let failure = run.failure {
      emit("  \"error\": \(jsonString(failure.description))\n")
    } else {
      emit("  \"error\": null\n")
    }
    emit("}\n")
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

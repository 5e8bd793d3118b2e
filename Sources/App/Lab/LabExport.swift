import Foundation
import TorchSnippet

/// Exports of a lab run in the `lrlab simulate` formats.
public enum LabExport {
  /// `lrlab simulate --format csv`: one row per optimizer step (from 0) — `step,epoch,lr…,
  /// train_loss`, then the validation columns, filled on each epoch's last step. Numbers
  /// round-trip exactly. (The Lab counts steps from 1 on screen; files count as PyTorch does.)
  public static func runCSV(_ trace: LabTrace) -> String {
    let groups = trace.groupNames.count
    var header = ["step", "epoch"]
    header += groups == 1 ? ["lr"] : (0..<groups).map { "lr\($0)" }
    header += ["train_loss", "val_loss"]
    if trace.hasTaskA { header.append("task_a_loss") }
    var lines = [header.joined(separator: ",")]
    lines.reserveCapacity(trace.steps.count + 1)
    var epochIndex = 0
    for record in trace.steps {
      var row = [String(record.step - 1), String(record.epoch)]
      row += record.lrs.map(number)
      row.append(number(record.trainLoss))
      while epochIndex < trace.epochs.count && trace.epochs[epochIndex].lastStep < record.step {
        epochIndex += 1
      }
      let epochEnd =
        epochIndex < trace.epochs.count && trace.epochs[epochIndex].lastStep == record.step
        ? trace.epochs[epochIndex] : nil
      row.append(epochEnd?.valLoss.map(number) ?? "")
      if trace.hasTaskA { row.append(epochEnd?.taskALoss.map(number) ?? "") }
      lines.append(row.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `lrlab simulate --format json`: steps, epochs, events, summary.
  public static func runJSON(_ trace: LabTrace) -> String {
    var out = "{\n  \"steps\": ["
    out += trace.steps.map { s in
      var fields = [
        "\"step\": \(s.step - 1)", "\"epoch\": \(s.epoch)",
        "\"lr\": [\(s.lrs.map(jsonNumber).joined(separator: ", "))]",
      ]
      fields.append("\"momentum\": [\(s.momenta.map(jsonNumber).joined(separator: ", "))]")
      fields.append("\"train_loss\": \(jsonNumber(s.trainLoss))")
      return "\n    {" + fields.joined(separator: ", ") + "}"
    }.joined(separator: ",")
    out += "\n  ],\n  \"epochs\": ["
    out += trace.epochs.map { e in
      var fields = ["\"epoch\": \(e.epoch)", "\"last_step\": \(e.lastStep - 1)"]
      fields.append("\"val_loss\": \(e.valLoss.map(jsonNumber) ?? "null")")
      if trace.hasTaskA {
        fields.append("\"task_a_loss\": \(e.taskALoss.map(jsonNumber) ?? "null")")
      }
      if let p = e.plateau {
        fields.append(
          "\"plateau\": {\"best\": \(jsonNumber(p.best)), \"num_bad_epochs\": \(p.badEpochs), "
            + "\"cooldown_counter\": \(p.cooldownCounter)}")
      }
      return "\n    {" + fields.joined(separator: ", ") + "}"
    }.joined(separator: ",")
    out += "\n  ],\n  \"events\": ["
    out += trace.events.map { e in
      "\n    {\"kind\": \(jsonString(e.kind.rawValue)), \"step\": \(e.step - 1), \"label\": \(jsonString(e.label))}"
    }.joined(separator: ",")
    let losses = trace.validationPoints.map(\.value).filter(\.isFinite)
    out += "\n  ],\n  \"summary\": {"
    out += "\"steps\": \(trace.steps.count), \"epochs\": \(trace.epochs.count), "
    out += "\"final_train_loss\": \(trace.steps.last.map { jsonNumber($0.trainLoss) } ?? "null"), "
    out += "\"final_val_loss\": \(trace.epochs.last?.valLoss.map(jsonNumber) ?? "null"), "
    out += "\"best_val_loss\": \(losses.min().map(jsonNumber) ?? "null"), "
    out += "\"diverged\": \(trace.events.contains { $0.kind == .divergence })"
    out += "}\n}\n"
    return out
  }

  /// A file-name-safe form of a lab id ("08-warmup/warmup-cosine" → "08-warmup-warmup-cosine").
  public static func slug(_ id: String) -> String {
    var out = ""
    for c in id {
      if c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_") {
        out.append(c)
      } else if out.last != "-" {
        out.append("-")
      }
    }
    let trimmed = out.trimmingCharacters(in: ["-"])
    return trimmed.isEmpty ? "lab" : String(trimmed.prefix(60))
  }

  /// Exactly round-tripping numbers, as the CSV contracts require.
  static func number(_ v: Double) -> String { v.description }

}

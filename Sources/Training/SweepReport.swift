import Foundation
import TorchSnippet

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The sweep as text: JSON (the `lrlab sweep` contract), CSV (one row per cell) and a table.
public enum SweepReport {
  /// `{"model", "epochs", "seeds", "cells": [{"schedule", "lr", "final_val_loss": {"median",
  /// "min", "max"}, "best_val_loss": {…}, "diverged"}]}`; a statistic is null when every seed
  /// of the cell diverged.
  public static func json(_ result: SweepResult) -> String {
    func statistic(_ s: SweepStatistic?) -> String {
      guard let s else { return "null" }
      return
        "{\"median\": \(jsonNumber(s.median)), \"min\": \(jsonNumber(s.min)), \"max\": \(jsonNumber(s.max))}"
    }
    var out = "{\n"
    out += "  \"model\": \(jsonString(result.model.rawValue)),\n"
    out += "  \"epochs\": \(result.epochs),\n"
    out += "  \"seeds\": \(result.seeds),\n"
    out += "  \"cells\": [\n"
    out += result.cells.map { cell in
      "    {\"schedule\": \(jsonString(cell.schedule)), \"lr\": \(jsonNumber(cell.lr)), "
        + "\"final_val_loss\": \(statistic(cell.finalValidationLoss)), "
        + "\"best_val_loss\": \(statistic(cell.bestValidationLoss)), "
        + "\"diverged\": \(cell.diverged)}"
    }.joined(separator: ",\n")
    out += result.cells.isEmpty ? "  ]\n}\n" : "\n  ]\n}\n"
    return out
  }

  /// `schedule,lr,final_median,final_min,final_max,best_median,best_min,best_max,diverged`;
  /// the statistics are empty when every seed diverged. Names are CSV-quoted when needed.
  public static func csv(_ result: SweepResult) -> String {
    var out =
      "schedule,lr,final_val_loss_median,final_val_loss_min,final_val_loss_max,"
      + "best_val_loss_median,best_val_loss_min,best_val_loss_max,diverged\n"
    for cell in result.cells {
      var fields = [csvField(cell.schedule), cell.lr.description]
      for s in [cell.finalValidationLoss, cell.bestValidationLoss] {
        if let s {
          fields += [s.median.description, s.min.description, s.max.description]
        } else {
          fields += ["", "", ""]
        }
      }
      fields.append(String(cell.diverged))
      out += fields.joined(separator: ",") + "\n"
    }
    return out
  }

  static func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
  }

  /// One block per schedule: a row per LR with the final loss median [min – max], the best
  /// loss median and the diverged seeds; the best LR of each schedule is marked, and the band
  /// of LRs within 10 % of its best is summarised.
  public static func table(_ result: SweepResult) -> String {
    var out =
      "sweep on \(result.model.rawValue): \(result.epochs) epochs, \(result.seeds) seed"
      + (result.seeds == 1 ? "" : "s") + " per cell; validation loss median [min – max]\n"
    for (index, name) in result.scheduleNames.enumerated() {
      out += "\n\(name)\n"
      out += pad("lr", 10) + pad("final val loss", 34) + pad("best val loss", 12) + "diverged\n"
      let best = result.best(ofSchedule: index)
      for cell in result.cells(ofSchedule: index) {
        var line = pad(short(cell.lr), 10)
        if let s = cell.finalValidationLoss {
          line += pad("\(short(s.median)) [\(short(s.min)) – \(short(s.max))]", 34)
        } else {
          line += pad("diverged", 34)
        }
        line += pad(cell.bestValidationLoss.map { short($0.median) } ?? "—", 12)
        line += cell.diverged == 0 ? "0" : "\(cell.diverged)/\(cell.completed)"
        if cell == best { line += "  ← best" }
        out += line + "\n"
      }
      if let band = result.band(ofSchedule: index), let best {
        out +=
          "best lr \(short(best.lr)); within 10 % of the best: \(short(band.lo)) – "
          + "\(short(band.hi)) (\(band.points) of \(result.lrs.count) LRs, "
          + "\(fixed(band.decades, 2)) decades)\n"
      } else {
        out += "every run diverged\n"
      }
    }
    return out
  }

  /// Four significant digits, as `%.4g` (the run table's numbers).
  public static func short(_ x: Double) -> String { shortNumber(x) }

  static func fixed(_ x: Double, _ decimals: Int) -> String {
    String(format: "%.\(decimals)f", x)
  }

  static func pad(_ s: String, _ width: Int) -> String {
    let n = s.count
    return n >= width ? s + " " : s + String(repeating: " ", count: width - n)
  }
}

extension String {
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for c in self { if c == target { out += replacement } else { out.append(c) } }
    return out
  }
}

import FastFormat
import Schedulers

extension ScheduleTrace {
  /// The CSV contract: header `step,lr` (or `lr0,lr1,…`), then `momentum` (or
  /// `momentum0,…`) when cycled; one row per step; numbers via `Double.description`, which
  /// round-trips exactly.
  public func csv() -> String {
    let out = ByteOutput(capacity: 64 + rows.count * 24 * (cyclesMomentum ? 2 : 1) * groupCount)
    out.append(csvHeader())
    for row in rows {
      out.append(row.step)
      for lr in row.lr {
        out.append(UInt8(ascii: ","))
        out.append(lr)
      }
      if cyclesMomentum, let momentum = row.momentum {
        for m in momentum {
          out.append(UInt8(ascii: ","))
          out.append(m)
        }
      }
      out.append(UInt8(ascii: "\n"))
    }
    return out.string()
  }

  /// `step,lr[,momentum]` (numbered per group when there are several), and the newline.
  public func csvHeader() -> String {
    var header = ["step"]
    header += columnNames("lr")
    if cyclesMomentum { header += columnNames("momentum") }
    return header.joined(separator: ",") + "\n"
  }

  func columnNames(_ base: String) -> [String] {
    groupCount == 1 ? [base] : (0..<groupCount).map { "\(base)\($0)" }
  }
}

extension ScheduleTrace {
  /// `{"scheduler": …, "groups": […], "cycles_momentum": …, "rows": [{"step", "lr", "momentum"}],
  /// "error": {"step", "type", "message"} | null}`. Non-finite numbers become `null`.
  public func json() -> String {
    func array(_ xs: [Double]) -> String { "[" + xs.map(jsonNumber).joined(separator: ", ") + "]" }
    var out = "{\n  \"scheduler\": \(jsonString(className)),\n"
    out += "  \"groups\": [" + groupNames.map(jsonString).joined(separator: ", ") + "],\n"
    out += "  \"cycles_momentum\": \(cyclesMomentum),\n  \"rows\": [\n"
    out += rows.map { row in
      var fields = ["\"step\": \(row.step)", "\"lr\": \(array(row.lr))"]
      if cyclesMomentum, let momentum = row.momentum {
        fields.append("\"momentum\": \(array(momentum))")
      }
      return "    {" + fields.joined(separator: ", ") + "}"
    }.joined(separator: ",\n")
    out += "\n  ],\n  \"error\": "
    if let failure {
      out +=
        "{\"step\": \(failure.step), \"type\": \(jsonString(failure.error.type)), "
        + "\"message\": \(jsonString(failure.error.message))}"
    } else {
      out += "null"
    }
    return out + "\n}\n"
  }

  /// A right-aligned text table with a header row.
  public func table() -> String {
    var header = ["step"] + columnNames("lr")
    if cyclesMomentum { header += columnNames("momentum") }
    var cells: [[String]] = [header]
    for row in rows {
      var line = [String(row.step)] + row.lr.map(\.description)
      if cyclesMomentum, let momentum = row.momentum { line += momentum.map(\.description) }
      cells.append(line)
    }
    var widths = header.map(\.count)
    for line in cells {
      for (i, cell) in line.enumerated() where i < widths.count {
        widths[i] = max(widths[i], cell.count)
      }
    }
    return cells.map { line in
      line.enumerated().map { i, cell in
        String(repeating: " ", count: widths[i] - cell.count) + cell
      }.joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
  }
}

/// A JSON number: the exactly round-tripping decimal, or `null` for NaN and infinities. Shared
/// by every JSON lrlab writes (schedule traces, simulation runs, Lab exports).
public func jsonNumber(_ x: Double) -> String { x.isFinite ? x.description : "null" }

/// A JSON string literal.
public func jsonString(_ s: String) -> String {
  var out = "\""
  for scalar in s.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    case _ where scalar.value < 0x20:
      let hex = String(scalar.value, radix: 16)
      out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    default: out.unicodeScalars.append(scalar)
    }
  }
  return out + "\""
}

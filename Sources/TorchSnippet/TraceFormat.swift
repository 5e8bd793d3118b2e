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

  /// One CSV line (with its newline).
  public func csvRow(_ row: Row) -> String {
    cells(row).joined(separator: ",") + "\n"
  }

  /// A row's fields as text: step, each lr, each momentum when cycled.
  public func cells(_ row: Row) -> [String] {
    var fields = [String(row.step)]
    fields += row.lr.map(\.description)
    if cyclesMomentum, let momentum = row.momentum { fields += momentum.map(\.description) }
    return fields
  }

  func columnNames(_ base: String) -> [String] {
    groupCount == 1 ? [base] : (0..<groupCount).map { "\(base)\($0)" }
  }
}

extension ScheduleTrace {
  /// `{"scheduler": …, "groups": […], "cycles_momentum": …, "rows": [{"step", "lr", "momentum"}],
  /// "error": {"step", "type", "message"} | null}`. Non-finite numbers become `null`.
  public func json() -> String {
    var out = jsonHead()
    for (i, row) in rows.enumerated() { out += jsonRow(row, first: i == 0) }
    return out + jsonTail(failure)
  }

  /// Everything before the first row.
  public func jsonHead() -> String {
    var out = "{\n  \"scheduler\": \(jsonString(className)),\n"
    out += "  \"groups\": [" + groupNames.map(jsonString).joined(separator: ", ") + "],\n"
    out += "  \"cycles_momentum\": \(cyclesMomentum),\n  \"rows\": [\n"
    return out
  }

  /// One row (preceded by the separator unless it is the first).
  public func jsonRow(_ row: Row, first: Bool) -> String {
    func array(_ xs: [Double]) -> String { "[" + xs.map(jsonNumber).joined(separator: ", ") + "]" }
    var fields = ["\"step\": \(row.step)", "\"lr\": \(array(row.lr))"]
    if cyclesMomentum, let momentum = row.momentum {
      fields.append("\"momentum\": \(array(momentum))")
    }
    return (first ? "" : ",\n") + "    {" + fields.joined(separator: ", ") + "}"
  }

  /// Everything after the last row.
  public func jsonTail(_ failure: StepFailure?) -> String {
    var out = "\n  ],\n  \"error\": "
    if let failure {
      out +=
        "{\"step\": \(failure.step), \"type\": \(jsonString(failure.error.type)), "
        + "\"message\": \(jsonString(failure.error.message))}"
    } else {
      out += "null"
    }
    return out + "\n}\n"
  }

  /// The table's header cells.
  public func tableHeader() -> [String] {
    var header = ["step"] + columnNames("lr")
    if cyclesMomentum { header += columnNames("momentum") }
    return header
  }

  /// One table line: `cells` right-aligned to `widths`, two spaces apart (with its newline).
  public static func tableLine(_ cells: [String], widths: [Int]) -> String {
    cells.enumerated().map { i, cell in
      String(repeating: " ", count: max(0, (i < widths.count ? widths[i] : 0) - cell.count)) + cell
    }.joined(separator: "  ") + "\n"
  }

  /// A right-aligned text table with a header row.
  public func table() -> String {
    let header = tableHeader()
    var widths = header.map(\.count)
    for row in rows {
      for (i, cell) in cells(row).enumerated() where i < widths.count {
        widths[i] = max(widths[i], cell.count)
      }
    }
    return Self.tableLine(header, widths: widths)
      + rows.map { Self.tableLine(cells($0), widths: widths) }.joined()
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

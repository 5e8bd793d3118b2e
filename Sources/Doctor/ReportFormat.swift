import Markdown
import TorchSnippet

extension DoctorReport {
  /// The `--format json` contract:
  /// `{"file", "findings": [{"rule", "severity", "line", "column", "message", "fix"}],
  ///   "loop": {"epochs", "batches_per_epoch", "optimizer_steps_per_epoch",
  ///            "scheduler_steps": [{"variable", "per", "line"}]}}`.
  public func json() -> String {
    func int(_ value: Int?) -> String { value.map(String.init) ?? "null" }
    var out = "{\n  \"file\": \(jsonString(file)),\n  \"findings\": ["
    out += findings.map { finding in
      "\n    {\"rule\": \(jsonString(finding.rule)), \"severity\": "
        + "\(jsonString(finding.severity.rawValue)), \"line\": \(finding.line), "
        + "\"column\": \(finding.column), \"message\": \(jsonString(finding.message)), "
        + "\"fix\": \(jsonString(finding.fix))}"
    }.joined(separator: ",")
    out += findings.isEmpty ? "],\n" : "\n  ],\n"
    out += "  \"loop\": {\"epochs\": \(int(loop.epochs)), "
    out += "\"batches_per_epoch\": \(int(loop.batchesPerEpoch)), "
    out += "\"optimizer_steps_per_epoch\": \(int(loop.optimizerStepsPerEpoch)), "
    out += "\"scheduler_steps\": ["
    out += loop.schedulerSteps.map {
      "{\"variable\": \(jsonString($0.variable)), \"per\": \(jsonString($0.per.rawValue)), "
        + "\"line\": \($0.line)}"
    }.joined(separator: ", ")
    out += "]}\n}\n"
    return out
  }

  /// Compiler-style text: one block per finding with the source line and a caret, then a
  /// summary line. Everything from the script is sanitised.
  public func text() -> String {
    let name = Sanitizer.cleanLine(file)
    var out = ""
    for finding in findings {
      out += "\(name):\(finding.line):\(finding.column): \(finding.severity.rawValue): "
      out += Sanitizer.cleanLine(finding.message) + " [\(finding.rule)]\n"
      let source = finding.line >= 1 && finding.line <= lines.count ? lines[finding.line - 1] : ""
      let number = String(finding.line)
      let gutter = String(repeating: " ", count: number.count)
      out += " \(number) | \(Sanitizer.cleanLine(source))\n"
      var prefix = ""
      prefix.unicodeScalars.append(
        contentsOf: source.unicodeScalars.prefix(max(0, finding.column - 1)))
      let pad = String(repeating: " ", count: Sanitizer.cleanLine(prefix).count)
      out += " \(gutter) | \(pad)^\n"
      out += " \(gutter) = fix: \(Sanitizer.cleanLine(finding.fix))\n\n"
    }
    let counts = [Severity.error, .warning, .info].map { severity in
      (severity, findings.filter { $0.severity == severity }.count)
    }
    if findings.isEmpty {
      out += "\(name): no scheduler problems found\n"
    } else {
      out +=
        "\(name): "
        + counts.map { "\($0.1) \($0.0.rawValue)\($0.1 == 1 ? "" : "s")" }.joined(separator: ", ")
        + "\n"
    }
    out += "loop: " + loopLine() + "\n"
    return out
  }

  /// `10 epochs x 50 batches (50 optimizer steps per epoch); scheduler.step() per batch (l. 30)`
  public func loopLine() -> String {
    func count(_ value: Int?) -> String { value.map(String.init) ?? "?" }
    var text = "\(count(loop.epochs)) epochs x \(count(loop.batchesPerEpoch)) batches"
    if loop.optimizerStepsPerEpoch != loop.batchesPerEpoch {
      text += " (\(count(loop.optimizerStepsPerEpoch)) optimizer steps per epoch)"
    }
    if loop.schedulerSteps.isEmpty {
      text += "; no scheduler.step()"
    } else {
      text +=
        "; "
        + loop.schedulerSteps.map {
          "\(Sanitizer.cleanLine($0.variable)).step() per \($0.per.rawValue) (line \($0.line))"
        }.joined(separator: ", ")
    }
    return text
  }
}

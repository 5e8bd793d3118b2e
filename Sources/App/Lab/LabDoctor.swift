import Doctor
import Foundation
import Markdown

/// A whole training script pasted into the Lab: `lrlab doctor`'s findings beside the code, and
/// the run stepped the way the script steps it. Bare scheduler snippets (no loop) are left
/// alone.
public enum LabDoctor {
  /// The doctor's report when `code` is a whole script (it has a loop that calls `.step(`), nil
  /// for a snippet or code the doctor cannot read.
  public static func report(for code: String) -> DoctorReport? {
    guard code.contains(".step("), code.contains("for ") || code.contains("while ") else {
      return nil
    }
    // The code panel asks on every frame: examine each text once.
    if let cached = cache.lookup(code) { return cached }
    let report = try? Doctor.examine(code, file: "lab")
    cache.store(code, report)
    return report
  }

  static let cache = ReportCache()

  /// The last script examined and its report (one entry: the Lab shows one script).
  final class ReportCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entry: (code: String, report: DoctorReport?)?

    func lookup(_ code: String) -> DoctorReport?? {
      lock.lock()
      defer { lock.unlock() }
      guard let entry, entry.code == code else { return nil }
      return .some(entry.report)
    }

    func store(_ code: String, _ report: DoctorReport?) {
      lock.lock()
      defer { lock.unlock() }
      entry = (code, report)
    }
  }

  /// `config` changed to run the schedule as the script steps it: per batch or per epoch, its
  /// epoch count, and the step-order / missing-metric / train-loss mistakes it makes.
  public static func stepping(_ config: LabConfig, code: String) -> LabConfig {
    guard let report = report(for: code) else { return config }
    var config = config
    if let site = report.loop.schedulerSteps.first(where: { $0.per != .other }) {
      config.stepEvery = site.per == .batch ? .batch : .epoch
    }
    if let epochs = report.loop.epochs, (1...2000).contains(epochs) { config.epochs = epochs }
    let rules = Set(report.findings.map(\.rule))
    if rules.contains("step-order") {
      config.mistake = .schedulerFirst
    } else if rules.contains("plateau-without-metric") {
      config.mistake = .noMetric
    } else if rules.contains("per-batch-scheduler-stepped-per-epoch") {
      config.mistake = .onecyclePerEpoch
    }
    if rules.contains("plateau-metric-is-train-loss") { config.metric = .train }
    return config
  }

  /// What the code panel shows for a script: a gutter mark per source line, and the findings'
  /// rows (caret under the column, then the message) after the line they point at.
  struct Annotations {
    var byLine: [Int: [Finding]] = [:]
    var isActive: Bool { !byLine.isEmpty }

    /// Two columns before each source line: `E `, `W `, `i ` or blank.
    func gutter(line: Int) -> String {
      guard isActive else { return "" }
      guard let findings = byLine[line] else { return "  " }
      let worst = findings.map(\.severity).min() ?? .info
      switch worst {
      case .error: return "E "
      case .warning: return "W "
      case .info: return "i "
      }
    }

    /// The caret row, then the message wrapped to `width` (indented under the gutter).
    func rows(line: Int, width: Int) -> [(text: String, severity: Severity)] {
      guard let findings = byLine[line] else { return [] }
      var rows: [(String, Severity)] = []
      for finding in findings {
        let offset = min(max(finding.column - 1, 0), max(width - 3, 0))
        rows.append(("  " + String(repeating: " ", count: offset) + "^", finding.severity))
        let text = Array(
          "\(finding.severity.rawValue) [\(finding.rule)]: " + Sanitizer.cleanLine(finding.message)
            + " Fix: " + Sanitizer.cleanLine(finding.fix))
        let room = max(width - 2, 8)
        var start = 0
        while start < text.count {
          // Break at the last space that fits (mid-word only for a word longer than the row).
          var end = min(start + room, text.count)
          if end < text.count, let space = text[start..<end].lastIndex(of: " "), space > start {
            end = space + 1
          }
          rows.append(("  " + String(text[start..<end]), finding.severity))
          start = end
        }
      }
      return rows
    }
  }

  static func annotations(for lines: [String]) -> Annotations {
    guard let report = report(for: lines.joined(separator: "\n")) else { return Annotations() }
    var annotations = Annotations()
    for finding in report.findings { annotations.byLine[finding.line, default: []].append(finding) }
    return annotations
  }
}

import Doctor
import Foundation
import XCTest

/// Every fixture script: buggy ones mark each planted bug with `# BUG: rule-id` on the line
/// the finding must point at; clean ones must get no error and no warning.
final class FixtureTests: XCTestCase {
  struct Fixture {
    var name: String
    var source: String
    /// (rule, line) of every planted bug.
    var bugs: [(rule: String, line: Int)]
  }

  static func fixtures(_ folder: String) throws -> [Fixture] {
    let base = try XCTUnwrap(Bundle.module.resourceURL).appendingPathComponent("Fixtures/\(folder)")
    let names = try FileManager.default.contentsOfDirectory(atPath: base.path).filter {
      $0.hasSuffix(".py")
    }.sorted()
    return try names.map { name in
      let source = try String(contentsOf: base.appendingPathComponent(name), encoding: .utf8)
      var bugs: [(String, Int)] = []
      for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false)
        .enumerated()
      {
        guard let marker = line.range(of: "# BUG: ") else { continue }
        let rule = line[marker.upperBound...].prefix { $0 == "-" || $0.isLetter }
        bugs.append((String(rule), index + 1))
      }
      return Fixture(name: "\(folder)/\(name)", source: source, bugs: bugs)
    }
  }

  func check(_ folder: String, minimum: Int) throws {
    let fixtures = try Self.fixtures(folder)
    XCTAssertGreaterThanOrEqual(fixtures.count, minimum, folder)
    for fixture in fixtures {
      let report: DoctorReport
      do {
        report = try Doctor.examine(fixture.source, file: fixture.name)
      } catch {
        XCTFail("\(fixture.name): \(error)")
        continue
      }
      for bug in fixture.bugs {
        XCTAssertTrue(
          report.findings.contains { $0.rule == bug.rule && $0.line == bug.line },
          "\(fixture.name): expected \(bug.rule) at line \(bug.line), got "
            + report.findings.map { "\($0.rule)@\($0.line)" }.joined(separator: ", "))
      }
      // No error or warning that is not a planted bug.
      for finding in report.findings where finding.severity != .info {
        XCTAssertTrue(
          fixture.bugs.contains { $0.rule == finding.rule && $0.line == finding.line },
          "\(fixture.name): unexpected \(finding.rule) at line \(finding.line): \(finding.message)")
      }
      let expectedError = report.findings.contains { $0.severity == .error }
      XCTAssertEqual(report.exitStatus, expectedError ? 1 : 0)
    }
  }

  func testBuggyScriptsReportEveryPlantedBugAtItsLine() throws {
    try check("buggy", minimum: 30)
  }

  func testCleanScriptsStaySilent() throws {
    try check("clean", minimum: 10)
    for fixture in try Self.fixtures("clean") {
      XCTAssertTrue(fixture.bugs.isEmpty, fixture.name)
    }
  }

  /// The course's mistake labs (lesson 13, Lab keys 1–5) as complete scripts: each names the
  /// mistake it replays.
  func testMistakeLabsNameTheirMistake() throws {
    try check("mistakes", minimum: 5)
    let expected = [
      "lab1_scheduler_first.py": "step-order",
      "lab2_onecycle_per_epoch.py": "per-batch-scheduler-stepped-per-epoch",
      "lab3_short_tmax.py": "length-mismatch",
      "lab4_long_warmup.py": "warmup-too-long",
      "lab5_plateau_without_metric.py": "plateau-without-metric",
    ]
    for fixture in try Self.fixtures("mistakes") {
      let name = String(fixture.name.split(separator: "/").last!)
      let rule = try XCTUnwrap(expected[name], name)
      let report = try Doctor.examine(fixture.source)
      XCTAssertEqual(
        report.findings.filter { $0.severity != .info }.map(\.rule), [rule], fixture.name)
    }
  }

  /// Each rule is exercised by at least three script shapes among the buggy fixtures.
  func testEveryRuleHasThreeShapes() throws {
    let rules = [
      "step-order", "per-batch-scheduler-stepped-per-epoch", "epoch-scheduler-stepped-per-batch",
      "plateau-without-metric", "plateau-metric-is-train-loss", "length-mismatch",
      "warmup-too-long", "scheduler-never-stepped", "accumulation-mismatch", "lr-not-logged",
    ]
    let fixtures = try Self.fixtures("buggy")
    for rule in rules {
      let shapes = Set(
        fixtures.filter { $0.bugs.contains { $0.rule == rule } }.map { fixture in
          fixture.name.split(separator: "_").last!.replacingOccurrences(of: ".py", with: "")
        })
      XCTAssertGreaterThanOrEqual(shapes.count, 3, "\(rule): shapes \(shapes.sorted())")
    }
  }
}

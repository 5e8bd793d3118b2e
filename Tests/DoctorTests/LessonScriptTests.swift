import Doctor
import Foundation
import Lessons
import XCTest

/// The common-mistakes lesson's "bring your own script" lab is a complete buggy script: the
/// doctor names its bug, and the snippet reader still builds its schedule for the Lab.
final class LessonScriptTests: XCTestCase {
  func testBringYourOwnScriptLabNamesItsMistake() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let file = root.appendingPathComponent("Lessons/13-mistakes.md")
    let lesson = LessonParser.parse(contents: try Data(contentsOf: file), file: file.path)
    let lab = try XCTUnwrap(lesson.labs.first { $0.id.hasSuffix("/bring-your-own-script") })
    let report = try Doctor.examine(lab.code)
    let problems = report.findings.filter { $0.severity != .info }
    XCTAssertEqual(problems.map(\.rule), ["per-batch-scheduler-stepped-per-epoch"])
    let line = lab.code.split(separator: "\n", omittingEmptySubsequences: false)[
      problems[0].line - 1]
    XCTAssertEqual(line.trimmingCharacters(in: .whitespaces), "scheduler.step()")
    XCTAssertEqual(report.loop.schedulerSteps.map(\.per), [.epoch])
  }
}

import Foundation
import XCTest

@testable import Lessons

/// Each malformed fixture gets exactly the diagnostics in its `.expected` file.
final class FixtureDiagnosticsTests: XCTestCase {
  func testEachMalformedLessonGetsExactlyItsDiagnostics() throws {
    let dir = fixtures.appendingPathComponent("malformed")
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
      .filter { $0.hasSuffix(".md") }.sorted()
    XCTAssertGreaterThanOrEqual(names.count, 14)
    for name in names {
      let file = dir.appendingPathComponent(name)
      let expectedURL = dir.appendingPathComponent(
        String(name.dropLast(3)) + ".expected")
      let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        .split(separator: "\n").map(String.init)
      XCTAssertFalse(expected.isEmpty, "\(name) must expect at least one diagnostic")
      let actual = printed(Linter.check(paths: [file]), relativeTo: dir)
      XCTAssertEqual(actual, expected, name)
    }
  }

  func testCourseLevelProblems() throws {
    for name in ["duplicate-ids", "prerequisites"] {
      let dir = fixtures.appendingPathComponent("courses/\(name)")
      let expected = try String(
        contentsOf: dir.appendingPathComponent("expected.txt"), encoding: .utf8
      ).split(separator: "\n").map(String.init)
      XCTAssertEqual(printed(Linter.check(paths: [dir]), relativeTo: dir), expected, name)
    }
  }

  func testDuplicateIdsKeepBothLessonsAndBreakTheSecond() {
    let course = Course.load(directories: [fixtures.appendingPathComponent("courses/duplicate-ids")]
    )
    XCTAssertEqual(course.lessons.map(\.title), ["First", "Second"])
    XCTAssertEqual(course.lessons.map(\.isBroken), [false, true])
  }

  func testRebuildingACourseDoesNotRepeatDiagnostics() {
    let course = Course.load(directories: [fixtures.appendingPathComponent("courses/prerequisites")]
    )
    XCTAssertEqual(Course(lessons: course.lessons).allDiagnostics, course.allDiagnostics)
  }

  func testValidCourseHasNoDiagnostics() {
    let course = Course.load(directories: [fixtures.appendingPathComponent("valid")])
    XCTAssertEqual(Linter.check(course: course), [])
    XCTAssertEqual(course.lessons.map(\.id), ["basics", "more"])
  }

  func testBrokenLessonDoesNotStopTheOthers() throws {
    let dir = try temporaryDirectory(self)
    let valid = fixtures.appendingPathComponent("valid")
    for name in try FileManager.default.contentsOfDirectory(atPath: valid.path) {
      try FileManager.default.copyItem(
        at: valid.appendingPathComponent(name), to: dir.appendingPathComponent(name))
    }
    try Data([0xFF, 0x00, 0x1B]).write(to: dir.appendingPathComponent("00-garbage.md"))
    let course = Course.load(directories: [dir])
    XCTAssertEqual(course.lessons.map(\.id), ["basics", "more", "garbage"])
    XCTAssertEqual(course.lessons.map(\.isBroken), [false, false, true])
  }

  func testMissingDirectoryIsADiagnostic() {
    let course = Course.load(directories: [URL(fileURLWithPath: "/nonexistent/lessons")])
    XCTAssertEqual(
      course.allDiagnostics.map(\.description),
      ["/nonexistent/lessons:1:1: error: no such lessons directory or file"])
  }
}

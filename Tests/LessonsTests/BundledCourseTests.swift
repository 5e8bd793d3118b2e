import Foundation
import XCTest

@testable import Lessons

/// The course shipped in `Lessons/` passes `check` with no error.
final class BundledCourseTests: XCTestCase {
  func testEveryBundledLessonPassesCheck() throws {
    guard let dir = LessonLocator.bundledDirectory() else {
      throw XCTSkip("no bundled Lessons/ directory in this checkout")
    }
    let course = Course.load(directories: [dir])
    XCTAssertFalse(course.lessons.isEmpty, "no lesson in \(dir.path)")
    let errors = Linter.check(course: course).filter { $0.severity == .error }
    XCTAssertEqual(errors.map(\.description), [])
    XCTAssertEqual(course.brokenLessons.map(\.id), [])
  }
}

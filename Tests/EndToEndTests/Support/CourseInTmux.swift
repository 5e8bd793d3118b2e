import Foundation
import XCTest

/// The shared setup of the tmux tests that run the real binary on a small course: a fresh work
/// directory whose `lessons/` holds the intro lesson and `secondLesson`, progress kept inside it,
/// and the tests' tmux server stopped after the class.
class CourseInTmuxTestCase: XCTestCase {
  var workDir: URL!
  var lessons: URL { workDir.appendingPathComponent("lessons") }

  /// The course's second lesson, as `02-steplr.md`.
  class var secondLesson: String { TUITests.stepLesson }
  /// The work directory's name before its UUID.
  class var workDirPrefix: String { "lrlab-tui" }

  override func setUpWithError() throws {
    guard TmuxSession.isAvailable else {
      throw XCTSkip("tmux is not installed: TUI end-to-end tests skipped")
    }
    workDir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "\(Self.workDirPrefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
    try TUITests.introLesson.write(
      to: lessons.appendingPathComponent("01-intro.md"), atomically: true, encoding: .utf8)
    try Self.secondLesson.write(
      to: lessons.appendingPathComponent("02-steplr.md"), atomically: true, encoding: .utf8)
  }

  override func tearDownWithError() throws {
    if let workDir { try? FileManager.default.removeItem(at: workDir) }
  }

  override class func tearDown() {
    TmuxSession.stopServer()
    super.tearDown()
  }

  /// Progress in the work directory, UTF-8, no crash prompt, colour left to the terminal.
  var baseEnvironment: [String: String] {
    [
      "XDG_STATE_HOME": workDir.appendingPathComponent("state").path, "LANG": "C.UTF-8",
      "SWIFT_BACKTRACE": "interactive=no", "NO_COLOR": "",
    ]
  }
}

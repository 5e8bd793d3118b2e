import App
import Lessons
import TerminalUI
import XCTest

/// `lessons preview` / `--lessons`: a lesson file edited on disk replaces the lesson in place.
final class LessonReloadTests: XCTestCase {
  func lesson(_ body: String, id: String = "live") -> Lesson {
    let text = "---\nid: \(id)\ntitle: Live\norder: 1\nformat_version: 1\n---\n\n# Live\n\n" + body
    return LessonParser.parse(contents: text, file: "live.md")
  }

  func paragraphs(_ word: String) -> String {
    (1...40).map { "Paragraph \($0) says \(word)." }.joined(separator: "\n\n") + "\n"
  }

  func reader(_ d: Driver) -> ReaderState? {
    if case .reader(let s) = d.model.top { return s }
    return nil
  }

  func testAnEditKeepsThePlaceABrokenEditShowsDiagnosticsAndTheFixComesBack() {
    let model = AppModel(
      course: CourseSnapshot(lessons: [lesson(paragraphs("one"))]), progress: ProgressSnapshot(),
      capabilities: .full, width: 80, height: 24)
    var d = Driver(model)
    d.keys(.enter)
    XCTAssertNotNil(reader(d))
    for _ in 0..<30 { d.keys(.char("j")) }
    XCTAssertEqual(reader(d)?.scroll, 30)
    XCTAssertFalse(d.screenText.contains("says two"), d.screenText)

    _ = update(&d.model, .lessonReloaded(lesson(paragraphs("two"))))
    XCTAssertEqual(reader(d)?.scroll, 30, "the reader keeps its line")
    XCTAssertTrue(d.screenText.contains("says two"), d.screenText)

    let broken = lesson(paragraphs("two") + "\n```quiz\nid: Bad Id\nquestion: q\n```\n")
    XCTAssertTrue(broken.isBroken)
    _ = update(&d.model, .lessonReloaded(broken))
    XCTAssertEqual(reader(d)?.scroll, 0)
    XCTAssertTrue(d.screenText.contains("This lesson has errors"), d.screenText)
    XCTAssertTrue(d.screenText.contains("live.md:"), d.screenText)

    _ = update(&d.model, .lessonReloaded(lesson(paragraphs("three"))))
    XCTAssertEqual(reader(d)?.scroll, 30, "the fix returns to where the reader was")
    XCTAssertFalse(d.screenText.contains("This lesson has errors"), d.screenText)
    XCTAssertTrue(d.screenText.contains("says three"), d.screenText)
  }

  func testAReloadOfAnotherFileLeavesTheReaderAlone() {
    let model = AppModel(
      course: CourseSnapshot(lessons: [lesson(paragraphs("one"))]), progress: ProgressSnapshot(),
      capabilities: .full, width: 80, height: 24)
    var d = Driver(model)
    d.keys(.enter)
    let before = d.screenText
    let other = LessonParser.parse(
      contents: "---\nid: o\ntitle: O\norder: 2\nformat_version: 1\n---\n\nBody.\n", file: "o.md")
    _ = update(&d.model, .lessonReloaded(other))
    XCTAssertEqual(d.screenText, before)
    XCTAssertEqual(d.model.course.lessons.count, 1)
  }
}

import Foundation
import Markdown
import XCTest

@testable import Lessons

final class ProgressStoreTests: XCTestCase {
  private let date = Date(timeIntervalSince1970: 1_800_000_000)

  private func sample() -> LearnerProgress {
    var progress = LearnerProgress()
    progress.markRead(lessonID: "basics", at: date)
    progress.markRead(lessonID: "a-removed-lesson", at: date)
    progress.recordQuiz(
      id: "basics/steplr-baseline", choices: [0], result: QuizResult(isCorrect: false), at: date)
    progress.recordQuiz(
      id: "basics/steplr-baseline", choices: [1], result: QuizResult(isCorrect: true), at: date)
    progress.recordQuiz(
      id: "more/lr-after-20", number: 0.025, result: QuizResult(isCorrect: true), at: date)
    progress.recordLabRun(labID: "basics/steplr", events: ["ran:StepLR"], at: date)
    progress.recordEvent("viewed:lr-plot", at: date)
    return progress
  }

  func testRoundTrip() throws {
    let dir = try temporaryDirectory(self)
    let store = ProgressStore(url: dir.appendingPathComponent("lrlab/progress.json"))
    let progress = sample()
    try store.save(progress)
    let loaded = store.load()
    XCTAssertEqual(loaded.warnings, [])
    XCTAssertEqual(loaded.progress, progress)
    XCTAssertEqual(loaded.progress.quizzes["basics/steplr-baseline"]?.attempts, 2)
    XCTAssertEqual(loaded.progress.quizzes["basics/steplr-baseline"]?.firstTryCorrect, false)
    XCTAssertEqual(loaded.progress.quizzes["basics/steplr-baseline"]?.correct, true)
    XCTAssertNotNil(loaded.progress.events["ran-lab:basics/steplr"])
  }

  func testCheckpointsAndScoresFromACourse() {
    var progress = sample()
    let course = Course.load(directories: [fixtures.appendingPathComponent("valid")])
    XCTAssertEqual(progress.updateCheckpoints(course.lessons, at: date), ["more/ran-step"])
    XCTAssertEqual(progress.updateCheckpoints(course.lessons, at: date), [])
    let basics = course.lesson(id: "basics")!
    // Wrong, then right: the quiz counts as right (answered correctly, never revealed).
    XCTAssertEqual(progress.score(of: basics).correct, 1)
    XCTAssertEqual(progress.score(of: basics).total, 1)
    XCTAssertEqual(progress.score(of: course.lesson(id: "more")!).correct, 1)
  }

  func testMissingFileIsAFreshStart() throws {
    let dir = try temporaryDirectory(self)
    let loaded = ProgressStore(url: dir.appendingPathComponent("progress.json")).load()
    XCTAssertEqual(loaded.progress, LearnerProgress())
    XCTAssertEqual(loaded.warnings, [])
  }

  func testCorruptFileIsMovedAsideWithAWarning() throws {
    let dir = try temporaryDirectory(self)
    let url = dir.appendingPathComponent("progress.json")
    try Data("{\"version\": 1, \"lessonsRead\": ".utf8).write(to: url)
    let loaded = ProgressStore(url: url).load(now: date)
    XCTAssertEqual(loaded.progress, LearnerProgress())
    XCTAssertEqual(loaded.warnings.count, 2)
    let aside = dir.appendingPathComponent("progress.json.corrupt-20270115T080000Z")
    XCTAssertTrue(loaded.warnings[1].contains(aside.path), loaded.warnings[1])
    XCTAssertEqual(try Data(contentsOf: aside), Data("{\"version\": 1, \"lessonsRead\": ".utf8))
    XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
  }

  func testWrongShapeAndNewerVersionAreCorrupt() throws {
    for (text, reason) in [
      ("[1, 2]", "not a JSON object"), ("{\"lessonsRead\": {}}", "missing \"version\""),
      ("{\"version\": 99}", "newer"), ("{\"version\": 1, \"quizzes\": 3}", "quizzes"),
    ] {
      guard case .failure(let message) = ProgressStore.decode(Data(text.utf8)) else {
        return XCTFail(text)
      }
      XCTAssertTrue(message.contains(reason), "\(text): \(message)")
    }
  }

  func testAtomicWriteLeavesNoTempFiles() throws {
    let dir = try temporaryDirectory(self)
    let store = ProgressStore(url: dir.appendingPathComponent("progress.json"))
    for n in 0..<5 {
      var progress = sample()
      progress.markRead(lessonID: "lesson-\(n)", at: date)
      try store.save(progress)
    }
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["progress.json"])
    XCTAssertEqual(
      store.load().progress.lessonsRead.keys.sorted(), ["a-removed-lesson", "basics", "lesson-4"])
  }

  func testUnwritableLocationThrowsAndLeavesNothing() throws {
    let dir = try temporaryDirectory(self)
    let blocker = dir.appendingPathComponent("file")
    try Data().write(to: blocker)
    let store = ProgressStore(url: blocker.appendingPathComponent("progress.json"))
    XCTAssertThrowsError(try store.save(sample()))
  }

  func testUnknownIdsSurvive() throws {
    let dir = try temporaryDirectory(self)
    let store = ProgressStore(url: dir.appendingPathComponent("progress.json"))
    try store.save(sample())
    var progress = store.load().progress
    // A course without "a-removed-lesson": its entry is kept untouched.
    progress.updateCheckpoints(
      Course.load(directories: [fixtures.appendingPathComponent("valid")]).lessons, at: date)
    try store.save(progress)
    XCTAssertEqual(store.load().progress.lessonsRead["a-removed-lesson"], date)
  }

  func testImportRefusesBadFiles() throws {
    let dir = try temporaryDirectory(self)
    let bad = dir.appendingPathComponent("bad.json")
    try Data("not json".utf8).write(to: bad)
    XCTAssertThrowsError(try ProgressStore.read(from: bad)) { error in
      XCTAssertEqual("\(error)", "cannot read \(bad.path): not a JSON object")
    }
    XCTAssertThrowsError(try ProgressStore.read(from: dir.appendingPathComponent("missing.json")))
    let good = dir.appendingPathComponent("good.json")
    try ProgressStore.encode(sample()).write(to: good)
    XCTAssertEqual(try ProgressStore.read(from: good), sample())
  }

  func testDefaultLocation() {
    XCTAssertEqual(
      ProgressStore.defaultURL(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]).path,
      "/s/lrlab/progress.json")
    XCTAssertEqual(
      ProgressStore.defaultURL(environment: ["HOME": "/h"]).path,
      "/h/.local/state/lrlab/progress.json")
    XCTAssertEqual(
      ProgressStore.defaultURL(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]).path,
      "/h/.local/state/lrlab/progress.json")
  }
}

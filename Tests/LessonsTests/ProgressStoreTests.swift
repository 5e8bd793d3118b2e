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
      // Reported precisely, not as "not a JSON object".
      (
        "{\"version\": 1, \"lessonsRead\": ", "1:31: unexpected end of file (the file is truncated)"
      ),
      ("{\"version\": 1e999}", "1:13: number 1e999 is out of range"),
      ("{\"version\": 1,\n \"events\": {\"a\": tru}}", "2:21: unexpected '}'"),
      ("{\"version\": 1} x", "unexpected text after the end"),
      ("", "empty file"),
      (
        "{\"version\": 1, \"labsRun\": {\"a/b\": {\"runs\": 9223372036854775807, \"lastRunAt\": \"2027-01-15T08:00:00Z\"}}}",
        "labsRun.a/b.runs: 9223372036854775807 is out of range"
      ),
      (
        "{\"version\": 1, \"quizzes\": {\"q\": {\"attempts\": 9223372036854775806, \"correct\": true, \"firstTryCorrect\": true, \"answeredAt\": \"2027-01-15T08:00:00Z\"}}}",
        "quizzes.q.attempts"
      ),
      (
        "{\"version\": 1, \"quizzes\": {\"q\": {\"attempts\": 1, \"correct\": true, \"firstTryCorrect\": true, \"lastChoices\": [-1], \"answeredAt\": \"2027-01-15T08:00:00Z\"}}}",
        "quizzes.q.lastChoices: -1 is out of range"
      ),
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
    // Only the file and its lock; every save merged with the one before (nothing dropped).
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(),
      ["progress.json", "progress.json.lock"])
    XCTAssertEqual(
      store.load().progress.lessonsRead.keys.sorted(),
      ["a-removed-lesson", "basics", "lesson-0", "lesson-1", "lesson-2", "lesson-3", "lesson-4"])
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
      XCTAssertEqual(
        "\(error)", "cannot read \(bad.path): 1:1: not a JSON object (the top level must be {…})")
    }
    XCTAssertThrowsError(try ProgressStore.read(from: dir.appendingPathComponent("missing.json")))
    let good = dir.appendingPathComponent("good.json")
    try ProgressStore.encode(sample()).write(to: good)
    XCTAssertEqual(try ProgressStore.read(from: good), sample())
  }

  func testDefaultLocation() throws {
    XCTAssertEqual(
      try ProgressStore.locate(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]).path,
      "/s/lrlab/progress.json")
    XCTAssertEqual(
      try ProgressStore.locate(environment: ["HOME": "/h"]).path,
      "/h/.local/state/lrlab/progress.json")
    XCTAssertEqual(
      try ProgressStore.locate(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]).path,
      "/h/.local/state/lrlab/progress.json")
    // An empty, relative or missing HOME never puts progress under the current directory.
    for env in [["HOME": ""], ["HOME": "relative/home"], [:]] {
      XCTAssertThrowsError(try ProgressStore.locate(environment: env)) { error in
        XCTAssertTrue("\(error)".contains("must be an absolute path"), "\(error)")
      }
    }
  }

  // MARK: Never losing data (issue 12)

  func testADirectoryInThePlaceOfTheFileMakesTheStoreReadOnlyAndIsNeverTouched() throws {
    let dir = try temporaryDirectory(self)
    let url = dir.appendingPathComponent("progress.json")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    try Data("keep".utf8).write(to: url.appendingPathComponent("inside"))
    let store = ProgressStore(url: url)
    let loaded = store.load()
    XCTAssertTrue(loaded.isReadOnly)
    XCTAssertTrue(loaded.warnings[0].contains("it is a directory"), loaded.warnings[0])
    XCTAssertThrowsError(try store.update { $0.markRead(lessonID: "x", at: self.date) })
    XCTAssertThrowsError(try store.save(sample()))
    // `reset` never deletes recursively.
    XCTAssertThrowsError(try store.reset()) { error in
      XCTAssertTrue("\(error)".contains("is a directory"), "\(error)")
    }
    XCTAssertEqual(try Data(contentsOf: url.appendingPathComponent("inside")), Data("keep".utf8))
  }

  func testANewerVersionIsRefusedAndLeftUntouched() throws {
    let dir = try temporaryDirectory(self)
    let url = dir.appendingPathComponent("progress.json")
    let newer = Data("{\"version\": 2, \"lessonsRead\": {}, \"future\": true}".utf8)
    try newer.write(to: url)
    let store = ProgressStore(url: url)
    let loaded = store.load()
    XCTAssertTrue(loaded.isReadOnly)
    XCTAssertTrue(loaded.warnings[0].contains("upgrade lrlab"), loaded.warnings[0])
    XCTAssertThrowsError(try store.save(sample()))
    XCTAssertEqual(try Data(contentsOf: url), newer)
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
        $0.contains("corrupt")
      }, [])
    XCTAssertThrowsError(try ProgressStore.read(from: url)) { error in
      XCTAssertTrue("\(error)".contains("newer lrlab"), "\(error)")
    }
  }

  func testTwoCorruptLoadsInOneSecondGetTwoAsideNames() throws {
    let dir = try temporaryDirectory(self)
    let url = dir.appendingPathComponent("progress.json")
    let store = ProgressStore(url: url)
    try Data("first".utf8).write(to: url)
    XCTAssertFalse(store.load(now: date).isReadOnly)
    try Data("second".utf8).write(to: url)
    let second = store.load(now: date)
    XCTAssertFalse(second.isReadOnly, "\(second.warnings)")
    let stem = dir.appendingPathComponent("progress.json.corrupt-20270115T080000Z")
    XCTAssertEqual(try Data(contentsOf: stem), Data("first".utf8))
    XCTAssertEqual(
      try Data(contentsOf: URL(fileURLWithPath: stem.path + "-2")), Data("second".utf8))
  }

  func testSavesApplyToWhatIsInTheFileNow() throws {
    // Two tutorials: one reads lesson A, the other lesson B; the file keeps both.
    let dir = try temporaryDirectory(self)
    let url = dir.appendingPathComponent("progress.json")
    let first = ProgressStore(url: url)
    let second = ProgressStore(url: url)
    _ = first.load()
    _ = second.load()
    try first.update { $0.markRead(lessonID: "a", at: self.date) }
    try second.update { $0.markRead(lessonID: "b", at: self.date) }
    XCTAssertEqual(first.load().progress.lessonsRead.keys.sorted(), ["a", "b"])
    // A whole-progress save merges with what another process wrote.
    var stale = LearnerProgress()
    stale.markRead(lessonID: "c", at: date)
    try first.save(stale)
    XCTAssertEqual(first.load().progress.lessonsRead.keys.sorted(), ["a", "b", "c"])
  }

  func testMergeKeepsTheUnionMaxAttemptsAndLatestTimes() {
    let early = date
    let late = date.addingTimeInterval(60)
    var a = LearnerProgress()
    a.markRead(lessonID: "x", at: early)
    a.recordQuiz(id: "q", choices: [0], result: QuizResult(isCorrect: false), at: early)
    a.recordLabRun(labID: "l", events: ["ran:StepLR"], at: late)
    a.events["opened:x"] = early
    var b = LearnerProgress()
    b.markRead(lessonID: "x", at: late)
    b.markRead(lessonID: "y", at: early)
    b.recordQuiz(id: "q", choices: [0], result: QuizResult(isCorrect: false), at: early)
    b.recordQuiz(id: "q", choices: [1], result: QuizResult(isCorrect: true), at: late)
    b.recordLabRun(labID: "l", events: ["ran:StepLR"], at: early)
    b.recordLabRun(labID: "l", events: [], at: early)
    b.events["opened:x"] = late
    let merged = a.merging(b)
    XCTAssertEqual(merged, b.merging(a), "commutative")
    XCTAssertEqual(merged.lessonsRead, ["x": late, "y": early])
    XCTAssertEqual(merged.quizzes["q"]?.attempts, 2)
    XCTAssertEqual(merged.quizzes["q"]?.correct, true)
    XCTAssertEqual(merged.quizzes["q"]?.lastChoices, [1])
    XCTAssertEqual(merged.quizzes["q"]?.firstTryCorrect, false)
    XCTAssertEqual(merged.labsRun["l"], LearnerProgress.LabRunRecord(runs: 2, lastRunAt: late))
    XCTAssertEqual(merged.events["ran:StepLR"], early, "first time an event happened")
    XCTAssertEqual(merged.events["opened:x"], late, "last time a lesson was opened")
    XCTAssertEqual(merged.merging(merged), merged)
  }

  func testASymlinkedFileIsWrittenThroughToItsTarget() throws {
    let dir = try temporaryDirectory(self)
    let target = dir.appendingPathComponent("dotfiles/progress.json")
    try FileManager.default.createDirectory(
      at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try ProgressStore.encode(sample()).write(to: target)
    let link = dir.appendingPathComponent("progress.json")
    try FileManager.default.createSymbolicLink(
      atPath: link.path, withDestinationPath: "dotfiles/progress.json")
    let store = ProgressStore(url: link)
    try store.update { $0.markRead(lessonID: "new", at: self.date) }
    XCTAssertEqual(
      try FileManager.default.destinationOfSymbolicLink(atPath: link.path), "dotfiles/progress.json"
    )
    XCTAssertNotNil(try ProgressStore.read(from: target).lessonsRead["new"])
    // Reset empties the target and keeps the link.
    try store.reset()
    XCTAssertEqual(try ProgressStore.read(from: target), LearnerProgress())
    XCTAssertNotNil(try? FileManager.default.destinationOfSymbolicLink(atPath: link.path))
  }

  func testExportWritesRegularFilesOnlyAndKeepsTheMode() throws {
    let dir = try temporaryDirectory(self)
    let file = dir.appendingPathComponent("mine.json")
    try Data("old".utf8).write(to: file)
    chmod(file.path, 0o600)
    try ProgressStore.export(ProgressStore.encode(sample()), to: file)
    var info = stat()
    XCTAssertEqual(stat(file.path, &info), 0)
    XCTAssertEqual(info.st_mode & 0o777, 0o600)
    XCTAssertEqual(try ProgressStore.read(from: file), sample())
    // A FIFO (or /dev/null, a directory) is refused, and stays what it was.
    let fifo = dir.appendingPathComponent("fifo")
    XCTAssertEqual(mkfifo(fifo.path, 0o644), 0)
    for refused in [fifo.path, "/dev/null", dir.path] {
      XCTAssertThrowsError(
        try ProgressStore.export(Data("{}".utf8), to: URL(fileURLWithPath: refused))
      ) {
        XCTAssertTrue("\($0)".contains("regular files only"), "\($0)")
      }
    }
    XCTAssertEqual(lstat(fifo.path, &info), 0)
    XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO)
    XCTAssertEqual(lstat("/dev/null", &info), 0)
    XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR)
  }

  func testCountsNearIntMaxNeverTrap() {
    var progress = LearnerProgress()
    progress.quizzes["q"] = LearnerProgress.QuizRecord(
      attempts: LearnerProgress.maxCount, correct: true, firstTryCorrect: true, lastChoices: nil,
      lastNumber: nil, answeredAt: date)
    progress.recordQuiz(id: "q", choices: [0], result: QuizResult(isCorrect: true), at: date)
    XCTAssertEqual(progress.quizzes["q"]?.attempts, LearnerProgress.maxCount)
    progress.labsRun["l"] = LearnerProgress.LabRunRecord(
      runs: LearnerProgress.maxCount, lastRunAt: date)
    progress.recordLabRun(labID: "l", events: [], at: date)
    XCTAssertEqual(progress.labsRun["l"]?.runs, LearnerProgress.maxCount)
    XCTAssertNil(progress.rangeProblem())
  }
}

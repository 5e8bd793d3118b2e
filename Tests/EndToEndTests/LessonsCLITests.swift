import Foundation
import XCTest

/// `lrlab lessons …` and `lrlab progress …` through the built binary.
final class LessonsCLITests: XCTestCase {
  private let lessonFixtures = packageRoot.appendingPathComponent("Tests/LessonsTests/Fixtures")
  private var valid: String { lessonFixtures.appendingPathComponent("valid").path }

  private func tempDir() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lrlab-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }

  // MARK: list

  func testListJSONContract() throws {
    let result = try runLrlab(["lessons", "list", "--format", "json", "--lessons", valid])
    XCTAssertEqual(result.status, 0, result.stderr)
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    let lessons = try XCTUnwrap(json as? [[String: Any]])
    XCTAssertEqual(lessons.map { $0["id"] as? String }, ["basics", "more"])
    XCTAssertEqual(lessons.map { $0["title"] as? String }, ["Basics of *schedules*", "More"])
    XCTAssertEqual(lessons[0]["file"] as? String, valid + "/01-basics.md")
    let quizzes = try XCTUnwrap(lessons[0]["quizzes"] as? [[String: Any]])
    XCTAssertEqual(quizzes.count, 1)
    XCTAssertEqual(
      quizzes[0]["question"] as? String, "Which scheduler halves the LR every 10 epochs?")
    XCTAssertEqual(
      quizzes[0]["choices"] as? [String], ["CosineAnnealingLR", "StepLR", "ReduceLROnPlateau"])
    XCTAssertEqual(quizzes[0]["answers"] as? [Int], [1])
    let more = try XCTUnwrap(lessons[1]["quizzes"] as? [[String: Any]])
    XCTAssertEqual(more[0]["answers"] as? [Int], [0, 1])
    XCTAssertEqual(more[1]["answers"] as? [Int], [])
    XCTAssertEqual(more[1]["answer"] as? Double, 0.025)
  }

  func testListTableAndEnvironmentVariable() throws {
    let result = try runLrlab(["lessons", "list"], environment: ["LRLAB_LESSONS": valid])
    XCTAssertEqual(result.status, 0, result.stderr)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.count, 3)
    XCTAssertTrue(lines[0].hasPrefix("ORDER  ID"), lines[0])
    XCTAssertTrue(lines[1].hasPrefix("10     basics  Basics of *schedules*  1"), lines[1])
    XCTAssertTrue(lines[2].hasPrefix("20     more    More"), lines[2])
  }

  // MARK: check

  func testCheckValidCourse() throws {
    let result = try runLrlab(["lessons", "check", valid])
    XCTAssertEqual(result.status, 0)
    // The summary follows the diagnostics on the same stream.
    XCTAssertEqual(result.stdout, "0 errors, 0 warnings in 2 files\n")
    XCTAssertEqual(result.stderr, "")
  }

  func testCheckReportsEveryProblemAndExitsOne() throws {
    let dir = lessonFixtures.appendingPathComponent("courses/prerequisites")
    let explicit = try runLrlab(["lessons", "check", "."], currentDirectory: dir)
    XCTAssertEqual(explicit.status, 1)
    let expected = try String(
      contentsOf: dir.appendingPathComponent("expected.txt"), encoding: .utf8)
    XCTAssertEqual(
      explicit.stdout.replacingOccurrences(of: "./", with: ""),
      expected + "3 errors, 1 warning in 3 files\n")
  }

  func testCheckWarningsOnlyExitsZero() throws {
    let dir = try tempDir()
    let text = "---\nid: w\ntitle: W\norder: 1\nformat_version: 1\nauthor: me\n---\n\nBody.\n"
    try Data(text.utf8).write(to: dir.appendingPathComponent("w.md"))
    let result = try runLrlab(["lessons", "check", dir.path])
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(
      result.stdout,
      "\(dir.path)/w.md:6:1: warning: unknown front-matter key 'author'\n0 errors, 1 warning in 1 file\n"
    )
  }

  func testCheckNeverCrashes() throws {
    let dir = try tempDir()
    var bytes: [UInt8] = []
    var state: UInt32 = 12345
    for _ in 0..<65536 {
      state = state &* 1_103_515_245 &+ 12345
      bytes.append(UInt8(truncatingIfNeeded: state >> 16))
    }
    let header = "---\nid: big\ntitle: Big\norder: 1\nformat_version: 1\n---\n\n"
    let big =
      header + String(repeating: "Text with *em* and `code`.\n\n", count: 10 * 1024 * 1024 / 28)
    let cases: [(String, Data, Int32)] = [
      ("garbage.md", Data(bytes), 1),
      ("empty.md", Data(), 1),
      ("invalid-utf8.md", Data(header.utf8) + Data([0xC3, 0x28, 0x0A]), 1),
      ("big.md", Data(big.utf8), 0),
      ("nested.md", Data((header + String(repeating: ">", count: 10_000) + " x\n").utf8), 0),
    ]
    for (name, data, status) in cases {
      let file = dir.appendingPathComponent(name)
      try data.write(to: file)
      let result = try runLrlab(["lessons", "check", file.path])
      XCTAssertEqual(result.status, status, "\(name): \(result.stdout) \(result.stderr)")
      XCTAssertTrue(result.stdout.hasSuffix("in 1 file\n"), "\(name): \(result.stderr)")
    }
  }

  // MARK: new

  func testNewScaffoldsALessonThatPassesCheck() throws {
    let dir = try tempDir()
    let created = try runLrlab(["lessons", "new", "warmup-basics", "--dir", dir.path])
    XCTAssertEqual(created.status, 0, created.stderr)
    XCTAssertEqual(created.stdout, dir.path + "/01-warmup-basics.md\n")
    let check = try runLrlab(["lessons", "check", dir.path])
    XCTAssertEqual(check.status, 0, check.stdout)
    XCTAssertEqual(check.stdout, "0 errors, 0 warnings in 1 file\n")
    let again = try runLrlab(["lessons", "new", "warmup-basics", "--dir", dir.path])
    XCTAssertEqual(again.status, 1)
    XCTAssertTrue(again.stderr.contains("already exists"), again.stderr)
    let second = try runLrlab(["lessons", "new", "second", "--dir", dir.path])
    XCTAssertEqual(second.stdout, dir.path + "/02-second.md\n")
    let list = try runLrlab(["lessons", "list", "--lessons", dir.path])
    XCTAssertTrue(list.stdout.contains("20     second"), list.stdout)
  }

  func testNewRejectsABadID() throws {
    let result = try runLrlab(["lessons", "new", "Bad Id", "--dir", try tempDir().path])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("invalid lesson id"), result.stderr)
  }

  // MARK: progress

  func testProgressImportExportResetAndCorruption() throws {
    let state = try tempDir()
    let env = ["XDG_STATE_HOME": state.path, "LRLAB_LESSONS": valid]
    let progressFile = state.appendingPathComponent("lrlab/progress.json")

    let fresh = try runLrlab(["progress", "show"], environment: env)
    XCTAssertEqual(fresh.status, 0, fresh.stderr)
    XCTAssertTrue(fresh.stdout.contains("quizzes 0/1"), fresh.stdout)

    let bad = state.appendingPathComponent("bad.json")
    try Data("{\"version\": \"one\"}".utf8).write(to: bad)
    let refused = try runLrlab(["progress", "import", bad.path], environment: env)
    XCTAssertEqual(refused.status, 1)
    XCTAssertTrue(refused.stderr.contains("refusing to import"), refused.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: progressFile.path))

    let good = state.appendingPathComponent("good.json")
    let json = """
      {"version": 1, "lessonsRead": {"basics": "2027-01-15T08:00:00Z", "gone": "2027-01-15T08:00:00Z"},
       "quizzes": {"basics/steplr-baseline": {"attempts": 1, "correct": true, "firstTryCorrect": true,
         "lastChoices": [1], "answeredAt": "2027-01-15T08:00:00Z"}}}
      """
    try Data(json.utf8).write(to: good)
    let imported = try runLrlab(["progress", "import", good.path], environment: env)
    XCTAssertEqual(imported.status, 0, imported.stderr)
    let shown = try runLrlab(["progress", "show"], environment: env)
    XCTAssertTrue(shown.stdout.contains("read  basics  quizzes 1/1"), shown.stdout)
    XCTAssertTrue(shown.stdout.contains("1 read lesson is not in this course"), shown.stdout)

    let exported = try runLrlab(["progress", "export"], environment: env)
    let object =
      try JSONSerialization.jsonObject(with: Data(exported.stdout.utf8)) as? [String: Any]
    XCTAssertEqual(object?["version"] as? Int, 1)
    XCTAssertEqual((object?["lessonsRead"] as? [String: Any])?.keys.sorted(), ["basics", "gone"])
    let exportFile = state.appendingPathComponent("out/export.json")
    XCTAssertEqual(
      try runLrlab(["progress", "export", exportFile.path], environment: env).status, 0)
    XCTAssertEqual(
      try runLrlab(["progress", "import", exportFile.path], environment: env).status, 0)

    try Data("garbage".utf8).write(to: progressFile)
    let recovered = try runLrlab(["progress", "show"], environment: env)
    XCTAssertEqual(recovered.status, 0)
    XCTAssertTrue(recovered.stderr.contains("moved it aside"), recovered.stderr)
    let names = try FileManager.default.contentsOfDirectory(
      atPath: progressFile.deletingLastPathComponent().path)
    XCTAssertTrue(names.contains { $0.hasPrefix("progress.json.corrupt-") }, "\(names)")

    let reset = try runLrlab(["progress", "reset"], environment: env)
    XCTAssertEqual(reset.status, 0)
    XCTAssertFalse(FileManager.default.fileExists(atPath: progressFile.path))
  }
}

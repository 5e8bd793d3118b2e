import Foundation
import XCTest

/// `lrlab lessons test`: the bundled course's claims hold, and false claims are caught.
final class LessonsTestCLITests: XCTestCase {
  private func tempDir() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lrlab-lt-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }

  private func write(_ text: String, _ name: String, in dir: URL) throws -> URL {
    let url = dir.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
  }

  private let header = "---\nid: t\ntitle: T\norder: 10\nformat_version: 1\n---\n\n# T\n\n"

  /// The course's own claims: every lab runs, every expect holds on 5 seeds (at least), every
  /// numeric quiz is recomputed from its source. The content cannot land false.
  func testTheBundledCourseTellsTheTruth() throws {
    let lessons = packageRoot.appendingPathComponent("Lessons").path
    let started = Date()
    let result = try runLrlab(["lessons", "test", lessons, "--format", "json"])
    let seconds = Date().timeIntervalSince(started)
    print("lessons test Lessons: \(String(format: "%.1f", seconds)) s")
    let json = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
      result.stderr)
    let expects = try XCTUnwrap(json["expects"] as? [[String: Any]])
    let quizzes = try XCTUnwrap(json["quizzes"] as? [[String: Any]])
    for e in expects where e["passed"] as? Bool != true {
      XCTFail(
        "\(e["file"] ?? ""):\(e["line"] ?? ""): expect '\(e["text"] ?? "")' failed: \(e["seeds"] ?? "")"
      )
    }
    for q in quizzes where q["passed"] as? Bool != true {
      XCTFail(
        "\(q["file"] ?? ""):\(q["line"] ?? ""): quiz \(q["id"] ?? "") answer \(q["answer"] ?? "") ≠ \(q["computed"] ?? "")"
      )
    }
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(json["passed"] as? Bool, true)
    XCTAssertGreaterThanOrEqual(expects.count, 60)
    for e in expects {
      XCTAssertGreaterThanOrEqual((e["seeds"] as? [Any])?.count ?? 0, 5, "\(e["text"] ?? "")")
    }
    // Every numeric quiz of the course names its source (and so is verified).
    let list = try runLrlab(["lessons", "list", "--format", "json", "--lessons", lessons])
    let listed = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
    let numeric = listed.flatMap { ($0["quizzes"] as? [[String: Any]]) ?? [] }.filter {
      $0["answer"] != nil
    }
    XCTAssertGreaterThanOrEqual(numeric.count, 15)
    XCTAssertEqual(quizzes.count, numeric.count)
  }

  func testFalseExpectsAndWrongAnswersFailNamingFileAndLine() throws {
    let dir = try tempDir()
    let file = try write(
      header + """
        ```lab id=step model=sine epochs=30 step-every=epoch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.5)
        ```

        ```expect
        - final_lr < 0.004
        - final_lr == 0.025
        - 0.02 < final_lr < 0.03
        - final_lr < lab:const.final_lr
        - lab:const.final_lr > 3 * final_lr on 4/5 seeds
        - diverges: false
        ```

        ```lab id=const model=sine epochs=30 step-every=epoch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        scheduler = torch.optim.lr_scheduler.ConstantLR(optimizer, factor=1.0, total_iters=1)
        ```

        ```quiz
        id: wrong
        question: The rate after 20 epochs?
        answer: 0.03
        source: {lab: step, quantity: "lr_at_epoch(20)"}
        ```

        ```quiz
        id: right
        question: The rate after 20 steps?
        answer: 0.0250001
        digits: 6
        source:
          snippet: |
            optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
            scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.5)
          step: 20
        ```

        """, "01-t.md", in: dir)
    let result = try runLrlab(["lessons", "test", dir.path])
    XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    XCTAssertEqual(
      lines.first,
      "\(file.path):16:3: error: expect 'final_lr < 0.004' failed on seed 0: final_lr = 0.025 (also on seeds 1, 2, 3, 4)"
    )
    XCTAssertTrue(
      lines.contains {
        $0.hasPrefix("\(file.path):33:") && $0.contains("quiz 't/wrong' answer 0.03 is wrong")
      }, result.stdout)
    XCTAssertEqual(lines.filter { $0.contains("error:") }.count, 2, result.stdout)
    XCTAssertEqual(
      lines.last,
      "6 expects: 5 held, 1 failed; 2 verified quizzes: 1 right, 1 wrong (10 lab runs)")

    let json = try runLrlab(["lessons", "test", dir.path, "--format", "json", "--seeds", "2"])
    let object = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    XCTAssertEqual(object["passed"] as? Bool, false)
    let expects = try XCTUnwrap(object["expects"] as? [[String: Any]])
    XCTAssertEqual(expects[0]["line"] as? Int, 16)
    XCTAssertEqual(expects[0]["lab"] as? String, "t/step")
    let seeds = try XCTUnwrap(expects[0]["seeds"] as? [[String: Any]])
    XCTAssertEqual(seeds.map { $0["seed"] as? Int }, [0, 1])
    XCTAssertEqual(seeds[0]["value"] as? Double, 0.025)
    // `on 4/5 seeds` runs its own five.
    XCTAssertEqual((expects[4]["seeds"] as? [Any])?.count, 5)
    let quizzes = try XCTUnwrap(object["quizzes"] as? [[String: Any]])
    XCTAssertEqual(quizzes.map { $0["passed"] as? Bool }, [false, true])
    XCTAssertEqual(quizzes[0]["computed"] as? Double, 0.025)
  }

  func testCheckRejectsGarbageExpectsTypoedBlocksAndLabsTheAppCannotRun() throws {
    let dir = try tempDir()
    let file = try write(
      header + """
        ```lab id=a model=quadratic epochs=5
        optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.5)
        ```

        ```expect
        - final_lrr < 3
        - final_lr < lab:nope.final_lr
        - final_lr <
        ```

        ```quizz
        id: q
        question: Which?
        choices:
          - text: A
            correct: true
          - text: B
        ```

        """, "01-t.md", in: dir)
    let result = try runLrlab(["lessons", "check", dir.path])
    XCTAssertEqual(result.status, 1)
    let p = file.path
    XCTAssertEqual(
      result.stdout,
      """
      \(p):10:1: error: the app cannot run lab 'a': the quadratic model's exact expected-loss recursion covers SGD only; use --model sine for Adam
      \(p):16:3: error: expect 'final_lrr < 3': unknown quantity 'final_lrr'; did you mean 'final_lr'?
      \(p):17:3: error: no lab 'nope' in this lesson
      \(p):18:13: error: expect 'final_lr <': the expectation ends too early
      \(p):21:1: error: unknown block '```quizz'; did you mean '```quiz'? (as written, the learner sees its text as a code box)
      5 errors, 0 warnings in 1 file

      """)
    // The same lesson is unusable input for `lessons test`.
    let test = try runLrlab(["lessons", "test", dir.path])
    XCTAssertEqual(test.status, 2)
  }

  func testMissingLessonsPathExitsTwoEverywhere() throws {
    for arguments in [
      ["lessons", "test", "/nonexistent/lessons"],
      ["lessons", "check", "/nonexistent/lessons"],
      ["lessons", "list", "--lessons", "/nonexistent/lessons"],
      ["lessons", "new", "x", "--lessons", "/nonexistent/lessons"],
      ["progress", "show", "--lessons", "/nonexistent/lessons"],
      ["--lessons", "/nonexistent/lessons"],
    ] {
      let result = try runLrlab(arguments)
      XCTAssertEqual(result.status, 2, "\(arguments): \(result.stdout) \(result.stderr)")
      XCTAssertTrue(result.stderr.contains("/nonexistent/lessons"), result.stderr)
    }
  }

  func testNewWithoutDirWritesIntoTheCurrentDirectory() throws {
    let dir = try tempDir()
    let created = try runLrlab(["lessons", "new", "here"], currentDirectory: dir)
    XCTAssertEqual(created.status, 0, created.stderr)
    XCTAssertTrue(
      FileManager.default.fileExists(atPath: dir.appendingPathComponent("01-here.md").path))
    let test = try runLrlab(["lessons", "test", dir.path])
    XCTAssertEqual(test.status, 0, test.stdout + test.stderr)
  }

  /// The authoring loop: preview opens the lesson; saving the file reloads it in place.
  func testPreviewReloadsTheLessonWhenTheFileChanges() throws {
    guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
    let dir = try tempDir()
    let created = try runLrlab(["lessons", "new", "live"], currentDirectory: dir)
    XCTAssertEqual(created.status, 0, created.stderr)
    let file = dir.appendingPathComponent("01-live.md")
    let tmux = try TmuxSession(
      command: "cd '\(dir.path)' && '\(lrlabBinary.path)' lessons preview 01-live.md", width: 80,
      height: 24, environment: ["XDG_STATE_HOME": dir.path, "LRLAB_LESSONS": ""])
    _ = try tmux.waitFor { $0.contains("A block quote: a tip or a warning.") }
    var text = try String(contentsOf: file, encoding: .utf8)
    text = text.replacingOccurrences(of: "a tip or a warning", with: "edited while open")
    try Data(text.utf8).write(to: file)
    _ = try tmux.waitFor { $0.contains("edited while open") }
    try Data(text.replacingOccurrences(of: "id: first-quiz", with: "id: Bad Id").utf8).write(
      to: file)
    _ = try tmux.waitFor { $0.contains("This lesson has errors") }
    try Data(text.utf8).write(to: file)
    let back = try tmux.waitFor { !$0.contains("This lesson has errors") }
    XCTAssertTrue(back.contains("edited while open"), back)
  }
}

import Foundation
import XCTest

/// What the learner sees in a real terminal: colour (and its absence), and one progress model
/// shared by Home, the reader and `lrlab progress show --format json`.
final class LearnerTUITests: CourseInTmuxTestCase {
  override class var secondLesson: String { checkpointLesson }
  override class var workDirPrefix: String { "lrlab-learner" }

  override func setUpWithError() throws {
    try super.setUpWithError()
    guard FileManager.default.isExecutableFile(atPath: lrlabBinary.path) else {
      throw XCTSkip("lrlab is not built at \(lrlabBinary.path)")
    }
  }

  func environment(_ extra: [String: String] = [:]) -> [String: String] {
    var env = baseEnvironment
    env["TERM"] = "tmux-256color"
    for (k, v) in extra { env[k] = v }
    return env
  }

  func start(
    _ arguments: String = "", width: Int = 100, height: Int = 30, env: [String: String] = [:]
  )
    throws -> TmuxSession
  {
    let command = "'\(lrlabBinary.path)' \(arguments) --lessons '\(lessons.path)'"
    return try TmuxSession(
      command: command, width: width, height: height, environment: environment(env))
  }

  /// `s` on a ReduceLROnPlateau lab card: its rate follows the validation loss, so the preview
  /// says so (stepping it bare raised "missing … 'metrics'" over a one-point chart).
  func testThePreviewOfAPlateauLabSaysItFollowsTheValidationLoss() throws {
    try """
    ---
    id: plateau
    title: Plateau
    order: 3
    format_version: 1
    ---
    # Plateau

    ```lab id=plateau model=sine epochs=20 step-every=epoch title="Cut on a plateau"
    optimizer = torch.optim.SGD(model.parameters(), lr=0.2, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, patience=2)
    ```
    """.write(
      to: lessons.appendingPathComponent("03-plateau.md"), atomically: true, encoding: .utf8)
    let tmux = try start(width: 80, height: 24)
    try tmux.waitFor { $0.contains("q quit") }
    try tmux.sendKeys("Down", "Down", "Enter")
    try tmux.waitFor { $0.contains("Cut on a plateau") }
    try tmux.sendKeys("Tab")
    try tmux.sendKeys("s")
    let screen = try tmux.waitFor { $0.contains("validation loss") }
    XCTAssertTrue(screen.contains("has no schedule on its"), screen)
    XCTAssertFalse(screen.contains("TypeError"), screen)
    XCTAssertFalse(screen.contains("1 steps"), screen)
  }

  /// Home, then the Lab (from Home's "Lab" row, playing), captured with their escapes.
  func homeAndLab(_ arguments: String = "", env: [String: String] = [:]) throws -> (
    home: String, lab: String, labText: String
  ) {
    let tmux = try start(arguments, width: 120, height: 40, env: env)
    try tmux.waitFor { $0.contains("q quit") }
    let home = try tmux.captureEscapes()
    try tmux.sendKeys("End", "Enter")
    try tmux.waitFor { $0.contains("PyTorch") }
    try tmux.sendKeys("Space")
    let labText = try tmux.waitFor(timeout: 15) {
      $0.contains("step 40/") || $0.contains("finished")
    }
    let lab = try tmux.captureEscapes()
    try tmux.sendKeys("C-c")
    return (home, lab, labText)
  }

  func testColourInA256ColourTerminalAndNoneUnderNoColorOrNever() throws {
    let colour = try homeAndLab()
    let homeColours = TmuxSession.foregroundColours(colour.home)
    let labColours = TmuxSession.foregroundColours(colour.lab)
    XCTAssertGreaterThanOrEqual(homeColours.count, 4, "Home: \(homeColours)")
    XCTAssertGreaterThanOrEqual(labColours.count, 4, "Lab: \(labColours)")
    XCTAssertTrue(labColours.contains { $0.hasPrefix("256:") }, "256 colours: \(labColours)")

    // An 8-colour terminal: the basic palette, no 256-colour codes.
    let basic = try homeAndLab(env: ["TERM": "screen"])
    let basicColours = TmuxSession.foregroundColours(basic.home)
      .union(TmuxSession.foregroundColours(basic.lab))
    XCTAssertGreaterThanOrEqual(basicColours.count, 4, "8 colours: \(basicColours)")
    XCTAssertFalse(basicColours.contains { $0.hasPrefix("256:") }, "\(basicColours)")

    let noColor = try homeAndLab(env: ["NO_COLOR": "1"])
    XCTAssertEqual(TmuxSession.foregroundColours(noColor.home), [])
    XCTAssertEqual(TmuxSession.foregroundColours(noColor.lab), [])
    // Without colour the curves keep their own marks (train ● and the LR ● are different
    // charts; the loss chart's series each have a shape in the legend).
    XCTAssertTrue(noColor.labText.contains("⣿●"), noColor.labText)

    let never = try homeAndLab("--color never")
    XCTAssertEqual(TmuxSession.foregroundColours(never.home), [])
    XCTAssertEqual(TmuxSession.foregroundColours(never.lab), [])
  }

  func testImportedProgressShowsTheSameOnHomeInTheReaderAndInProgressShow() throws {
    // A file meeting 2 of the StepLR lesson's 3 checkpoints: one listed as met, one through
    // the event it requires; one quiz answered right.
    let file = workDir.appendingPathComponent("imported.json")
    try """
    {"version": 1,
     "lessonsRead": {},
     "quizzes": {"steplr/baseline": {"attempts": 2, "correct": true, "firstTryCorrect": false,
                 "answeredAt": "2027-01-15T08:00:00Z"}},
     "labsRun": {"steplr/steplr": {"runs": 3, "lastRunAt": "2027-01-15T08:00:00Z"}},
     "events": {"ran:StepLR": "2027-01-15T08:00:00Z", "viewed:lr-plot": "2027-01-15T08:00:00Z"},
     "checkpointsMet": {"steplr/ran": "2027-01-15T08:00:00Z"}}
    """.write(to: file, atomically: true, encoding: .utf8)
    let imported = try runLrlab(["progress", "import", file.path], environment: environment())
    XCTAssertEqual(imported.status, 0, imported.stderr)

    let show = try runLrlab(
      ["progress", "show", "--format", "json", "--lessons", lessons.path],
      environment: environment())
    XCTAssertEqual(show.status, 0, show.stderr)
    let json = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any], show.stdout)
    let rows = try XCTUnwrap(json["lessons"] as? [[String: Any]])
    XCTAssertEqual(rows.count, 2)

    let tmux = try start()
    let home = try tmux.waitFor { $0.contains("q quit") }
    XCTAssertTrue(home.contains("checkpoints 2/3"), home)
    // Every lesson: Home's row says what the JSON says.
    for row in rows {
      let title = try XCTUnwrap(row["title"] as? String)
      let quizzes = try XCTUnwrap(row["quizzes"] as? [String: Any])
      let checkpoints = try XCTUnwrap(row["checkpoints"] as? [String: Any])
      let line = try XCTUnwrap(
        home.split(separator: "\n").first { $0.contains(". ") && $0.contains(title) },
        "\(title) on Home:\n\(home)")
      let right = quizzes["right"] as? Int ?? -1
      let total = quizzes["total"] as? Int ?? -1
      if total > 0 { XCTAssertTrue(line.contains("quiz \(right)/\(total)"), "\(line) vs \(row)") }
      let met = (checkpoints["met"] as? [String])?.count ?? -1
      let cpTotal = checkpoints["total"] as? Int ?? -1
      if cpTotal > 0 {
        XCTAssertTrue(line.contains("checkpoints \(met)/\(cpTotal)"), "\(line) vs \(row)")
      } else {
        XCTAssertFalse(line.contains("checkpoints"), String(line))
      }
    }
    let step = try XCTUnwrap(rows.first { $0["id"] as? String == "steplr" })
    XCTAssertEqual(
      (step["checkpoints"] as? [String: Any])?["met"] as? [String], ["steplr/ran", "steplr/chart"])
    XCTAssertEqual(step["labRuns"] as? Int, 3)
    let totals = try XCTUnwrap(json["totals"] as? [String: Any])
    XCTAssertEqual(totals["labRuns"] as? Int, 3)
    XCTAssertTrue(home.contains("quizzes 1/2"), "title bar agrees: \(home)")

    // The reader ticks exactly those two.
    try tmux.sendKeys("Down", "Down", "Enter")
    try tmux.waitFor { $0.contains("StepLR multiplies") }
    try tmux.sendKeys("G")
    let end = try tmux.waitFor { $0.contains("End of the lesson") }
    XCTAssertTrue(end.contains("[x] Run StepLR in the lab. ✓"), end)
    XCTAssertTrue(end.contains("[x] Read the staircase off the LR chart. ✓"), end)
    XCTAssertTrue(end.contains("[ ] Run the lab with OneCycleLR instead."), end)
    XCTAssertEqual(end.components(separatedBy: "[x] ").count - 1, 2, end)
    XCTAssertTrue(end.contains("run in the Lab (3 runs)"), end)

    // After a restart, the same.
    try tmux.sendKeys("C-c")
    let again = try start()
    XCTAssertTrue(try again.waitFor { $0.contains("q quit") }.contains("checkpoints 2/3"))
    try again.sendKeys("C-c")
  }

  static let checkpointLesson = """
    ---
    id: steplr
    title: "StepLR: the staircase"
    order: 2
    format_version: 1
    ---
    # StepLR: the staircase

    StepLR multiplies the LR by `gamma` every `step_size` epochs.

    ```quiz
    id: baseline
    question: Which scheduler halves the LR every 10 epochs?
    choices:
      - text: CosineAnnealingLR
        explain: It follows a smooth cosine curve.
      - text: StepLR
        correct: true
    ```

    ```quiz
    id: order
    question: Which call comes first in a training step?
    choices:
      - text: optimizer.step()
        correct: true
      - text: scheduler.step()
        explain: The scheduler steps after the optimizer.
    ```

    ```lab id=steplr model=sine epochs=30
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.5)
    ```

    ```checkpoint
    id: ran
    text: Run StepLR in the lab.
    requires: [ran:StepLR]
    ```

    ```checkpoint
    id: chart
    text: Read the staircase off the LR chart.
    requires: [viewed:lr-plot]
    ```

    ```checkpoint
    id: cycle
    text: Run the lab with OneCycleLR instead.
    requires: [ran:OneCycleLR]
    ```
    """
}

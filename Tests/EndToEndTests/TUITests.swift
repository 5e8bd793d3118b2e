import Foundation
import XCTest

@testable import lrlab

/// The real binary in tmux: open a lesson, answer a quiz, resize, quit; the terminal restored.
final class TUITests: CourseInTmuxTestCase {
  var environment: [String: String] { baseEnvironment }

  func start(width: Int = 100, height: Int = 30) throws -> TmuxSession {
    let command =
      "'\(lrlabBinary.path)' --lessons '\(workDir.appendingPathComponent("lessons").path)'"
    return try TmuxSession(command: command, width: width, height: height, environment: environment)
  }

  /// `stty -a` words after the app exited: canonical mode and echo are back on.
  func assertTerminalRestored(_ screen: String, file: StaticString = #filePath, line: UInt = #line)
  {
    let words = Set(
      screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
    XCTAssertTrue(words.contains("icanon"), "icanon restored:\n\(screen)", file: file, line: line)
    XCTAssertTrue(words.contains("echo"), "echo restored:\n\(screen)", file: file, line: line)
    XCTAssertFalse(words.contains("-icanon"), screen, file: file, line: line)
    XCTAssertFalse(words.contains("-echo"), screen, file: file, line: line)
  }

  func testOpenALessonAnswerAQuizResizeAndQuit() throws {
    let tmux = try start()
    var screen = try tmux.waitFor {
      $0.contains("Why schedule the learning rate?") && $0.contains("q quit")
    }
    XCTAssertTrue(screen.contains("StepLR: the staircase"), screen)

    try tmux.sendKeys("Down", "Enter")
    screen = try tmux.waitFor { $0.contains("Which scheduler halves the LR") }
    XCTAssertTrue(screen.contains("Enter: answer"), screen)

    try tmux.sendKeys("Tab", "Enter")
    screen = try tmux.waitFor { $0.contains("Quiz · attempt 1") }
    XCTAssertTrue(screen.contains("1. ( ) CosineAnnealingLR"), screen)

    try tmux.sendKeys("1", "Enter")
    screen = try tmux.waitFor { $0.contains("Not quite") }
    XCTAssertTrue(screen.contains("Hint: Look for the scheduler named after its curve."), screen)

    // Resize mid-quiz: the quiz re-lays out and keeps its state.
    try tmux.resize(width: 70, height: 20)
    screen = try tmux.waitFor { (s: String) in
      s.contains("Not quite") && s.split(separator: Character("\n")).count <= 20
    }
    let widest = screen.components(separatedBy: "\n").map { $0.count }.max() ?? 0
    XCTAssertLessThanOrEqual(widest, 70, screen)
    try tmux.resize(width: 40, height: 10)
    screen = try tmux.waitFor { $0.contains("Enlarge the terminal") }
    XCTAssertTrue(screen.contains("60×16"), screen)
    try tmux.resize(width: 100, height: 30)
    try tmux.waitFor { $0.contains("Not quite") }

    try tmux.sendKeys("2", "Enter")
    screen = try tmux.waitFor { $0.contains("Correct!") }
    XCTAssertTrue(screen.contains("step_size=10, gamma=0.5 does exactly this."), screen)

    try tmux.sendKeys("Enter")
    screen = try tmux.waitFor { $0.contains("answered correctly") }
    try tmux.sendKeys("q")
    screen = try tmux.waitFor { $0.contains("quiz 1/1") }
    // Quitting from Home asks once.
    try tmux.sendKeys("q")
    screen = try tmux.waitFor { $0.contains("Quit lrlab?") }
    try tmux.sendKeys("q")
    screen = try tmux.waitFor { $0.contains("__LRLAB_EXIT_") && $0.contains("icanon") }
    XCTAssertTrue(screen.contains("__LRLAB_EXIT_0__"), screen)
    assertTerminalRestored(screen)

    let progress = workDir.appendingPathComponent("state/lrlab/progress.json")
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: progress)) as? [String: Any]
    let quizzes = json?["quizzes"] as? [String: [String: Any]]
    XCTAssertEqual(
      quizzes?["steplr/baseline"]?["correct"] as? Bool, true, "\(String(describing: json))")
    XCTAssertEqual(quizzes?["steplr/baseline"]?["attempts"] as? Int, 2)
    XCTAssertNotNil((json?["lessonsRead"] as? [String: Any])?["steplr"])
  }

  func testCtrlCQuitsFromAQuizAndRestoresTheTerminal() throws {
    let tmux = try start()
    try tmux.waitFor { $0.contains("q quit") }
    try tmux.sendKeys("Down", "Enter")
    try tmux.waitFor { $0.contains("Which scheduler halves the LR") }
    try tmux.sendKeys("Tab", "Enter")
    try tmux.waitFor { $0.contains("Quiz · attempt 1") }
    try tmux.sendKeys("C-c")
    let screen = try tmux.waitFor { $0.contains("__LRLAB_EXIT_") && $0.contains("icanon") }
    XCTAssertTrue(screen.contains("__LRLAB_EXIT_130__"), screen)
    assertTerminalRestored(screen)
  }

  /// The pid of the `lrlab` running in the session's pane (the pane's shell's child).
  func appPID() throws -> Int32? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "tmux", "-L", TmuxSession.socket, "list-panes", "-a", "-F", "#{session_name} #{pane_pid}",
    ]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    for line in text.split(separator: "\n") where !line.hasPrefix("keepalive ") {
      guard let shell = line.split(separator: " ").last else { continue }
      let children = try String(
        contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
      if let child = children.split(separator: " ").first.flatMap({ Int32($0) }) { return child }
    }
    return nil
  }

  /// Sends `signal` to the running app; returns the screen after it exited.
  func exitScreen(after signal: Int32) throws -> String {
    let tmux = try start()
    try tmux.waitFor { $0.contains("q quit") }
    try tmux.sendKeys("Down", "Enter")
    try tmux.waitFor { $0.contains("Which scheduler halves the LR") }
    guard let pid = try appPID() else {
      XCTFail("no lrlab process found in the pane")
      return ""
    }
    kill(pid, signal)
    return try tmux.waitFor(timeout: 20) { $0.contains("__LRLAB_EXIT_") && $0.contains("icanon") }
  }

  func testSIGTERMAndSIGHUPQuitCleanly() throws {
    var screen = try exitScreen(after: SIGTERM)
    XCTAssertTrue(screen.contains("__LRLAB_EXIT_143__"), screen)
    assertTerminalRestored(screen)
    screen = try exitScreen(after: SIGHUP)
    XCTAssertTrue(screen.contains("__LRLAB_EXIT_129__"), screen)
    assertTerminalRestored(screen)
  }

  /// A real trap (a failed precondition, SIGILL on x86_64, SIGTRAP on arm64) goes through the
  /// crash guard: the terminal is restored, then the backtrace prints and the process dies.
  func testACrashRestoresTheTerminal() throws {
    let command =
      "LRLAB_TEST_CRASH_KEY=1 '\(lrlabBinary.path)' --lessons '\(workDir.appendingPathComponent("lessons").path)'"
      + " 2>/dev/null"
    let tmux = try TmuxSession(command: command, width: 100, height: 30, environment: environment)
    try tmux.waitFor { $0.contains("q quit") }
    try tmux.sendKeys("F12")
    let screen = try tmux.waitFor(timeout: 30) {
      $0.contains("__LRLAB_EXIT_") && $0.contains("icanon")
    }
    XCTAssertTrue(
      screen.contains("__LRLAB_EXIT_132__") || screen.contains("__LRLAB_EXIT_133__"), screen)
    assertTerminalRestored(screen)
    let words = Set(screen.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
    XCTAssertTrue(words.contains("onlcr") && !words.contains("-onlcr"), screen)
  }

  func testUnknownTerminalTypeExits2WithAMessage() throws {
    let command =
      "TERM=lrlab-no-such-terminal '\(lrlabBinary.path)' --lessons '\(workDir.appendingPathComponent("lessons").path)'"
    let tmux = try TmuxSession(command: command, width: 100, height: 30, environment: environment)
    let screen = try tmux.waitFor { $0.contains("__LRLAB_EXIT_") }
    XCTAssertTrue(screen.contains("unknown terminal type 'lrlab-no-such-terminal'"), screen)
    XCTAssertTrue(screen.contains("__LRLAB_EXIT_2__"), screen)
  }

  func testNoTTYExits2WithAMessage() throws {
    let result = try runLrlab(
      ["--lessons", workDir.appendingPathComponent("lessons").path], environment: environment)
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("needs a terminal"), result.stderr)
  }

  static let introLesson = """
    ---
    id: intro
    title: Why schedule the learning rate?
    order: 1
    format_version: 1
    summary: The fine-tuning story.
    ---
    # Why schedule the learning rate?

    A constant learning rate either crawls or forgets.
    """

  static let stepLesson = """
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
    question: Which scheduler halves the LR every 10 epochs for a simple baseline?
    choices:
      - text: CosineAnnealingLR
        explain: It follows a smooth cosine curve.
      - text: StepLR
        correct: true
        explain: step_size=10, gamma=0.5 does exactly this.
      - text: ReduceLROnPlateau
    hints:
      - Look for the scheduler named after its curve.
    ```

    ## Try it

    ```lab id=steplr model=sine epochs=30
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.5)
    ```
    """
}

/// The backend's pure pieces: the last line of defence against control characters, key
/// decoding, colour degradation and capability choices.
final class TerminalBackendUnitTests: XCTestCase {
  func testControlCharactersNeverReachTheTerminal() {
    for value: UInt32 in [0x00, 0x07, 0x1B, 0x7F, 0x85, 0x9B] {
      let ch = Character(Unicode.Scalar(value)!)
      XCTAssertEqual(
        CellEncoding.scalars(of: ch, unicode: true), [0xFFFD], "U+\(String(value, radix: 16))")
      XCTAssertEqual(CellEncoding.scalars(of: ch, unicode: false), [0x3F])
    }
    XCTAssertEqual(CellEncoding.scalars(of: "é", unicode: true), [0xE9])
    XCTAssertEqual(CellEncoding.scalars(of: "—", unicode: false), [0x2D], "ASCII fallback")
    XCTAssertEqual(CellEncoding.scalars(of: "⣿", unicode: false), [0x2E])
    XCTAssertEqual(CellEncoding.scalars(of: "日", unicode: false), [0x3F])
    XCTAssertEqual(
      CellEncoding.scalars(of: "e\u{301}", unicode: false), [0x65], "combining marks dropped")
  }

  func testKeyDecoding() {
    XCTAssertEqual(KeyDecoding.key(fromCharacter: 13), .enter)
    XCTAssertEqual(KeyDecoding.key(fromCharacter: 10), .enter)
    XCTAssertEqual(KeyDecoding.key(fromCharacter: 27), .escape)
    XCTAssertEqual(KeyDecoding.key(fromCharacter: 127), .backspace)
    XCTAssertEqual(KeyDecoding.key(fromCharacter: 3), .ctrlC)
    XCTAssertEqual(KeyDecoding.key(fromCharacter: 1), nil)
    XCTAssertEqual(KeyDecoding.key(fromCharacter: 0x65E5), .char("日"))
  }

  func testColourChoices() {
    XCTAssertEqual(
      CapabilityDetection.colorLevel(
        choice: .auto, noColorEnv: "1", terminalHasColors: true, colors: 256), .none)
    XCTAssertEqual(
      CapabilityDetection.colorLevel(
        choice: .auto, noColorEnv: "", terminalHasColors: true, colors: 256), .palette256,
      "an empty NO_COLOR does not count")
    XCTAssertEqual(
      CapabilityDetection.colorLevel(
        choice: .always, noColorEnv: "1", terminalHasColors: true, colors: 8), .basic)
    XCTAssertEqual(
      CapabilityDetection.colorLevel(
        choice: .never, noColorEnv: nil, terminalHasColors: true, colors: 256), .none)
    XCTAssertEqual(
      CapabilityDetection.colorLevel(
        choice: .always, noColorEnv: nil, terminalHasColors: false, colors: 0), .none)
    XCTAssertTrue(CapabilityDetection.localeIsUTF8(codeset: "UTF-8"))
    XCTAssertFalse(CapabilityDetection.localeIsUTF8(codeset: "ANSI_X3.4-1968"))
    XCTAssertEqual(ColorDegrade.ansi8(fromIndexed: 196), 1, "bright red → red")
    XCTAssertEqual(ColorDegrade.ansi8(fromIndexed: 46), 2, "green")
    XCTAssertEqual(ColorDegrade.ansi8(fromIndexed: 21), 4, "blue")
    XCTAssertEqual(ColorDegrade.ansi8(fromIndexed: 255), 7)
    XCTAssertEqual(ColorDegrade.ansi8(fromIndexed: 232), 0)
  }
}

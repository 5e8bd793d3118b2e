import Foundation
import XCTest

/// Issue 12 in the real terminal: the key decoder never guesses, signals end even a stuck
/// app within a second, a runaway snippet is checked off the UI thread with the terminal restored, a paste is one edit, and a progress
/// file that cannot be read is never overwritten (the tutorial says it runs read-only).
final class HardeningTUITests: CourseInTmuxTestCase {
  override class var workDirPrefix: String { "lrlab-harden-tui" }

  var environment: [String: String] { baseEnvironment }

  func start(_ prefix: String = "", arguments: String = "", width: Int = 80, height: Int = 24)
    throws -> TmuxSession
  {
    let command =
      "\(prefix)'\(lrlabBinary.path)' \(arguments) --lessons '\(workDir.appendingPathComponent("lessons").path)'"
    return try TmuxSession(command: command, width: width, height: height, environment: environment)
  }

  /// `lrlab lab` with its code editor open.
  func labEditor(width: Int, height: Int) throws -> TmuxSession {
    let tmux = try start(arguments: "lab", width: width, height: height)
    try tmux.waitFor { $0.contains("PyTorch") }
    try tmux.sendKeys("e")
    try tmux.waitFor { $0.contains("editing") }
    return tmux
  }

  func testKeypadEnterOnHomeOpensTheLessonInsteadOfQuitting() throws {
    let tmux = try start()
    try tmux.waitFor { $0.contains("q quit") }
    // Unknown and known-but-unused sequences first: SGR mouse motion, focus in/out, Alt+q,
    // keypad 5, a CSI-u Ctrl+d. None of them may act as Esc (which quits on Home).
    try tmux.sendKeys("-H", "1b", "5b", "3c", "33", "35", "3b", "35", "3b", "35", "4d")
    try tmux.sendKeys("-H", "1b", "5b", "49", "1b", "5b", "4f")
    try tmux.sendKeys("-H", "1b", "71")
    try tmux.sendKeys("-H", "1b", "4f", "45")
    try tmux.sendKeys("-H", "1b", "5b", "31", "30", "30", "3b", "35", "75")
    Thread.sleep(forTimeInterval: 0.5)
    var screen = try tmux.capture()
    XCTAssertFalse(screen.contains("__LRLAB_EXIT_"), "an unknown sequence quit the app:\n\(screen)")
    XCTAssertTrue(screen.contains("q quit"), screen)
    // Keypad Enter (application keypad: ESC O M) is Enter: it opens the selected lesson.
    try tmux.sendKeys("-H", "1b", "4f", "4d")
    screen = try tmux.waitFor { $0.contains("A constant learning rate") }
    XCTAssertTrue(screen.contains("A constant learning rate"), screen)
    XCTAssertFalse(screen.contains("__LRLAB_EXIT_"), screen)
    try tmux.sendKeys("C-c")
    try tmux.waitFor { $0.contains("__LRLAB_EXIT_") }
  }

  func testSignalsEndAStuckAppWithinASecondWithTheTerminalRestored() throws {
    for (signal, status) in [(SIGTERM, 143), (SIGINT, 130), (SIGHUP, 129)] {
      let tmux = try start("LRLAB_TEST_HANG_KEY=1 ")
      try tmux.waitFor { $0.contains("q quit") }
      guard let pid = try tmux.programPID() else {
        return XCTFail("no lrlab process found in the pane")
      }
      // F11 makes the main thread hang the way a runaway evaluation would: the main loop
      // never looks at the signal flag again.
      try tmux.sendKeys("F11")
      Thread.sleep(forTimeInterval: 0.3)
      let sent = Date()
      kill(pid, signal)
      while kill(pid, 0) == 0 && Date().timeIntervalSince(sent) < 10 {
        Thread.sleep(forTimeInterval: 0.02)
      }
      let took = Date().timeIntervalSince(sent)
      XCTAssertLessThan(took, 1.0, "signal \(signal) took \(took) s")
      let screen = try tmux.waitFor { $0.contains("__LRLAB_EXIT_") && $0.contains("icanon") }
      XCTAssertTrue(screen.contains("__LRLAB_EXIT_\(status)__"), screen)
      let words = Set(screen.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
      XCTAssertTrue(words.contains("icanon") && words.contains("echo"), screen)
      XCTAssertFalse(words.contains("-icanon") || words.contains("-echo"), screen)
    }
  }

  func testABigPasteLandsInTheLabEditorAsOneEdit() throws {
    let tmux = try labEditor(width: 100, height: 30)
    let lines = (0..<9000).map { "x\($0) = \($0)" } + ["# café 学习 ok"]
    let text = lines.joined(separator: "\n")
    let file = workDir.appendingPathComponent("paste.txt")
    try text.write(to: file, atomically: true, encoding: .utf8)
    try tmux.loadBuffer(file.path)
    let started = Date()
    try tmux.pasteBuffer()
    let screen = try tmux.waitFor(timeout: 30) { $0.contains("# café 学习 ok") }
    let took = Date().timeIntervalSince(started)
    XCTAssertTrue(screen.contains("x8999 = 8999"), screen)
    XCTAssertTrue(screen.contains("# café 学习 ok"), "UTF-8 survives the paste:\n\(screen)")
    // One bracketed paste is one edit; the < 1 s target is measured on a release build (see
    // the issue note): here only a generous bound for a loaded debug build.
    XCTAssertLessThan(took, 20, "the paste took \(took) s")
    XCTAssertFalse(screen.contains("__LRLAB_EXIT_"), screen)
  }

  func testARunawaySnippetIsCheckedOffTheUIThread() throws {
    let tmux = try labEditor(width: 100, height: 30)
    // About a second of evaluation budget in a release build (more in debug): the check runs
    // on the worker thread while the screen keeps taking keys.
    let file = workDir.appendingPathComponent("runaway.txt")
    try "\nf = lambda n: 1 if n == 0 else f(n - 1) + f(n - 1)\nwork = f(19)".write(
      to: file, atomically: true, encoding: .utf8)
    try tmux.loadBuffer(file.path)
    try tmux.pasteBuffer()
    try tmux.waitFor { $0.contains("checking…") }
    try tmux.sendKeys("-l", " # still typing")
    let typed = Date()
    var screen = try tmux.waitFor(timeout: 5) { $0.contains("work = f(19) # still typing") }
    XCTAssertLessThan(Date().timeIntervalSince(typed), 1.0, "keys waited on the check:\n\(screen)")
    // The budget ends the check with an error at the call's position; Esc does not apply it.
    screen = try tmux.waitFor(timeout: 60) { !$0.contains("checking…") && $0.contains("^") }
    XCTAssertTrue(screen.contains("more work than lrlab allows"), screen)
    try tmux.sendKeys("Escape")
    screen = try tmux.waitFor { $0.contains("press Esc again to discard") }
    // A stop signal during a check ends the app at once, through the normal path.
    try tmux.sendKeys("-l", "x")
    try tmux.waitFor { $0.contains("checking…") }
    guard let pid = try tmux.programPID() else { return XCTFail("no lrlab process in the pane") }
    let sent = Date()
    kill(pid, SIGTERM)
    while kill(pid, 0) == 0 && Date().timeIntervalSince(sent) < 10 {
      Thread.sleep(forTimeInterval: 0.01)
    }
    XCTAssertLessThan(Date().timeIntervalSince(sent), 0.5, "SIGTERM during a check")
    screen = try tmux.waitFor { $0.contains("__LRLAB_EXIT_") }
    XCTAssertTrue(screen.contains("__LRLAB_EXIT_143__"), screen)
  }

  func testAQuickDoubleEscDiscardsABrokenEdit() throws {
    let tmux = try labEditor(width: 80, height: 24)
    try tmux.sendKeys("-l", " )(")
    try tmux.waitFor { $0.contains("^") && !$0.contains("checking…") }
    // Both ESC bytes arrive together: two presses, not one (nor an Alt+Esc guess).
    try tmux.sendKeys("-H", "1b", "1b")
    let screen = try tmux.waitFor { $0.contains("e edits") }
    XCTAssertFalse(screen.contains(")("), "the broken edit was discarded:\n\(screen)")
    XCTAssertFalse(screen.contains("__LRLAB_EXIT_"), screen)
  }

  func testALessonLabWithHeavyCodeOpensWithoutFreezingTheScreen() throws {
    // Just within the evaluation budget, evaluated several times to open (read, size, start).
    let heavy = """
      ---
      id: heavy
      title: "A heavy lab"
      order: 3
      format_version: 1
      ---
      # A heavy lab

      This lab's code does a lot of work before it builds its scheduler.

      ```lab id=heavy model=sine epochs=30
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
      f = lambda n: 1 if n == 0 else f(n - 1) + f(n - 1)
      work = f(15)
      scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.5)
      ```
      """
    try heavy.write(
      to: lessons.appendingPathComponent("03-heavy.md"), atomically: true, encoding: .utf8)
    let tmux = try start()
    try tmux.waitFor { $0.contains("q quit") }
    try tmux.sendKeys("Down", "Down", "Enter")
    try tmux.waitFor { $0.contains("a lot of work") }
    try tmux.sendKeys("Tab")
    try tmux.waitFor { $0.contains("Enter: open in the Lab") }
    try tmux.sendKeys("Enter")
    let pressed = Date()
    try tmux.waitFor { $0.contains("Starting the lab…") }
    XCTAssertLessThan(Date().timeIntervalSince(pressed), 1.0, "the Lab did not show at once")
    // Back works while the worker is still reading the block, and the reader is there.
    try tmux.sendKeys("q")
    let back = Date()
    var screen = try tmux.waitFor { $0.contains("a lot of work") && $0.contains("Tab card") }
    XCTAssertLessThan(Date().timeIntervalSince(back), 1.0, screen)
    // Opened again and left to finish: the lab's run is there, its message gone.
    try tmux.sendKeys("Enter")
    screen = try tmux.waitFor(timeout: 30) { $0.contains("StepLR") && !$0.contains("Starting") }
    XCTAssertTrue(screen.contains("step_size"), screen)
    XCTAssertFalse(screen.contains("__LRLAB_EXIT_"), screen)
  }

  func testLabDashReadsTheSnippetFromStdinThenRunsOnTheTerminal() throws {
    let command =
      "echo 'scheduler = StepLR(optimizer, step_size=3, gamma=0.5)' | '\(lrlabBinary.path)' lab -"
    let tmux = try TmuxSession(command: command, width: 100, height: 30, environment: environment)
    let screen = try tmux.waitFor { $0.contains("step_size=3, gamma=0.5") }
    XCTAssertTrue(screen.contains("scheduler = StepLR(optimizer, step_size=3, gamma=0.5)"), screen)
    XCTAssertFalse(screen.contains("__LRLAB_EXIT_"), screen)
    // q leaves the Lab for Home; q on Home asks, and q again quits.
    try tmux.sendKeys("q")
    _ = try tmux.waitFor { $0.contains("Home") }
    try tmux.sendKeys("q")
    _ = try tmux.waitFor { $0.contains("Quit lrlab?") }
    try tmux.sendKeys("q")
    let after = try tmux.waitFor { $0.contains("__LRLAB_EXIT_") }
    XCTAssertTrue(after.contains("__LRLAB_EXIT_0__"), after)
  }

  func testAnUnreadableProgressFileRunsTheTutorialReadOnly() throws {
    let progress = workDir.appendingPathComponent("state/lrlab/progress.json")
    try FileManager.default.createDirectory(at: progress, withIntermediateDirectories: true)
    let tmux = try start()
    let screen = try tmux.waitFor { $0.contains("NOT being saved") }
    XCTAssertTrue(screen.contains("Progress is NOT being saved"), screen)
    try tmux.sendKeys("Enter")
    try tmux.waitFor { $0.contains("A constant learning rate") }
    try tmux.sendKeys("C-c")
    try tmux.waitFor { $0.contains("__LRLAB_EXIT_") }
    var isDirectory: ObjCBool = false
    XCTAssertTrue(FileManager.default.fileExists(atPath: progress.path, isDirectory: &isDirectory))
    XCTAssertTrue(isDirectory.boolValue, "the unreadable 'file' was left as it was")
  }
}

extension TmuxSession {
  func loadBuffer(_ path: String) throws { try run(["load-buffer", "-b", "lrlab-paste", path]) }
  /// Pastes as a terminal does: bracketed when the app asked for it.
  func pasteBuffer() throws { try run(["paste-buffer", "-p", "-b", "lrlab-paste", "-t", name]) }
}

import Foundation
import XCTest

/// `lrlab lab` in tmux: play the lesson's OneCycleLR run, watch it grow, pause, quit, and find
/// the terminal restored.
final class LabTUITests: XCTestCase {
  override class func tearDown() {
    TmuxSession.stopServer()
    super.tearDown()
  }

  let snippet = """
    optimizer = SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = OneCycleLR(optimizer, max_lr=0.1, epochs=20, steps_per_epoch=len(train_loader))
    """

  /// A fresh HOME (and an empty course in it) for one run of the app.
  static func makeHome() throws -> URL {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lrlab-lab-e2e-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(
      at: home.appendingPathComponent("lessons"), withIntermediateDirectories: true)
    return home
  }

  /// `lrlab lab --file SNIPPET` in tmux, run from `home` (exports land there).
  static func openLab(_ snippet: String, in home: URL, width: Int, height: Int) throws
    -> TmuxSession
  {
    let file = home.appendingPathComponent("snippet.py")
    try snippet.write(to: file, atomically: true, encoding: .utf8)
    let lessons = home.appendingPathComponent("lessons")
    return try TmuxSession(
      command:
        "cd '\(home.path)' && '\(lrlabBinary.path)' lab --file '\(file.path)' --lessons '\(lessons.path)'",
      width: width, height: height,
      environment: [
        "HOME": home.path, "XDG_STATE_HOME": home.path, "LANG": "C.UTF-8", "TERM": "xterm-256color",
      ])
  }

  /// The step the readout shows ("step 12/160"), if any.
  func shownStep(_ screen: String) -> Int? {
    guard let range = screen.range(of: #"step (\d+)/160"#, options: .regularExpression) else {
      return nil
    }
    let digits = screen[range].dropFirst("step ".count).prefix { $0.isNumber }
    return Int(digits)
  }

  /// Braille cells with at least one dot: how much of the charts is drawn.
  func inkedCells(_ screen: String) -> Int {
    screen.unicodeScalars.filter { $0.value > 0x2800 && $0.value <= 0x28FF }.count
  }

  func testPlayGrowsTheChartThenPauseAndQuitRestoreTheTerminal() throws {
    guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
    guard FileManager.default.isExecutableFile(atPath: lrlabBinary.path) else {
      throw XCTSkip("lrlab is not built at \(lrlabBinary.path)")
    }
    if let help = try? runLrlab(["lab", "--help"]), help.stdout.contains("not built yet") {
      throw XCTSkip("`lrlab lab` is not wired into this build yet")
    }
    let home = try Self.makeHome()
    defer { try? FileManager.default.removeItem(at: home) }
    let session = try Self.openLab(snippet, in: home, width: 120, height: 40)

    let opened = try session.waitFor { $0.contains("PyTorch") && $0.contains("paused") }
    XCTAssertTrue(opened.contains("OneCycleLR"), opened)
    XCTAssertTrue(opened.contains("step 0/160"), opened)

    try session.sendKeys("Space")
    let first = try session.waitFor { (self.shownStep($0) ?? 0) >= 5 }
    let firstStep = try XCTUnwrap(shownStep(first), first)
    let second = try session.waitFor { (self.shownStep($0) ?? 0) >= firstStep + 10 }
    let secondStep = try XCTUnwrap(shownStep(second), second)
    XCTAssertGreaterThan(secondStep, firstStep, "the step advanced")
    XCTAssertGreaterThan(inkedCells(second), inkedCells(first), "the charts grew")

    try session.sendKeys("Space")
    let paused = try session.waitFor { $0.contains("paused") }
    XCTAssertTrue(paused.contains("paused"), paused)
    let pausedStep = shownStep(paused)
    Thread.sleep(forTimeInterval: 0.3)
    XCTAssertEqual(shownStep(try session.capture()), pausedStep, "no progress while paused")

    // q leaves the Lab for Home (it never quits); Ctrl-C quits from anywhere.
    try session.sendKeys("q")
    let onHome = try session.waitFor { !$0.contains("PyTorch") }
    XCTAssertFalse(onHome.contains("__LRLAB_EXIT_"), onHome)
    try session.sendKeys("C-c")
    let after = try session.waitFor { $0.contains("__LRLAB_EXIT_") && $0.contains("icanon") }
    // Ctrl-C quits at once (exit 130, the interrupt convention).
    XCTAssertTrue(after.contains("__LRLAB_EXIT_130__"), after)
    XCTAssertNotNil(after.range(of: #"(^|\s)icanon"#, options: .regularExpression), after)
    XCTAssertNotNil(after.range(of: #"(^|\s)echo(\s|$)"#, options: .regularExpression), after)
  }

  static let warmup = """
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=5)
    cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=45)
    scheduler = torch.optim.lr_scheduler.SequentialLR(optimizer, [warmup, cosine], milestones=[5])
    """

  /// The seed's warmup snippet in the real binary at 80×24 and 200×60: the run opens on its
  /// schedule's 50 epochs, the whole snippet is readable (the SequentialLR line wrapped with a
  /// marker at 80 columns), two exports make two new files named after the lab and shown by
  /// full path, and q goes back instead of quitting.
  func testWarmupSnippetAtBothSizesExportsAndGoesBack() throws {
    guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
    guard FileManager.default.isExecutableFile(atPath: lrlabBinary.path) else {
      throw XCTSkip("lrlab is not built at \(lrlabBinary.path)")
    }
    for (width, height) in [(80, 24), (200, 60)] {
      let home = try Self.makeHome()
      defer { try? FileManager.default.removeItem(at: home) }
      let session = try Self.openLab(Self.warmup, in: home, width: width, height: height)
      let opened = try session.waitFor { $0.contains("step 0/400") }
      XCTAssertTrue(opened.contains("epochs 50"), opened)
      XCTAssertTrue(opened.contains("LinearLR → CosineAnnealingLR"), opened)
      if width == 80 {
        try session.sendKeys("Tab")
        let code = try session.waitFor { $0.contains("[code]") }
        XCTAssertTrue(code.contains("↪ cosine], milestones=[5])"), code)
        XCTAssertTrue(code.contains("for 50 epochs"), code)
      } else {
        XCTAssertTrue(opened.contains(Self.warmup.split(separator: "\n")[3]), opened)
      }
      try session.sendKeys("Space")
      _ = try session.waitFor(timeout: 20) { $0.contains("finished") }
      try session.sendKeys("x")
      let first = try session.waitFor { $0.contains("Wrote ") }
      try session.sendKeys("x")
      Thread.sleep(forTimeInterval: 0.5)
      let files = try FileManager.default.contentsOfDirectory(atPath: home.path)
        .filter { $0.hasPrefix("lrlab-lab-run-") && $0.hasSuffix(".csv") }
      XCTAssertEqual(files.count, 2, "two exports, two files (never overwritten): \(files)")
      XCTAssertTrue(first.contains(home.path) || first.contains("/lrlab-lab-run-"), first)
      try session.sendKeys("q")
      let back = try session.waitFor { !$0.contains("PyTorch") }
      XCTAssertFalse(back.contains("__LRLAB_EXIT_"), back)
      try session.sendKeys("C-c")
      _ = try session.waitFor { $0.contains("__LRLAB_EXIT_") }
    }
  }
}

import Foundation
import XCTest

/// The Lab's sweep in tmux at 80×24: `w` fills the two sensitivity curves in while the UI keeps
/// drawing, Enter opens the point under the cursor as a run, `g` writes an SVG.
final class LabSweepTUITests: XCTestCase {
  override class func tearDown() {
    TmuxSession.stopServer()
    super.tearDown()
  }

  func testSweepFillsInThenEnterOpensThePoint() throws {
    guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
    guard FileManager.default.isExecutableFile(atPath: lrlabBinary.path) else {
      throw XCTSkip("lrlab is not built at \(lrlabBinary.path)")
    }
    let home = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lrlab-sweep-e2e-\(UUID().uuidString.prefix(8))")
    let lessons = home.appendingPathComponent("lessons")
    try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: home) }
    let file = home.appendingPathComponent("snippet.py")
    try """
    optimizer = SGD(model.parameters(), lr=0.05, momentum=0.9)
    scheduler = CosineAnnealingLR(optimizer, T_max=20)
    """.write(to: file, atomically: true, encoding: .utf8)
    let session = try TmuxSession(
      command:
        "cd '\(home.path)' && '\(lrlabBinary.path)' lab --file '\(file.path)' --lessons '\(lessons.path)'",
      width: 80, height: 24,
      environment: [
        "HOME": home.path, "XDG_STATE_HOME": home.path, "LANG": "C.UTF-8", "TERM": "xterm-256color",
      ])
    _ = try session.waitFor { $0.contains("PyTorch") && $0.contains("paused") }
    try session.sendKeys("w")
    // Part-way: the UI is drawing while runs are still training.
    let filling = try session.waitFor(timeout: 30) { $0.contains("Sweep (training") }
    XCTAssertTrue(filling.contains("LR sweep"), filling)
    XCTAssertTrue(filling.contains("━ constant"), filling)
    let done = try session.waitFor(timeout: 120) { $0.contains("Sweep (54 runs)") }
    XCTAssertTrue(done.contains("◎"), done)
    XCTAssertTrue(done.contains("Enter open the run"), done)
    // The cursor starts on the cosine curve at the middle LR, 0.0158 (the peak is 0.05: 9 LRs
    // log-spaced from 0.05/30 to 0.05×3).
    XCTAssertTrue(done.contains("CosineAnnealingLR, lr 0.0158"), done)
    try session.sendKeys("g")
    _ = try session.waitFor { $0.contains("Wrote ") && $0.contains(".svg") }
    let written = try FileManager.default.contentsOfDirectory(atPath: home.path).filter {
      $0.contains("-sweep-") && $0.hasSuffix(".svg")
    }
    XCTAssertEqual(written.count, 1, "\(written)")
    let svg = try String(
      contentsOf: home.appendingPathComponent(written.first ?? "none"), encoding: .utf8)
    XCTAssertTrue(svg.hasPrefix("<?xml"), String(svg.prefix(80)))
    try session.sendKeys("Right", "Enter")
    let opened = try session.waitFor { $0.contains("from the sweep") }
    XCTAssertTrue(opened.contains("peak lr 0.0277"), opened)
    XCTAssertFalse(opened.contains("LR sweep"), opened)
  }
}

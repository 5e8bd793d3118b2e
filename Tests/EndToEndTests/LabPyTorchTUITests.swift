import Foundation
import XCTest

/// The Lab's PyTorch keys in tmux at 80×24: `M` shows the model's PyTorch code in the code
/// panel and back; `P` writes the run as a PyTorch script into the working directory.
final class LabPyTorchTUITests: XCTestCase {
  override class func tearDown() {
    TmuxSession.stopServer()
    super.tearDown()
  }

  func testModelPanelAndScriptExport() throws {
    guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
    guard FileManager.default.isExecutableFile(atPath: lrlabBinary.path) else {
      throw XCTSkip("lrlab is not built at \(lrlabBinary.path)")
    }
    let home = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lrlab-lab-pytorch-\(UUID().uuidString.prefix(8))")
    let lessons = home.appendingPathComponent("lessons")
    try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: home) }
    let session = try TmuxSession(
      command: "cd '\(home.path)' && '\(lrlabBinary.path)' lab --lessons '\(lessons.path)'",
      width: 80, height: 24,
      environment: [
        "HOME": home.path, "XDG_STATE_HOME": home.path, "LANG": "C.UTF-8", "TERM": "xterm-256color",
      ])
    _ = try session.waitFor { $0.contains("PyTorch") && $0.contains("paused") }
    try session.sendKeys("M")
    let model = try session.waitFor { $0.contains("the model") }
    XCTAssertTrue(model.contains("nn.Sequential(nn.Linear(1, 32), nn.Tanh()"), model)
    try session.sendKeys("M")
    let back = try session.waitFor { !$0.contains("the model (M") }
    XCTAssertFalse(back.contains("nn.Sequential(nn.Linear(1, 32)"), back)
    try session.sendKeys("P")
    let written = try session.waitFor { $0.contains("Wrote") || $0.contains("Could not") }
    XCTAssertTrue(written.contains("Wrote"), written)
    let files = try FileManager.default.contentsOfDirectory(atPath: home.path).filter {
      $0.hasSuffix(".py")
    }
    XCTAssertEqual(files.count, 1, "\(files)")
    let script = try String(
      contentsOf: home.appendingPathComponent(files[0]), encoding: .utf8)
    XCTAssertTrue(script.contains("OneCycleLR"), script)
    XCTAssertTrue(script.contains("torch.manual_seed(seed)"))
    try session.sendKeys("q")
  }
}

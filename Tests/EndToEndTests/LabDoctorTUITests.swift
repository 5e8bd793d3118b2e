import Foundation
import XCTest

/// `lrlab lab --file script.py` in tmux: a whole training script opens with the doctor's
/// finding beside the line at fault, and the run steps the schedule once per epoch as the
/// script does — at 80×24 and at a large size.
final class LabDoctorTUITests: XCTestCase {
  override class func tearDown() {
    TmuxSession.stopServer()
    super.tearDown()
  }

  let script = """
    import torch

    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, epochs=num_epochs, steps_per_epoch=len(train_loader))
    for epoch in range(num_epochs):
        for x, y in train_loader:
            optimizer.zero_grad()
            loss_fn(model(x), y).backward()
            optimizer.step()
        scheduler.step()
        print(scheduler.get_last_lr())
    """

  func testScriptOpensWithTheFindingBesideItsLineAndStepsPerEpoch() throws {
    guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
    guard FileManager.default.isExecutableFile(atPath: lrlabBinary.path) else {
      throw XCTSkip("lrlab is not built at \(lrlabBinary.path)")
    }
    let home = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lrlab-doctor-e2e-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: home) }
    let lessons = home.appendingPathComponent("lessons")
    try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
    let file = home.appendingPathComponent("train.py")
    try script.write(to: file, atomically: true, encoding: .utf8)
    for (width, height) in [(80, 24), (160, 50)] {
      let session = try TmuxSession(
        command:
          "cd '\(home.path)' && '\(lrlabBinary.path)' lab --file '\(file.path)' --lessons '\(lessons.path)'",
        width: width, height: height,
        environment: [
          "HOME": home.path, "XDG_STATE_HOME": home.path, "LANG": "C.UTF-8",
          "TERM": "xterm-256color",
        ])
      let opened = try session.waitFor { $0.contains("PyTorch") && $0.contains("paused") }
      XCTAssertTrue(opened.contains("E     scheduler.step()"), "\(width)x\(height)\n" + opened)
      XCTAssertTrue(
        opened.contains("error [per-batch-scheduler-stepped-per-epoch]"),
        "\(width)x\(height)\n" + opened)
      if height >= 40 {
        XCTAssertTrue(opened.contains("step every       epoch"), opened)
      }
      try session.sendKeys("q")
      _ = try session.waitFor { $0.contains("__LRLAB_EXIT_") }
    }
  }
}

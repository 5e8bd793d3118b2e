import Foundation
import TerminalUI
import XCTest

@testable import App

/// Golden frames of the Lab at fixed steps, driven by a fake clock, with the real simulator.
/// Re-record with LRLAB_RECORD_GOLDEN=1.
final class LabGoldenTests: XCTestCase {
  static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")

  func assertGolden(
    _ name: String, _ model: AppModel, file: StaticString = #filePath, line: UInt = #line
  ) {
    let mode = model.capabilities.hasColor ? "color" : "mono"
    let url = Self.goldenDirectory.appendingPathComponent(
      "lab-\(name)-\(model.width)x\(model.height)-\(mode).txt")
    let actual = render(model).styledText().combined
    if ProcessInfo.processInfo.environment["LRLAB_RECORD_GOLDEN"] == "1" {
      XCTAssertNoThrow(try actual.write(to: url, atomically: true, encoding: .utf8))
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      XCTFail(
        "missing golden \(url.lastPathComponent): record with LRLAB_RECORD_GOLDEN=1", file: file,
        line: line)
      return
    }
    if expected != actual {
      let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
      let first = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
      XCTFail(
        "\(url.lastPathComponent) differs at line \(first + 1):\nexpected: \(first < e.count ? e[first] : "")\nactual:   \(first < a.count ? a[first] : "")",
        file: file, line: line)
    }
  }

  func driver(_ capabilities: DisplayCapabilities) -> LabDriver {
    LabDriver(engine: .standard, width: 120, height: 40, capabilities: capabilities)
  }

  func testOneCycleAtStep40() {
    for caps in [DisplayCapabilities.full, .monochrome] {
      var d = driver(caps)
      d.key(" ")
      d.tick(40)
      d.key(" ")
      XCTAssertEqual(d.lab.run.cursorRecord?.step, 40)
      assertGolden("onecycle-step40", d.model)
    }
  }

  func testSchedulerFirstMistakeWithItsGhostAtStep100() {
    for caps in [DisplayCapabilities.full, .monochrome] {
      var d = driver(caps)
      d.key("1")
      d.tick(100)
      d.key(" ")
      assertGolden("mistake1-step100", d.model)
    }
  }

  func testPlateauFinishedAndScrubbedBack() {
    for caps in [DisplayCapabilities.full, .monochrome] {
      var d = driver(caps)
      var config = LabConfig()
      config.model = .linear
      config.epochs = 30
      config.schedule = .template(
        .reduceLROnPlateau,
        [
          "factor": .number(0.5), "patience": .integer(2), "threshold": .number(1e-4),
          "cooldown": .integer(1), "min_lr": .number(0),
        ])
      config.lr = 0.2
      config.momentum = 0
      d.model.stack[1] = .lab(
        LabState(lab: nil, config: config, code: LabCodeGen.code(for: config), engine: .standard))
      for _ in 0..<12 { d.key("+") }
      d.key(" ")
      d.tick(50)
      XCTAssertTrue(d.lab.run.isComplete)
      for _ in 0..<3 { d.key("<") }
      assertGolden("plateau-scrubbed", d.model)
    }
  }

  func testEditingWithAnError() {
    for caps in [DisplayCapabilities.full, .monochrome] {
      var d = driver(caps)
      d.key("e")
      d.key(.enter)
      d.keys("scheduler.step(")
      assertGolden("editor-error", d.model)
    }
  }

  /// The seed's warmup lab mid-run (step 200 of 400) at the three sizes the issue names, with
  /// a ghost kept and the 5-seed band on at the largest. No word is cut without an ellipsis:
  /// every snippet line, knob and notice is on screen whole (or wrapped with a marker).
  func testWarmupLabMidRunAtThreeSizes() {
    let lab = LabTruthTests.lab("08-warmup/warmup-cosine", LabTruthTests.warmup)
    for (width, height) in [(80, 24), (100, 30), (200, 60)] {
      for caps in [DisplayCapabilities.full, .monochrome] {
        var d = LabDriver(engine: .standard, width: width, height: height, capabilities: caps)
        d.model.stack[1] = .lab(LabState(lab: lab, engine: .standard))
        if width == 200 { d.key("b") } else { d.key(" ") }
        d.tick(40)
        d.key(" ")
        XCTAssertEqual(d.lab.run.cursorRecord?.step, 200, "\(width)x\(height)")
        assertGolden("warmup-step200", d.model)
        let text = render(d.model).plainText()
        XCTAssertFalse(text.contains("CosineAnnea…"), text)
        XCTAssertTrue(text.contains("LinearLR → CosineAnnealingLR"), text)
        XCTAssertTrue(text.contains("step 200/400"), text)
      }
    }
  }
}

import Foundation
import Schedulers
import XCTest

@testable import TorchSnippet

/// Whole training scripts are read, never run: their scheduler's schedule comes out.
final class ScriptTests: XCTestCase {
  func fixture(_ name: String) throws -> String {
    let url = try XCTUnwrap(
      Bundle.module.url(forResource: name, withExtension: "py", subdirectory: "Fixtures"))
    return try String(contentsOf: url, encoding: .utf8)
  }

  func testClassifierScriptGivesItsOneCycleSchedule() throws {
    let source = try fixture("train_classifier")
    XCTAssertGreaterThan(source.split(separator: "\n", omittingEmptySubsequences: false).count, 150)
    let built = try XCTUnwrap(build(source))
    XCTAssertEqual(built.className, "OneCycleLR")
    XCTAssertEqual(built.naturalLength, 5 * 8, "epochs=cfg.epochs (5) × len(train_loader) (8)")
    // The same schedule as the bare lines with the values the script resolves to.
    let bare = try XCTUnwrap(
      build(
        """
        optimizer = torch.optim.AdamW([{'params': backbone, 'weight_decay': 1e-4},
                                       {'params': head, 'weight_decay': 0.0}], lr=3e-3)
        scheduler = OneCycleLR(optimizer, max_lr=3e-3, epochs=5, steps_per_epoch=8, pct_start=0.3)
        """))
    XCTAssertEqual(lrs(built, steps: 40), lrs(bare, steps: 40))
    XCTAssertEqual(built.optimizer.groups.map(\.weightDecay), [1e-4, 0.0])
    let notes = built.notes.map(\.message)
    XCTAssertTrue(notes.contains { $0.contains("'for' loop is not run") }, "\(notes)")
  }

  func testBertFineTuningScriptWithNoDecayGroupsAndLinearWarmup() throws {
    let source = try fixture("finetune_bert")
    let built = try XCTUnwrap(build(source))
    XCTAssertEqual(built.className, "LambdaLR")
    XCTAssertEqual(built.optimizer.kind, .adamW)
    XCTAssertEqual(built.optimizer.groups.map(\.weightDecay), [0.01, 0.0])
    let bare = try XCTUnwrap(
      build(
        """
        optimizer = torch.optim.AdamW([{'params': backbone, 'weight_decay': 0.01},
                                       {'params': head, 'weight_decay': 0.0}], lr=2e-5, eps=1e-8)
        scheduler = LambdaLR(optimizer, lambda s: float(s) / 3.0 if s < 3 else max(0.0, float(24 - s) / 21.0))
        """))
    XCTAssertEqual(lrs(built, steps: 24), lrs(bare, steps: 24))
    XCTAssertEqual(lrs(built, steps: 24).last, 0)
    // Nothing was run for real: the data set's `open(path)` stayed opaque.
    XCTAssertTrue(built.notes.contains { $0.message.contains("'try' block is not run") })
  }

  func testAutoencoderScriptWithThreeLayerGroupsAndArgparseDefaults() throws {
    let source = try fixture("autoencoder_groups")
    let built = try XCTUnwrap(build(source))
    XCTAssertEqual(built.className, "SequentialLR")
    XCTAssertEqual(built.optimizer.groups.map(\.name), ["encoder", "decoder", "classifier"])
    let bare = try XCTUnwrap(
      build(
        """
        optimizer = torch.optim.SGD([{'params': backbone, 'lr': 1e-2}, {'params': head, 'lr': 1e-2 / 10},
                                     {'params': model}], lr=1e-2 * 2, momentum=0.9)
        warmup = LinearLR(optimizer, start_factor=0.1, total_iters=3)
        cosine = CosineAnnealingLR(optimizer, T_max=12 - 3)
        scheduler = SequentialLR(optimizer, schedulers=[warmup, cosine], milestones=[3])
        """))
    for group in 0..<3 {
      XCTAssertEqual(lrs(built, steps: 12, group: group), lrs(bare, steps: 12, group: group))
    }
  }

  func testScriptRefusesWhatTheScheduleNeedsAtItsOrigin() {
    let error = buildError(
      """
      import yaml
      with open("config.yaml") as f:
          cfg = yaml.safe_load(f)
      optimizer = torch.optim.SGD(model.parameters(), lr=cfg["lr"])
      scheduler = StepLR(optimizer, step_size=3)
      """)
    XCTAssertEqual(error?.line, 2)
    XCTAssertEqual(
      error?.message,
      "'cfg' (set inside the 'with' block at line 2, which is not run) is not evaluated: lrlab "
        + "reads the script without running it, and the schedule depends on this value")
  }

  func testNoFileIsOpenedAndNoModuleImported() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lrlab-never-\(UUID().uuidString)"
    ).path
    let built = try XCTUnwrap(
      build(
        """
        import os, subprocess, importlib
        f = open("\(path)", "w")
        f.write("x")
        os.system("touch \(path)")
        subprocess.run(["touch", "\(path)"])
        mod = importlib.import_module("os")
        exec("open('\(path)', 'w')")
        __import__("os").system("touch \(path)")
        scheduler = StepLR(optimizer, 2)
        """))
    XCTAssertEqual(built.className, "StepLR")
    XCTAssertFalse(FileManager.default.fileExists(atPath: path))
  }
}

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
    XCTAssertGreaterThan(source.split(separator: "\n").count, 120)
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
}

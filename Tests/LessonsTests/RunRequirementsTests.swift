import Markdown
import XCTest

@testable import Lessons

final class RunRequirementsTests: XCTestCase {
  func testSchedulerClassesAndWarmup() {
    let code = """
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=5)
      cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=45)
      scheduler = torch.optim.lr_scheduler.SequentialLR(optimizer, schedulers=[warmup, cosine], milestones=[5])
      """
    XCTAssertEqual(
      RunRequirements.met(byRunOf: code, metric: "val"),
      ["ran:LinearLR", "ran:CosineAnnealingLR", "ran:SequentialLR", "ran:warmup-sequential"])
  }

  func testPlateauNeedsTheValidationMetric() {
    let code = "scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)"
    XCTAssertEqual(
      RunRequirements.met(byRunOf: code, metric: "val"),
      ["ran:ReduceLROnPlateau", "ran:plateau-val"])
    XCTAssertEqual(RunRequirements.met(byRunOf: code, metric: "train"), ["ran:ReduceLROnPlateau"])
    let lab = Lab(
      id: "l/p", title: nil, code: code, options: ["mistake": "no-metric"], expectations: [],
      position: SourcePosition(line: 1, column: 1))
    XCTAssertEqual(RunRequirements.met(by: lab), ["ran-lab:l/p", "ran:ReduceLROnPlateau"])
  }

  func testBrokenSnippetMeetsNothing() {
    XCTAssertEqual(RunRequirements.met(byRunOf: "scheduler = (", metric: "val"), [])
  }
}

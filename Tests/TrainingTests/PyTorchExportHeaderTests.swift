import XCTest

@testable import Training

final class PyTorchExportHeaderTests: XCTestCase {
  /// The header's install line names every package the script imports.
  func testAScriptThatImportsTransformersSaysToInstallIt() throws {
    let config = RunConfig(model: .sine)
    let hf = """
      from transformers import get_linear_schedule_with_warmup
      optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
      scheduler = get_linear_schedule_with_warmup(optimizer, 10, 160)
      """
    let withHF = try PyTorchExport.script(
      snippet: hf, config: config, stepEvery: .batch, needsMetric: false)
    XCTAssertTrue(withHF.contains("`pip install torch transformers`"), withHF)
    let plain = try PyTorchExport.script(
      snippet: "scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=5)",
      config: config, stepEvery: .epoch, needsMetric: false)
    XCTAssertTrue(plain.contains("a plain `pip install torch`"), plain)
    XCTAssertFalse(plain.contains("transformers`"), plain)
  }
}

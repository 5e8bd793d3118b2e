import Foundation
import XCTest

/// `lrlab export --pytorch`. The scripts are checked for what they contain; with
/// `LRLAB_TORCH_PYTHON` set to a Python that has torch (opt-in; CI has none), they are also run
/// and must reproduce `lrlab simulate`'s numbers for the same seed.
final class ExportCLITests: XCTestCase {
  let cosine = """
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=num_epochs)
    """

  func testScriptHoldsTheModelTheSnippetAndTheLoop() throws {
    let result = try runLrlab(["export", "--pytorch", "--epochs", "7", "--seed", "3", cosine])
    XCTAssertEqual(result.status, 0, result.stderr)
    let script = result.stdout
    for piece in [
      "model = nn.Sequential(nn.Linear(1, 32), nn.Tanh(), nn.Linear(32, 1))",
      "torch.manual_seed(seed)", "data = torch.Generator().manual_seed(seed)",
      "train_loader = Batches(x_train, y_train, batch_size=32, generator=data)",
      "order = torch.randperm(len(self.x), generator=self.generator)",
      "seed = int(sys.argv[1]) if len(sys.argv) > 1 else 3", "num_epochs = 7", cosine,
      "        stepped.step()", "loss.item() > 1e6",
    ] {
      XCTAssertTrue(script.contains(piece), "missing: \(piece)")
    }
    // Per-epoch stepping: the scheduler steps after validation, not inside the batch loop.
    XCTAssertFalse(script.contains("            stepped.step("))
  }

  func testPerBatchPlateauMistakesAndModels() throws {
    let plateau = try runLrlab([
      "export", "--pytorch",
      "optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\nscheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)",
    ])
    XCTAssertTrue(plateau.stdout.contains("        stepped.step(val_loss)"), plateau.stderr)
    let first = try runLrlab(["export", "--pytorch", "--mistake", "scheduler-first", cosine])
    XCTAssertTrue(first.stdout.contains("    stepped.step()\n    total = 0.0"), first.stderr)
    let finetune = try runLrlab(["export", "--pytorch", "--model", "finetune", cosine])
    XCTAssertTrue(finetune.stdout.contains("PRETRAINED = ["), finetune.stderr)
    XCTAssertTrue(finetune.stdout.contains("model.head_a.requires_grad_(False)"))
    let quadratic = try runLrlab(["export", "--pytorch", "--model", "quadratic", cosine])
    XCTAssertEqual(quadratic.status, 2)
    XCTAssertTrue(quadratic.stderr.contains("no PyTorch script"), quadratic.stderr)
    let noFormat = try runLrlab(["export", cosine])
    XCTAssertEqual(noFormat.status, 2)
    XCTAssertTrue(noFormat.stderr.contains("--pytorch"), noFormat.stderr)
  }

  /// Opt-in: the script in real PyTorch against `lrlab simulate`, seed by seed.
  func testScriptReproducesSimulateInRealPyTorch() throws {
    guard let python = ProcessInfo.processInfo.environment["LRLAB_TORCH_PYTHON"] else {
      throw XCTSkip("set LRLAB_TORCH_PYTHON to a python with torch to run the exported script")
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lrlab-export-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("run.py").path
    let adam = """
      optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
      scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=num_epochs)
      """
    for model in ["sine", "linear", "finetune"] {
      let export = try runLrlab([
        "export", "--pytorch", "--model", model, "--epochs", "5", "-o", path, adam,
      ])
      XCTAssertEqual(export.status, 0, export.stderr)
      for seed in ["0", "1"] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [path, seed]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let summary = try XCTUnwrap(text.split(separator: "\n").last { $0.hasPrefix("summary:") })
        let fields = summary.split(separator: " ")
        let torchFinal = try XCTUnwrap(Double(fields[4]))
        let simulated = try runLrlab([
          "simulate", "--model", model, "--epochs", "5", "--seed", seed, "--format", "json", adam,
        ])
        let json = try XCTUnwrap(
          JSONSerialization.jsonObject(with: Data(simulated.stdout.utf8)) as? [String: Any])
        let ours = try XCTUnwrap((json["summary"] as? [String: Any])?["final_val_loss"] as? Double)
        XCTAssertEqual(ours, torchFinal, accuracy: 1e-4 * torchFinal, "\(model) seed \(seed)")
      }
    }
  }
}

import Foundation
import XCTest

/// `lrlab simulate` and `lrlab range-test`, driven as a user would.
final class SimulateCLITests: XCTestCase {
  let oneCycle = """
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, epochs=num_epochs, steps_per_epoch=len(train_loader))
    """
  let stepLR = """
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
    """

  func rows(_ csv: String) -> [[String]] {
    csv.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  func testCSVHasOneRowPerStepAndValidationOnEpochEnds() throws {
    let result = try runLrlab(["simulate", "--epochs", "3", "--format", "csv", oneCycle])
    XCTAssertEqual(result.status, 0, result.stderr)
    let table = rows(result.stdout)
    XCTAssertEqual(table[0], ["step", "epoch", "lr", "train_loss", "val_loss"])
    XCTAssertEqual(table.count, 1 + 24)
    for (index, row) in table.dropFirst().enumerated() {
      XCTAssertEqual(row.count, 5)
      XCTAssertEqual(row[0], String(index))
      XCTAssertEqual(row[1], String(index / 8))
      XCTAssertNotNil(Double(row[3]))
      XCTAssertEqual(row[4].isEmpty, index % 8 != 7, "row \(index)")
    }
    XCTAssertEqual(Double(table[1][2])!, 0.004, accuracy: 1e-15)
  }

  func testFinetuneCSVNamesGroupsAndTaskA() throws {
    let snippet = """
      optimizer = torch.optim.AdamW([{"params": backbone.parameters(), "lr": 1e-5}, {"params": head.parameters()}], lr=1e-3)
      scheduler = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=2)
      """
    let result = try runLrlab([
      "simulate", "--model", "finetune", "--epochs", "2", "--format", "csv", snippet,
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    let table = rows(result.stdout)
    XCTAssertEqual(
      table[0], ["step", "epoch", "lr0", "lr1", "train_loss", "val_loss", "task_a_loss"])
    XCTAssertEqual(table.count, 1 + 8)
    XCTAssertEqual(Double(table[1][2])!, 1e-6, accuracy: 1e-18)
    XCTAssertEqual(Double(table[1][3])!, 1e-4, accuracy: 1e-16)
    XCTAssertFalse(table[4][6].isEmpty)
    XCTAssertTrue(table[3][6].isEmpty)
  }

  func testJSONHasStepsEpochsEventsSummary() throws {
    let result = try runLrlab([
      "simulate", "--model", "quadratic", "--epochs", "3", "--format", "json", stepLR,
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    let json = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    XCTAssertEqual((json["steps"] as? [Any])?.count, 300)
    XCTAssertEqual((json["epochs"] as? [Any])?.count, 3)
    let events = try XCTUnwrap(json["events"] as? [[String: Any]])
    XCTAssertEqual(events.filter { $0["kind"] as? String == "milestone" }.count, 3)
    XCTAssertEqual(events.last?["kind"] as? String, "finished")
    let summary = try XCTUnwrap(json["summary"] as? [String: Any])
    XCTAssertEqual(summary["diverged"] as? Bool, false)
    XCTAssertEqual(json["step_every"] as? String, "epoch")
    XCTAssertTrue(json["error"] is NSNull)
  }

  func testDivergenceIsAResultNotACrash() throws {
    let snippet = """
      optimizer = torch.optim.SGD(model.parameters(), lr=0.3, momentum=0.9)
      scheduler = torch.optim.lr_scheduler.ConstantLR(optimizer, factor=1.0)
      """
    let result = try runLrlab(["simulate", snippet])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.contains("diverged"), result.stdout)
    XCTAssertTrue(result.stdout.contains("DIVERGED at step"), result.stdout)
    let json = try runLrlab(["simulate", "--format", "json", snippet])
    XCTAssertFalse(json.stdout.contains("nan"))
    XCTAssertTrue(json.stdout.contains("\"diverged\": true"))
  }

  func testSnippetFromStdinAndFile() throws {
    let fromStdin = try runLrlab(
      ["simulate", "--model", "quadratic", "--epochs", "2", "--format", "csv", "-"], stdin: stepLR)
    XCTAssertEqual(fromStdin.status, 0, fromStdin.stderr)
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lrlab-sim-\(UUID()).py")
    try stepLR.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let fromFile = try runLrlab([
      "simulate", "--model", "quadratic", "--epochs", "2", "--format", "csv", "--file", file.path,
    ])
    XCTAssertEqual(fromFile.stdout, fromStdin.stdout)
    let again = try runLrlab([
      "simulate", "--model", "quadratic", "--epochs", "2", "--format", "csv", stepLR,
    ])
    XCTAssertEqual(again.stdout, fromStdin.stdout)
  }

  func testSchedulerFirstMistakeSkipsTheFirstLR() throws {
    let args = [
      "simulate", "--model", "quadratic", "--epochs", "1", "--step-every", "batch", "--format",
      "csv",
    ]
    let right = rows(try runLrlab(args + [stepLR]).stdout)
    let wrong = rows(try runLrlab(args + ["--mistake", "scheduler-first", stepLR]).stdout)
    XCTAssertEqual(right[1][2], "0.1")
    XCTAssertEqual(wrong[1][2], "0.05")
    XCTAssertEqual(wrong[2][2], right[3][2])
  }

  func testPlateauWithoutMetricFailsWithAHint() throws {
    let snippet = """
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
      """
    let result = try runLrlab([
      "simulate", "--model", "linear", "--mistake", "no-metric", "--format", "csv", snippet,
    ])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(
      result.stderr.contains("missing 1 required positional argument: 'metrics'"), result.stderr)
    XCTAssertTrue(result.stderr.contains("scheduler.step(val_loss)"), result.stderr)
    XCTAssertEqual(rows(result.stdout).count, 1 + 256)
  }

  func testBadInputExitsTwoWithAMessage() throws {
    let cases: [([String], String)] = [
      (["simulate", "--model", "resnet", stepLR], "--model"),
      (["simulate", "--format", "xml", stepLR], "--format"),
      (["simulate", "--epochs", "0", stepLR], "epochs"),
      (["simulate", "--epochs", "ten", stepLR], "--epochs"),
      (["simulate", "--seed", "1.5", stepLR], "--seed"),
      (["simulate", "--noise", "lots", stepLR], "--noise"),
      (["simulate", "--batch-size", "1000", stepLR], "batch size"),
      (["simulate", "--step-every", "hour", stepLR], "--step-every"),
      (["simulate", "--mistake", "typo", stepLR], "--mistake"),
      (["simulate", "--mistake", "no-metric", stepLR], "no-metric"),
      (["simulate", "--plateau-metric", "loss", stepLR], "--plateau-metric"),
      (["simulate"], "snippet"),
      (
        [
          "simulate", "--model", "quadratic",
          "optimizer = torch.optim.Adam(model.parameters(), lr=0.1)\nscheduler = StepLR(optimizer, 2)",
        ], "SGD"
      ),
      (["simulate", "scheduler = StepLR(optimizer, step_size=)"], "line 1"),
      (["range-test", "--model", "resnet"], "--model"),
      (["range-test", "--start-lr", "1", "--end-lr", "0.1"], "start lr"),
    ]
    for (arguments, needle) in cases {
      let result = try runLrlab(arguments)
      XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
      XCTAssertTrue(result.stderr.contains(needle), "\(arguments): \(result.stderr)")
      XCTAssertTrue(result.stdout.isEmpty, "\(arguments)")
    }
  }

  func testChartShowsLossAndLR() throws {
    let result = try runLrlab([
      "simulate", "--model", "quadratic", "--epochs", "3", "--format", "chart", stepLR,
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.contains("quadratic: loss"), result.stdout)
    XCTAssertTrue(result.stdout.contains("StepLR: learning rate"), result.stdout)
    XCTAssertTrue(result.stdout.contains("summary: 300 steps"), result.stdout)
  }

  func testRangeTestPrintsSweepAndSuggestions() throws {
    let result = try runLrlab(["range-test", "--model", "linear"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.contains("suggestion (minimum ÷ 10)"), result.stdout)
    XCTAssertTrue(result.stdout.contains("suggestion (steepest descent)"), result.stdout)
    XCTAssertTrue(result.stdout.contains("stopped at lr"), result.stdout)
    let csv = try runLrlab(["range-test", "--model", "linear", "--format", "csv"])
    let table = rows(csv.stdout)
    XCTAssertEqual(table[0], ["step", "lr", "loss", "smoothed_loss"])
    XCTAssertEqual(Double(table[1][1])!, 1e-4, accuracy: 1e-18)
    XCTAssertGreaterThan(table.count, 100)
  }
}

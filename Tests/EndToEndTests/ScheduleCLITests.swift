import Foundation
import XCTest

/// `lrlab schedule` through the real binary: the CSV contract tools outside rely on.
final class ScheduleCLITests: XCTestCase {
  let oneCycle = """
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = OneCycleLR(optimizer, max_lr=0.1, total_steps=10)
    """

  func csvLines(_ output: String) -> [String] {
    output.split(separator: "\n").map(String.init)
  }

  func testHeaderAndOneRowPerStepFromZero() throws {
    let result = try runLrlab([
      "schedule", "--format", "csv", "--steps", "10",
      "scheduler = CosineAnnealingLR(optimizer, T_max=10)",
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    let lines = csvLines(result.stdout)
    XCTAssertEqual(lines.first, "step,lr")
    XCTAssertEqual(lines.count, 12)
    XCTAssertEqual(
      lines.dropFirst().map { $0.split(separator: ",")[0] }, (0...10).map { "\($0)"[...] })
    XCTAssertEqual(lines[1], "0,0.1")
    XCTAssertEqual(lines[11], "10,0.0")
  }

  func testNumbersRoundTripExactly() throws {
    let result = try runLrlab(["schedule", "--format", "csv", oneCycle])
    XCTAssertEqual(result.status, 0, result.stderr)
    let lines = csvLines(result.stdout)
    XCTAssertEqual(lines.first, "step,lr,momentum")
    XCTAssertEqual(lines.count, 12, "natural length: total_steps")
    // PyTorch 2.15's values, bit for bit.
    let row0 = lines[1].split(separator: ",").map(String.init)
    XCTAssertEqual(Double(row0[1]), 0.0040000000000000036)
    XCTAssertEqual(Double(row0[2]), 0.95)
    let row1 = lines[2].split(separator: ",").map(String.init)
    XCTAssertEqual(Double(row1[1]), 0.052000000000000005)
    XCTAssertEqual(Double(row1[2]), 0.8999999999999999)
    XCTAssertEqual(lines[10], "9,4e-07,0.95")
  }

  func testSeveralParamGroupsGetNumberedColumns() throws {
    let snippet = """
      optimizer = torch.optim.SGD([{'params': backbone, 'lr': 1e-05}, {'params': head}], lr=0.001, momentum=0.9)
      scheduler = StepLR(optimizer, step_size=3, gamma=0.5)
      """
    let result = try runLrlab(["schedule", "--format", "csv", "--steps", "3", snippet])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(
      csvLines(result.stdout),
      ["step,lr0,lr1", "0,1e-05,0.001", "1,1e-05,0.001", "2,1e-05,0.001", "3,5e-06,0.0005"])
  }

  func testMomentumColumnsPerGroupWhenCycled() throws {
    let snippet = """
      optimizer = torch.optim.SGD([{'params': backbone, 'lr': 1e-05}, {'params': head}], lr=0.001, momentum=0.9)
      scheduler = CyclicLR(optimizer, base_lr=[1e-5, 1e-3], max_lr=[1e-4, 1e-2], step_size_up=2)
      """
    let result = try runLrlab(["schedule", "--format", "csv", "--steps", "2", snippet])
    XCTAssertEqual(result.status, 0, result.stderr)
    let lines = csvLines(result.stdout)
    XCTAssertEqual(lines.first, "step,lr0,lr1,momentum0,momentum1")
    XCTAssertEqual(lines.count, 4)
    XCTAssertEqual(lines[1], "0,1e-05,0.001,0.9,0.9")
  }

  func testBadSnippetExitsTwoWithACaret() throws {
    let result = try runLrlab([
      "schedule", "--format", "csv", "scheduler = StepLR(optimizer, step_size=10, gamma=)",
    ])
    XCTAssertEqual(result.status, 2)
    XCTAssertEqual(result.stdout, "")
    XCTAssertEqual(
      result.stderr,
      """
      error: invalid syntax: expected an expression
        --> line 1, column 51
         | scheduler = StepLR(optimizer, step_size=10, gamma=)
         |                                                   ^

      """)
  }

  func testBadOptionValuesExitTwo() throws {
    let snippet = "scheduler = StepLR(optimizer, 2)"
    for arguments in [
      ["--steps", "abc"], ["--steps=-1"], ["--format", "xml"], ["--lr=-1"],
      ["--epochs", "1.5"], [],
    ] {
      let result = try runLrlab(["schedule"] + arguments + (arguments.isEmpty ? [] : [snippet]))
      XCTAssertEqual(result.status, 2, "\(arguments)")
      XCTAssertTrue(result.stderr.hasPrefix("error: "), result.stderr)
      XCTAssertEqual(result.stdout, "")
    }
  }

  func testPyTorchErrorInTheConstructorExitsTwo() throws {
    let result = try runLrlab(["schedule", "scheduler = LinearLR(optimizer, start_factor=0.0)"])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(
      result.stderr.contains(
        "ValueError: Starting multiplicative factor expected to be greater than 0 and less or equal to 1."
      ),
      result.stderr)
  }

  func testOneCyclePastItsEndPrintsTheRowsThenTheErrorAndExitsOne() throws {
    let result = try runLrlab(["schedule", "--format", "csv", "--steps", "12", oneCycle])
    XCTAssertEqual(result.status, 1)
    let lines = csvLines(result.stdout)
    XCTAssertEqual(lines.count, 12, "header and steps 0…10")
    XCTAssertEqual(lines.last, "10,0.004951936798652624,0.945048443395121")
    XCTAssertEqual(
      result.stderr,
      "error: ValueError: Tried to step 11 times. The specified number of total steps is 10 (at step 11)\n"
    )
  }

  func testStdinAndFile() throws {
    let snippet = "scheduler = ExponentialLR(optimizer, gamma=0.5)\n"
    let fromStdin = try runLrlab(
      ["schedule", "--format", "csv", "--steps", "2", "-"], stdin: snippet)
    XCTAssertEqual(fromStdin.status, 0, fromStdin.stderr)
    XCTAssertEqual(fromStdin.stdout, "step,lr\n0,0.1\n1,0.05\n2,0.025\n")
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lrlab-schedule-\(UUID().uuidString).py")
    try Data(snippet.utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let fromFile = try runLrlab([
      "schedule", "--format", "csv", "--steps", "2", "--lr", "1", "--file", url.path,
    ])
    XCTAssertEqual(fromFile.stdout, "step,lr\n0,1.0\n1,0.5\n2,0.25\n")
    let missing = try runLrlab(["schedule", "--file", "/nonexistent/snippet.py"])
    XCTAssertEqual(missing.status, 2)
  }

  func testPlateauNeedsMetrics() throws {
    let snippet = "scheduler = ReduceLROnPlateau(optimizer, patience=0, factor=0.5)"
    let without = try runLrlab(["schedule", snippet])
    XCTAssertEqual(without.status, 2)
    XCTAssertTrue(without.stderr.contains("--metric"), without.stderr)
    let with = try runLrlab([
      "schedule", "--format", "csv", "--steps", "3", "--metric", "1,2", snippet,
    ])
    XCTAssertEqual(with.status, 0, with.stderr)
    XCTAssertEqual(with.stdout, "step,lr\n0,0.1\n1,0.1\n2,0.05\n3,0.025\n")
    let bad = try runLrlab(["schedule", "--metric", "1,x", snippet])
    XCTAssertEqual(bad.status, 2)
  }

  func testNegativeMetricsAsWritten() throws {
    let snippet = "scheduler = ReduceLROnPlateau(optimizer, mode='max', patience=0, factor=0.5)"
    let result = try runLrlab([
      "schedule", "--format", "csv", "--steps", "3", "--metric", "-0.5,-0.6", snippet,
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(result.stdout, "step,lr\n0,0.1\n1,0.1\n2,0.05\n3,0.025\n")
  }

  func testAWholeScriptGivesItsSchedulerAndVerboseSaysWhatWasSkipped() throws {
    let script = """
      import torch, torch.nn as nn
      from torch.utils.data import DataLoader

      class Net(nn.Module):
          def __init__(self):
              super().__init__()
              self.fc = nn.Linear(4, 1)

      def train(model, loader, optimizer, scheduler):
          for x, y in loader:
              optimizer.zero_grad()
              optimizer.step()
              scheduler.step()

      def main():
          model = Net()
          loader = DataLoader(list(range(64)), batch_size=8)
          optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
          scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5)
          for epoch in range(3):
              train(model, loader, optimizer, scheduler)

      if __name__ == "__main__":
          main()
      """
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lrlab-script-\(UUID().uuidString).py")
    try Data(script.utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let result = try runLrlab([
      "schedule", "--format", "csv", "--steps", "4", "--verbose", "--file", url.path,
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(result.stdout, "step,lr\n0,0.1\n1,0.1\n2,0.05\n3,0.05\n4,0.025\n")
    XCTAssertTrue(
      result.stderr.contains("note: line 20, column 5: 'for' loop is not run"), result.stderr)
    XCTAssertTrue(result.stderr.contains("'def train' is never called"), result.stderr)
  }

  func testBindingsFromOptions() throws {
    let snippet =
      "scheduler = OneCycleLR(optimizer, max_lr=0.01, steps_per_epoch=len(train_loader), epochs=num_epochs)"
    let result = try runLrlab([
      "schedule", "--format", "csv", "--steps-per-epoch", "4", "--epochs", "3", snippet,
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(csvLines(result.stdout).count, 14, "header and steps 0…12")
  }

  func testChartDrawsBraille() throws {
    let result = try runLrlab(
      ["schedule", "--format", "chart", "scheduler = CosineAnnealingLR(optimizer, T_max=20)"],
      environment: ["COLUMNS": "60"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.hasPrefix("CosineAnnealingLR: learning rate"))
    XCTAssertTrue(result.stdout.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
    XCTAssertTrue(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 60 })
    let logY = try runLrlab(
      ["schedule", "--format", "chart", "--log-y", "scheduler = ExponentialLR(optimizer, 0.5)"])
    XCTAssertEqual(logY.status, 0, logY.stderr)
    // lr 0 cannot be drawn on a log axis, but the x axis still spans every step (it started at
    // the first positive lr: step 2 here, 1 for a transformers warmup from 0).
    let zeros = try runLrlab([
      "schedule", "--format", "chart", "--log-y", "--steps", "3",
      "LambdaLR(optimizer, lr_lambda=lambda e: 0.0 if e < 2 else 1)",
    ])
    XCTAssertEqual(zeros.status, 0, zeros.stderr)
    let xLabels = zeros.stdout.split(separator: "\n").last.map(String.init) ?? ""
    XCTAssertEqual(
      xLabels.split(separator: " ").map(String.init), ["0", "1", "2", "3", "step"], zeros.stdout)
  }

  /// The SVG streams like the other formats: past 100,000 steps each bucket keeps its extremes
  /// (every row was kept and written: 16 MB of SVG at 200,000 steps, 940 MB of memory at 3M).
  func testLongSVGIsBounded() throws {
    let result = try runLrlab([
      "schedule", "--format", "svg", "--steps", "200000",
      "CyclicLR(optimizer, base_lr=0.001, max_lr=0.1, step_size_up=5)",
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.hasSuffix("</svg>\n"), String(result.stdout.suffix(100)))
    XCTAssertLessThan(result.stdout.utf8.count, 2_000_000)
  }

  func testJSONAndTable() throws {
    let json = try runLrlab([
      "schedule", "--format", "json", "--steps", "1", "scheduler = StepLR(optimizer, 1)",
    ])
    XCTAssertEqual(json.status, 0)
    XCTAssertTrue(json.stdout.contains("\"scheduler\": \"StepLR\""))
    let table = try runLrlab([
      "schedule", "--steps", "1", "scheduler = StepLR(optimizer, 1, gamma=0.5)",
    ])
    XCTAssertEqual(table.stdout, "step    lr\n   0   0.1\n   1  0.05\n")
  }
}

import Foundation
import XCTest

/// `lrlab doctor` through the real binary: the JSON contract, exit statuses, compiler-style
/// text and --simulate.
final class DoctorCLITests: XCTestCase {
  let buggy = """
    import torch

    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, epochs=10, steps_per_epoch=20)
    for epoch in range(10):
        for x, y in train_loader:
            optimizer.zero_grad()
            loss_fn(model(x), y).backward()
            optimizer.step()
        scheduler.step()
        print(scheduler.get_last_lr())

    """

  func script(_ text: String, name: String = "train.py") throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lrlab-doctor-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
  }

  func testJSONContractAndExitOneOnAnError() throws {
    let file = try script(buggy)
    let result = try runLrlab(["doctor", "--format", "json", file.path])
    XCTAssertEqual(result.status, 1, result.stderr)
    let json = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    XCTAssertEqual(json["file"] as? String, file.path)
    let findings = try XCTUnwrap(json["findings"] as? [[String: Any]])
    XCTAssertEqual(findings.count, 1)
    let finding = findings[0]
    XCTAssertEqual(finding["rule"] as? String, "per-batch-scheduler-stepped-per-epoch")
    XCTAssertEqual(finding["severity"] as? String, "error")
    XCTAssertEqual(finding["line"] as? Int, 10)
    XCTAssertEqual(finding["column"] as? Int, 5)
    XCTAssertEqual(Set(finding.keys), ["rule", "severity", "line", "column", "message", "fix"])
    let loop = try XCTUnwrap(json["loop"] as? [String: Any])
    XCTAssertEqual(loop["epochs"] as? Int, 10)
    XCTAssertTrue(loop["batches_per_epoch"] is NSNull)
    XCTAssertTrue(loop["optimizer_steps_per_epoch"] is NSNull)
    let steps = try XCTUnwrap(loop["scheduler_steps"] as? [[String: Any]])
    XCTAssertEqual(steps.count, 1)
    XCTAssertEqual(steps[0]["variable"] as? String, "scheduler")
    XCTAssertEqual(steps[0]["per"] as? String, "epoch")
    XCTAssertEqual(steps[0]["line"] as? Int, 10)
  }

  func testCleanScriptExitsZero() throws {
    let clean = buggy.replacingOccurrences(
      of: "        optimizer.step()\n    scheduler.step()",
      with: "        optimizer.step()\n        scheduler.step()")
    let file = try script(clean)
    let result = try runLrlab(["doctor", "--format", "json", file.path])
    XCTAssertEqual(result.status, 0, result.stdout)
    XCTAssertTrue(result.stdout.contains("\"findings\": []"), result.stdout)
    XCTAssertTrue(result.stdout.contains("\"per\": \"batch\""), result.stdout)
  }

  func testTextIsCompilerStyleWithSourceLineAndCaret() throws {
    let file = try script(buggy)
    let result = try runLrlab(["doctor", file.path])
    XCTAssertEqual(result.status, 1)
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(
      String.init)
    XCTAssertTrue(
      lines[0].hasPrefix("\(file.path):10:5: error: "), lines[0])
    XCTAssertTrue(lines[0].hasSuffix("[per-batch-scheduler-stepped-per-epoch]"), lines[0])
    XCTAssertEqual(lines[1], " 10 |     scheduler.step()")
    XCTAssertEqual(lines[2], "    |     ^")
    XCTAssertTrue(lines[3].hasPrefix("    = fix: "), lines[3])
  }

  func testUnparseableFileExitsTwoWithLineAndColumn() throws {
    let file = try script("import torch\nfor epoch in range(10)\n    pass\n")
    let result = try runLrlab(["doctor", file.path])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.hasPrefix("error: \(file.path):2:"), result.stderr)
    let missing = try runLrlab(["doctor", file.path + ".missing"])
    XCTAssertEqual(missing.status, 2)
    XCTAssertTrue(missing.stderr.contains("cannot read"), missing.stderr)
  }

  func testControlCharactersInTheScriptAreSanitised() throws {
    let file = try script(
      buggy.replacingOccurrences(
        of: "        scheduler.step()", with: "    scheduler.step()  # \u{1B}[31mred"))
    let result = try runLrlab(["doctor", file.path])
    XCTAssertFalse(result.stdout.contains("\u{1B}"), result.stdout)
  }

  func testSimulateCSVShowsTheScheduleAsSteppedBesideAsSized() throws {
    let file = try script(
      buggy.replacingOccurrences(of: "for x, y in train_loader", with: "for x, y in range(20)"))
    let result = try runLrlab(["doctor", "--simulate", "--format", "csv", file.path])
    XCTAssertEqual(result.status, 1, result.stderr)
    let rows = result.stdout.split(separator: "\n").map(String.init)
    XCTAssertEqual(rows.first, "scheduler,line,step,lr_actual,lr_sized")
    XCTAssertEqual(rows.count, 1 + 200)
    let values = rows.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    let actual = values.map { Double($0[3])! }
    let sized = values.map { Double($0[4])! }
    // Stepped per epoch, the cycle never leaves its warm-up; stepped per batch it peaks at max_lr.
    XCTAssertLessThan(actual.max()!, 0.02)
    XCTAssertEqual(sized.max()!, 0.1, accuracy: 1e-12)
    let chart = try runLrlab(["doctor", "--simulate", file.path])
    XCTAssertTrue(chart.stdout.contains("as the script steps it"), chart.stdout)
    XCTAssertTrue(chart.stdout.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) })
  }

  func testSimulateAssumesTheLoaderLengthWhenTheScriptDoesNotSayIt() throws {
    let file = try script(
      """
      optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
      scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, epochs=10, steps_per_epoch=len(train_loader))
      for epoch in range(20):
          for x, y in train_loader:
              optimizer.step()
              scheduler.step()
          print(scheduler.get_last_lr())

      """)
    let unknown = try runLrlab(["doctor", "--simulate", "--format", "json", file.path])
    XCTAssertTrue(unknown.stdout.contains("\"simulations\": []"), unknown.stdout)
    let result = try runLrlab([
      "doctor", "--simulate", "--format", "json", "--steps-per-epoch", "5", file.path,
    ])
    XCTAssertEqual(result.status, 1, "the length-mismatch error")
    let json = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let simulation = try XCTUnwrap((json["simulations"] as? [[String: Any]])?.first)
    // 51 optimizer steps run (rows 0…50); the 51st scheduler.step() after the last one raises.
    XCTAssertEqual((simulation["actual"] as? [Double])?.count, 51, "stops where PyTorch raises")
    XCTAssertEqual((simulation["sized"] as? [Double])?.count, 50)
    let failure = try XCTUnwrap(simulation["failure"] as? String)
    XCTAssertTrue(failure.contains("Tried to step 51 times"), failure)
    let bad = try runLrlab(["doctor", "--simulate", "--steps-per-epoch", "0", file.path])
    XCTAssertEqual(bad.status, 2)
  }
}

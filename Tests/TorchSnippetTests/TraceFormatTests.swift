import Schedulers
import TorchSnippet
import XCTest

/// The CSV / JSON / table renderings and the natural lengths.
final class TraceFormatTests: XCTestCase {
  func testCSVOneGroup() throws {
    let built = try XCTUnwrap(build("scheduler = StepLR(optimizer, step_size=2, gamma=0.5)"))
    XCTAssertEqual(
      ScheduleRunner.run(built, steps: 4).csv(),
      "step,lr\n0,0.1\n1,0.1\n2,0.05\n3,0.05\n4,0.025\n")
  }

  func testCSVTwoGroupsWithMomentum() throws {
    let built = try XCTUnwrap(
      build(
        """
        optimizer = torch.optim.SGD([{'params': backbone, 'lr': 1e-5}, {'params': head}], lr=1e-3, momentum=0.9)
        scheduler = OneCycleLR(optimizer, max_lr=[1e-4, 1e-2], total_steps=4)
        """))
    let csv = ScheduleRunner.run(built, steps: 1).csv()
    let lines = csv.split(separator: "\n")
    XCTAssertEqual(lines.first, "step,lr0,lr1,momentum0,momentum1")
    XCTAssertEqual(lines.count, 3)
    let fields = lines[1].split(separator: ",").compactMap { Double($0) }
    XCTAssertEqual(fields.count, 5)
    XCTAssertEqual(fields[3], 0.95)
    XCTAssertEqual(built.optimizer.groups.map(\.name), ["backbone", "head"])
  }

  func testJSONCarriesTheErrorAndRoundTrips() throws {
    let built = try XCTUnwrap(
      build("scheduler = OneCycleLR(optimizer, max_lr=0.1, total_steps=2)"))
    let trace = ScheduleRunner.run(built, steps: 4)
    let data = Data(trace.json().utf8)
    let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    XCTAssertEqual(object["scheduler"] as? String, "OneCycleLR")
    XCTAssertEqual((object["rows"] as? [Any])?.count, 3)
    let error = try XCTUnwrap(object["error"] as? [String: Any])
    XCTAssertEqual(error["step"] as? Int, 3)
    XCTAssertEqual(
      error["message"] as? String, "Tried to step 3 times. The specified number of total steps is 2"
    )
    // Numbers are written with Double.description, which reads back exactly.
    XCTAssertTrue(trace.json().contains("\"lr\": [\(trace.rows[1].lr[0].description)]"))
    XCTAssertEqual(Double(trace.rows[1].lr[0].description), trace.rows[1].lr[0])
  }

  func testTableIsAligned() throws {
    let built = try XCTUnwrap(build("scheduler = ExponentialLR(optimizer, gamma=0.5)"))
    XCTAssertEqual(
      ScheduleRunner.run(built, steps: 2).table(),
      "step     lr\n   0    0.1\n   1   0.05\n   2  0.025\n")
  }

  func testNaturalLengths() throws {
    let cases: [(String, Int)] = [
      ("scheduler = OneCycleLR(optimizer, max_lr=0.1, total_steps=37)", 37),
      ("scheduler = CosineAnnealingLR(optimizer, T_max=50)", 50),
      ("scheduler = LinearLR(optimizer, total_iters=7)", 7),
      ("scheduler = CosineAnnealingWarmRestarts(optimizer, T_0=5, T_mult=2)", 35),
      ("scheduler = StepLR(optimizer, step_size=10)", 40),
      ("scheduler = MultiStepLR(optimizer, milestones=[30, 80])", 100),
      ("scheduler = CyclicLR(optimizer, 0.001, 0.01, step_size_up=5)", 20),
      ("scheduler = ExponentialLR(optimizer, 0.9)", 100),
      ("scheduler = ReduceLROnPlateau(optimizer)", 100),
      ("scheduler = CosineAnnealingLR(optimizer, T_max=10**9)", naturalLengthCap),
      (
        "scheduler = SequentialLR(optimizer, [LinearLR(optimizer, total_iters=5), "
          + "CosineAnnealingLR(optimizer, T_max=45)], milestones=[5])", 50
      ),
    ]
    for (source, expected) in cases {
      XCTAssertEqual(build(source)?.naturalLength, expected, source)
    }
  }

  func testKnobsRecordEveryArgumentWithDefaults() throws {
    let built = try XCTUnwrap(build("scheduler = StepLR(optimizer, 10)"))
    let arguments = try XCTUnwrap(built.stepped?.arguments)
    XCTAssertEqual(arguments.map(\.name), ["step_size", "gamma", "last_epoch"])
    XCTAssertEqual(arguments.map(\.valueText), ["10", "0.1", "-1"])
    XCTAssertEqual(arguments.map(\.explicit), [true, false, false])
    XCTAssertEqual(arguments.map(\.number), [10, 0.1, -1])
  }

  func testThePlateauNeedsAMetricAndSaysSo() throws {
    let built = try XCTUnwrap(build("scheduler = ReduceLROnPlateau(optimizer)"))
    let trace = ScheduleRunner.run(built, steps: 3)
    XCTAssertEqual(trace.rows.count, 1)
    XCTAssertEqual(trace.failure?.error.type, "TypeError")
    XCTAssertTrue(trace.failure?.error.message.contains("'metrics'") ?? false)
  }
}

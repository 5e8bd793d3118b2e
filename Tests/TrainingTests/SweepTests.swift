import Foundation
import XCTest

@testable import Training

/// The sweep core behind `lrlab sweep` and the Lab's sweep.
final class SweepTests: XCTestCase {
  func smallPlan(seeds: Int = 2, epochs: Int = 6) throws -> SweepPlan {
    var config = RunConfig(model: .sine)
    config.epochs = epochs
    return try SweepPlan(
      config: config,
      schedules: ["constant", "cosine", "onecycle"].map {
        SweepSchedule.preset($0, epochs: epochs)!
      },
      lrs: SweepPlan.logSpaced(1e-2...30, points: 4), seeds: seeds)
  }

  func testLogSpacedIncludesBothEnds() {
    let lrs = SweepPlan.logSpaced(1e-3...1, points: 4)
    XCTAssertEqual(lrs.first, 1e-3)
    XCTAssertEqual(lrs.last, 1)
    XCTAssertEqual(lrs[1], 1e-2, accuracy: 1e-15)
    XCTAssertEqual(lrs[2], 1e-1, accuracy: 1e-14)
  }

  func testResultsAreBitIdenticalOnAnyThreadCount() throws {
    let plan = try smallPlan()
    let one = plan.runAll(threads: 1)
    XCTAssertEqual(plan.runAll(threads: 2), one)
    XCTAssertEqual(plan.runAll(threads: 5), one)
    // And each run equals training that point alone.
    let run = try plan.makeRun(schedule: 1, lr: 0, seed: 1)
    run.runToEnd()
    XCTAssertEqual(
      plan.run(plan.seeds * (1 * plan.lrs.count + 0) + 1).finalValidationLoss,
      run.history.epochs.last?.validationLoss)
  }

  func testCellsHoldMedianMinMaxOverSeedsThatDidNotDiverge() throws {
    let plan = try smallPlan(seeds: 3)
    let runs = (0..<plan.runCount).map { plan.run($0) }
    let result = SweepResult(plan: plan, runs: runs)
    XCTAssertEqual(result.cells.count, 3 * 4)
    for cell in result.cells {
      let mine = (0..<3).map { runs[(cell.scheduleIndex * 4 + cell.lrIndex) * 3 + $0] }
      let finals = mine.compactMap(\.finalValidationLoss).sorted()
      XCTAssertEqual(cell.diverged, mine.filter(\.diverged).count)
      XCTAssertEqual(cell.completed, 3)
      if finals.isEmpty {
        XCTAssertNil(cell.finalValidationLoss)
        XCTAssertNil(cell.bestValidationLoss)
      } else {
        XCTAssertEqual(cell.finalValidationLoss?.min, finals.first)
        XCTAssertEqual(cell.finalValidationLoss?.max, finals.last)
        if finals.count == 3 { XCTAssertEqual(cell.finalValidationLoss?.median, finals[1]) }
        XCTAssertLessThanOrEqual(cell.bestValidationLoss!.min, cell.finalValidationLoss!.min)
      }
    }
    // lr 30 diverges on sine for every schedule and seed; lr 0.01 never does.
    XCTAssertEqual(result.cells.filter { $0.lrIndex == 3 }.map(\.diverged), [3, 3, 3])
    XCTAssertEqual(result.cells.filter { $0.lrIndex == 0 }.map(\.diverged), [0, 0, 0])
  }

  func testMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    XCTAssertEqual(SweepStatistic([4, 1, 3, 2])?.median, 2.5)
    XCTAssertEqual(SweepStatistic([5])?.median, 5)
    XCTAssertNil(SweepStatistic([]))
  }

  func testJSONContract() throws {
    let result = try smallPlan().runAll()
    let json = SweepReport.json(result)
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
    XCTAssertEqual(object["model"] as? String, "sine")
    XCTAssertEqual(object["epochs"] as? Int, 6)
    XCTAssertEqual(object["seeds"] as? Int, 2)
    let cells = object["cells"] as! [[String: Any]]
    XCTAssertEqual(cells.count, 12)
    XCTAssertEqual(
      Set(cells[0].keys), ["schedule", "lr", "final_val_loss", "best_val_loss", "diverged"])
    XCTAssertEqual(cells[0]["schedule"] as? String, "constant")
    let stats = cells[0]["final_val_loss"] as! [String: Double]
    // The text carries the exact double (Foundation's JSON reader may round the last bit).
    let median = try XCTUnwrap(result.cells[0].finalValidationLoss?.median)
    XCTAssertTrue(json.contains("\"final_val_loss\": {\"median\": \(median),"), json)
    XCTAssertEqual(try XCTUnwrap(stats["median"]), median, accuracy: 1e-15)
    XCTAssertEqual(Set(stats.keys), ["median", "min", "max"])
    XCTAssertTrue(cells[3]["final_val_loss"] is NSNull)
    XCTAssertEqual(cells[3]["diverged"] as? Int, 2)
  }

  func testAClassWithItsArgumentsGetsTheOptimizer() throws {
    XCTAssertEqual(
      SweepSchedule.expression("StepLR(step_size=3, gamma=0.5)").snippet,
      "scheduler = StepLR(optimizer, step_size=3, gamma=0.5)")
    XCTAssertEqual(
      SweepSchedule.expression("StepLR(optimizer, 3)").snippet, "scheduler = StepLR(optimizer, 3)")
    var config = RunConfig(model: .sine)
    config.epochs = 4
    XCTAssertNoThrow(
      try SweepPlan(
        config: config, schedules: [.expression("StepLR(step_size=2)")], lrs: [0.01, 0.1], seeds: 1)
    )
  }

  func testAScheduleThatIgnoresTheSweptLRIsRefused() {
    var config = RunConfig(model: .sine)
    config.epochs = 4
    let fixed = SweepSchedule(
      name: "fixed",
      snippet:
        "scheduler = OneCycleLR(optimizer, max_lr=0.1, epochs=4, steps_per_epoch=len(train_loader))"
    )
    XCTAssertThrowsError(try SweepPlan(config: config, schedules: [fixed], lrs: [0.01], seeds: 1)) {
      XCTAssertTrue(String(describing: $0).contains("max_lr=peak_lr"), "\($0)")
    }
  }

  func testBandCountsTheLRsWithinTenPercentOfTheBest() throws {
    let plan = try smallPlan()
    var result = plan.runAll()
    // Make the constant curve's numbers known: 0.10, 0.105, 0.2, diverged.
    let values: [Double?] = [0.2, 0.10, 0.105, nil]
    for (i, v) in values.enumerated() {
      result.cells[i].finalValidationLoss = v.flatMap { SweepStatistic([$0]) }
      result.cells[i].diverged = v == nil ? 2 : 0
    }
    let band = try XCTUnwrap(result.band(ofSchedule: 0))
    XCTAssertEqual(band.points, 2)
    XCTAssertEqual(band.lo, plan.lrs[1])
    XCTAssertEqual(band.hi, plan.lrs[2])
    XCTAssertEqual(band.decades, log10(plan.lrs[2] / plan.lrs[1]), accuracy: 1e-12)
    XCTAssertEqual(result.best(ofSchedule: 0)?.lrIndex, 1)
  }
}

/// The numbers lesson 6 ("How wide is the band of good learning rates?") quotes, re-measured:
/// `lrlab sweep --model sine --schedule constant --schedule cosine --points 12 --seeds 5`.
final class SweepLessonClaimTests: XCTestCase {
  func testTheCosineBandIsWiderThanTheConstantOne() throws {
    let config = RunConfig(model: .sine)
    let plan = try SweepPlan(
      config: config,
      schedules: ["constant", "cosine"].map { SweepSchedule.preset($0, epochs: config.epochs)! },
      lrs: SweepPlan.logSpaced(1e-3...1, points: 12), seeds: 5)
    let result = plan.runAll()
    let constant = try XCTUnwrap(result.band(ofSchedule: 0))
    let cosine = try XCTUnwrap(result.band(ofSchedule: 1))
    XCTAssertGreaterThan(cosine.decades, constant.decades)
    // Constant: its best rate alone; cosine: 4 of the 12, from 0.012 to 0.081.
    XCTAssertEqual(constant.points, 1)
    XCTAssertEqual(SweepReport.short(constant.lo), "0.0231")
    XCTAssertEqual(cosine.points, 4)
    XCTAssertEqual(SweepReport.short(cosine.lo), "0.01233")
    XCTAssertEqual(SweepReport.short(cosine.hi), "0.08111")
    // One seed in five diverges at 0.15, every seed from 0.28 up, for both.
    for cell in result.cells {
      let expected = cell.lr > 0.2 ? 5 : (cell.lr > 0.1 ? 1 : 0)
      XCTAssertEqual(cell.diverged, expected, "\(cell.schedule) at \(cell.lr)")
    }
    // The lesson's sentences carry these measured numbers (two significant digits), so an edit
    // of the text or a change of the toy that moves them fails here.
    let lesson = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Lessons/06-cosine.md").standardizedFileURL,
      encoding: .utf8)
    let text = lesson.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    func two(_ x: Double) -> String { String(format: "%.2g", x) }
    let firstSome = try XCTUnwrap(result.cells.first { $0.diverged > 0 })
    let firstAll = try XCTUnwrap(result.cells.first { $0.diverged == 5 })
    let words = ["no", "one", "two", "three", "four", "five"]
    let claims = [
      "\(words[firstSome.diverged]) seed in \(words[plan.seeds]) at \(two(firstSome.lr)), every seed from \(two(firstAll.lr)) up",
      "its best rate alone, \(two(constant.lo))",
      "it is \(cosine.points) of the \(plan.lrs.count), from \(two(cosine.lo)) to \(two(cosine.hi))",
    ]
    for claim in claims { XCTAssertTrue(text.contains(claim), "lesson 6 should say: \(claim)") }
  }
}

final class SweepNameTests: XCTestCase {
  func testControlCharactersInNamesCannotReachTheTerminal() {
    let schedule = SweepSchedule.expression("StepLR(step_size=2)\u{1B}[2J")
    XCTAssertFalse(schedule.name.unicodeScalars.contains { $0.value == 0x1B })
    XCTAssertEqual(SweepSchedule(name: "a\u{7}b", snippet: "").name, "a?b")
  }
}

import XCTest

@testable import App

final class LabCompareTests: XCTestCase {
  func trace(_ valLosses: [Double], stepsPerEpoch: Int = 10, diverged: Bool = false) -> LabTrace {
    var t = LabTrace(groupNames: ["0"], stepsPerEpoch: stepsPerEpoch, plannedSteps: 100)
    for (i, v) in valLosses.enumerated() {
      t.epochs.append(LabEpochRecord(epoch: i, lastStep: (i + 1) * stepsPerEpoch, valLoss: v))
    }
    if diverged { t.events.append(LabEvent(step: 30, kind: .divergence, label: "diverged")) }
    t.finished = true
    return t
  }

  func testTableUsesTheWorstBestLossAsTheTarget() {
    let fixed = trace([0.5, 0.3, 0.25, 0.26])
    let cosine = trace([0.5, 0.2, 0.1, 0.05])
    let (target, rows) = LabCompare.table([("fixed", fixed), ("cosine", cosine)])
    XCTAssertEqual(target, 0.25)
    XCTAssertEqual(rows.map(\.finalLoss), [0.26, 0.05])
    XCTAssertEqual(rows.map(\.bestLoss), [0.25, 0.05])
    XCTAssertEqual(rows.map(\.stepsToTarget), [30, 20])
  }

  func testDivergedRunsAreMarkedAndIgnoreNaN() {
    let blown = trace([0.5, .nan], diverged: true)
    let ok = trace([0.5, 0.4])
    let (_, rows) = LabCompare.table([("blown", blown), ("ok", ok)])
    XCTAssertTrue(rows[0].diverged)
    XCTAssertEqual(rows[0].bestLoss, 0.5)
    XCTAssertFalse(rows[1].diverged)
  }

  func testShortLabels() {
    var config = LabConfig()
    XCTAssertEqual(config.shortLabel, "fixed lr=0.1")
    config.schedule = .template(.stepLR, ["step_size": .integer(10), "gamma": .number(0.5)])
    XCTAssertEqual(config.shortLabel, "StepLR step_size=10")
    config.mistake = .schedulerFirst
    XCTAssertEqual(config.shortLabel, "StepLR step_size=10 (scheduler-first)")
  }

  func testEveryMistakePresetDiffersFromItsCorrectVersionAndHasANotice() {
    XCTAssertEqual(LabMistakePreset.all.map(\.key), ["1", "2", "3", "4", "5"])
    for preset in LabMistakePreset.all {
      XCTAssertNotEqual(preset.mistaken, preset.correct, preset.title)
      XCTAssertFalse(preset.notice.isEmpty)
      XCTAssertLessThanOrEqual(preset.notice.count, 90, preset.title)
    }
    XCTAssertEqual(LabMistakePreset.preset(forKey: "5")?.mistaken.mistake, .noMetric)
    XCTAssertEqual(LabMistakePreset.preset(forKey: "2")?.mistaken.effectiveStepEvery(), .epoch)
  }
}

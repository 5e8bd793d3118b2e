import XCTest

@testable import App

final class LabCheckpointExportTests: XCTestCase {
  func finishedTrace(events: [LabEvent] = []) -> LabTrace {
    var t = LabTrace(groupNames: ["0"], stepsPerEpoch: 2, plannedSteps: 4)
    t.steps = [
      LabStepRecord(step: 1, epoch: 0, lrs: [0.1], momenta: [0.9], trainLoss: 1.5),
      LabStepRecord(step: 2, epoch: 0, lrs: [0.1], momenta: [0.9], trainLoss: 0.25),
      LabStepRecord(step: 3, epoch: 1, lrs: [0.05], momenta: [0.9], trainLoss: 0.2),
      LabStepRecord(step: 4, epoch: 1, lrs: [0.05], momenta: [0.9], trainLoss: 0.1),
    ]
    t.epochs = [
      LabEpochRecord(epoch: 0, lastStep: 2, valLoss: 0.3),
      LabEpochRecord(epoch: 1, lastStep: 4, valLoss: 0.125),
    ]
    t.events = events
    t.finished = true
    return t
  }

  func testWarmupSequentialAndPlateauTokens() throws {
    var config = LabConfig()
    config.schedule = .template(
      .warmupCosine, ScheduleTemplate.warmupCosine.defaults(units: 20, lr: 0.1))
    let facts = try XCTUnwrap(LabCheckpoints.facts(for: config, labID: "warmup/first"))
    XCTAssertEqual(
      LabCheckpoints.tokens(for: facts, trace: finishedTrace()),
      [
        "ran:SequentialLR", "ran:LinearLR", "ran:CosineAnnealingLR", "ran:warmup-sequential",
        "ran-lab:warmup/first", "viewed:lr-plot",
      ])
    config.schedule = .template(.reduceLROnPlateau, [:])
    let plateau = try XCTUnwrap(LabCheckpoints.facts(for: config))
    XCTAssertTrue(
      LabCheckpoints.tokens(for: plateau, trace: finishedTrace()).contains("ran:plateau-val"))
    config.metric = .train
    let onTrain = try XCTUnwrap(LabCheckpoints.facts(for: config))
    XCTAssertFalse(
      LabCheckpoints.tokens(for: onTrain, trace: finishedTrace()).contains("ran:plateau-val"))
  }

  func testUnfinishedOrFailedRunsEarnNothing() throws {
    var config = LabConfig()
    config.schedule = .template(.stepLR, [:])
    let facts = try XCTUnwrap(LabCheckpoints.facts(for: config))
    var running = finishedTrace()
    running.finished = false
    XCTAssertEqual(LabCheckpoints.tokens(for: facts, trace: running), [])
    let failed = finishedTrace(events: [LabEvent(step: 1, kind: .error, label: "no metric")])
    XCTAssertEqual(LabCheckpoints.tokens(for: facts, trace: failed), [])
    XCTAssertEqual(
      LabCheckpoints.tokens(for: facts, trace: finishedTrace()), ["ran:StepLR", "viewed:lr-plot"])
  }

  func testRunCSVFillsValidationOnEachEpochsLastStep() {
    XCTAssertEqual(
      LabExport.runCSV(finishedTrace()),
      """
      step,epoch,lr,train_loss,val_loss
      0,0,0.1,1.5,
      1,0,0.1,0.25,0.3
      2,1,0.05,0.2,
      3,1,0.05,0.1,0.125

      """)
  }

  func testRunJSONHasStepsEpochsEventsSummaryAndNullForNonFinite() throws {
    var trace = finishedTrace(events: [
      LabEvent(step: 3, kind: .milestone, label: "×0.5 \"epoch\" 1")
    ])
    trace.steps[3].trainLoss = .infinity
    let json = LabExport.runJSON(trace)
    let object = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    XCTAssertEqual((object["steps"] as? [Any])?.count, 4)
    XCTAssertEqual((object["epochs"] as? [Any])?.count, 2)
    let event = try XCTUnwrap((object["events"] as? [[String: Any]])?.first)
    XCTAssertEqual(event["label"] as? String, "×0.5 \"epoch\" 1")
    let summary = try XCTUnwrap(object["summary"] as? [String: Any])
    XCTAssertEqual(summary["best_val_loss"] as? Double, 0.125)
    XCTAssertTrue(summary["final_train_loss"] is NSNull)
  }
}

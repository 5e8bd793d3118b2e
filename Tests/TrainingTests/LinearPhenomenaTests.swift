import Schedulers
import XCTest

@testable import Training

/// Linear regression (d = 20, condition number 100, batch 4, 40 epochs): staircases and the
/// range test's cliff.
final class LinearPhenomenaTests: XCTestCase {
  func testStepLRStaircase() throws {
    let run = try train(
      """
      optimizer = torch.optim.SGD(model.parameters(), lr=0.2)
      scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=15, gamma=0.1)
      """, RunConfig(model: .linear))
    XCTAssertEqual(run.stepEvery, .epoch)
    let perEpoch = run.batchesPerEpoch
    XCTAssertEqual(perEpoch, 256)
    XCTAssertEqual(run.lrOfStep(15 * perEpoch - 1), 0.2)
    XCTAssertEqual(run.lrOfStep(15 * perEpoch), 0.2 * 0.1, accuracy: 1e-15)
    XCTAssertEqual(run.lrOfStep(30 * perEpoch), 0.2 * 0.1 * 0.1, accuracy: 1e-15)
    let milestones = run.events(.milestone)
    XCTAssertEqual(milestones.map(\.step), [15 * perEpoch, 30 * perEpoch])
    XCTAssertEqual(milestones.map(\.epoch), [14, 29])
    // The validation loss drops right after the cut and ends below the constant-0.2 run's.
    let epochs = run.history.epochs
    let before = epochs[10...14].map(\.validationLoss).reduce(0, +) / 5
    let after = epochs[16...20].map(\.validationLoss).reduce(0, +) / 5
    XCTAssertLessThan(after, 0.95 * before)
    let constant = try trainConstant(sgd(0.2, momentum: 0), RunConfig(model: .linear))
    XCTAssertLessThan(run.finalValidation, constant.finalValidation)
  }

  func testReduceLROnPlateauStaircase() throws {
    let run = try train(
      """
      optimizer = torch.optim.SGD(model.parameters(), lr=0.2)
      scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor=0.5, patience=3, threshold=1e-3)
      """, RunConfig(model: .linear))
    let cuts = run.events(.plateauCut)
    XCTAssertGreaterThanOrEqual(cuts.count, 3)
    let epochLRs = run.history.epochs.map { run.lrOfStep($0.lastStep) }
    XCTAssertEqual(epochLRs, epochLRs.sorted(by: >))
    XCTAssertGreaterThanOrEqual(Set(epochLRs).count, 4)
    var bestSoFar = Double.infinity
    for record in run.history.epochs {
      let plateau = try XCTUnwrap(record.plateau)
      XCTAssertLessThanOrEqual(plateau.numBadEpochs, 3)
      bestSoFar = min(bestSoFar, record.validationLoss)
      XCTAssertGreaterThanOrEqual(plateau.best, bestSoFar)
      XCTAssertTrue(run.history.epochs.contains { $0.validationLoss == plateau.best })
    }
    // A cut follows the fourth bad epoch: the epoch before a cut reports 0 bad epochs after it.
    let firstCut = try XCTUnwrap(cuts.first)
    XCTAssertEqual(run.history.epochs[firstCut.epoch].plateau?.numBadEpochs, 0)
  }

  func testPlateauCanWatchTheTrainingLoss() throws {
    var config = RunConfig(model: .linear)
    config.epochs = 6
    config.plateauMetric = .train
    let run = try train(
      """
      optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
      scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, patience=1)
      """, config)
    let epochs = run.history.epochs
    for (index, record) in epochs.enumerated() {
      let trainMeans = epochs[...index].map(\.trainLoss)
      let best = try XCTUnwrap(record.plateau?.best)
      XCTAssertTrue(trainMeans.contains(best))
      XCTAssertGreaterThanOrEqual(best, trainMeans.min()!)
    }
    XCTAssertNotEqual(epochs[0].trainLoss, epochs[0].validationLoss)
  }

  func testRangeTestCliffSitsAtTheCurvatureLimit() throws {
    let config = RangeTestConfig(model: .linear)
    let model = LinearRegressionModel(config.run)
    let limit = 2 / model.hessianTopEigenvalue()
    XCTAssertEqual(limit, 1, accuracy: 0.25)
    let result = try RangeTest.run(config)
    XCTAssertTrue(result.stoppedEarly)
    XCTAssertGreaterThan(result.stopLR, 0.5 * limit)
    XCTAssertLessThan(result.stopLR, 2.5 * limit)
    XCTAssertLessThan(result.lrAtMinimum, limit)
  }
}

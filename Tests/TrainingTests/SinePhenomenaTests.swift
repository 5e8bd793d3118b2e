import Schedulers
import XCTest

@testable import Training

/// What the sine MLP must show with its default parameters (256 points, batch 32, 250 epochs,
/// SGD with momentum 0.9 unless said otherwise).
final class SinePhenomenaTests: XCTestCase {
  /// Constant-lr runs shared by several tests (each costs seconds in a debug build).
  nonisolated(unsafe) static var constantRuns: [Double: TrainingRun] = [:]

  func constant(_ lr: Double) throws -> TrainingRun {
    if let run = Self.constantRuns[lr] { return run }
    let run = try trainConstant(sgd(lr), RunConfig(model: .sine))
    Self.constantRuns[lr] = run
    return run
  }

  func testTinyLRStalls() throws {
    let tiny = try constant(1e-4)
    let good = min(try constant(1e-2).finalValidation, try constant(3e-2).finalValidation)
    XCTAssertGreaterThan(tiny.finalValidation, 2.5 * good)
    // Still creeping down at the end: not converged, just slow.
    let epochs = tiny.history.epochs
    XCTAssertLessThan(epochs[249].validationLoss, epochs[125].validationLoss)
    XCTAssertFalse(tiny.diverged)
  }

  func testTooHighConstantLRBouncesInANoisyBand() throws {
    func band(_ run: TrainingRun) -> (mean: Double, sd: Double) {
      let last = Array(run.history.trainLoss.suffix(400))
      let mean = last.reduce(0, +) / Double(last.count)
      let variance = last.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(last.count)
      return (mean, variance.squareRoot())
    }
    // Seed 0, last 400 steps: lr 0.1 → mean 0.0186, sd 0.0081; lr 0.01 → mean 0.0127,
    // sd 0.0032 (the nn.Linear-initialised toy; PyTorch shows the same band).
    let high = try constant(0.1)
    let good = try constant(1e-2)
    XCTAssertFalse(high.diverged)
    XCTAssertGreaterThan(band(high).sd, 2 * band(good).sd)
    XCTAssertGreaterThan(band(high).mean, 1.3 * band(good).mean)
  }

  func testConstantPointThreeDivergesCleanly() throws {
    let run = try trainConstant(sgd(0.3), RunConfig(model: .sine))
    XCTAssertTrue(run.diverged)
    XCTAssertTrue(run.isFinished)
    XCTAssertLessThan(run.stepsTaken, 20)
    XCTAssertEqual(run.history.events.last?.kind, .diverged)
    XCTAssertFalse(run.history.trainLoss.contains { $0.isNaN })
    let summary = run.summary
    XCTAssertTrue(summary.diverged)
    XCTAssertEqual(summary.divergedAtStep, run.stepsTaken - 1)
    // Pulling more steps after the end does nothing.
    XCTAssertTrue(run.advance(maxSteps: 10).steps.isEmpty)
  }

  func testCosineDecayBeatsTheBestConstantOfAGrid() throws {
    let grid = try [1e-3, 1e-2, 3e-2, 0.1].map { try constant($0).finalValidation }
    let cosine = try train(
      """
      optimizer = torch.optim.SGD(model.parameters(), lr=0.03, momentum=0.9)
      scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=num_epochs)
      """, RunConfig(model: .sine))
    XCTAssertEqual(cosine.stepEvery, .epoch)
    XCTAssertLessThan(cosine.finalValidation, grid.min()!)
  }

  /// max_lr 0.3 survives on this toy (PyTorch: 1 of 20 seeds diverges); 1.0 blows up at step
  /// 205 for seed 0 (0.4 at step 357, 0.7 at 465; 0.5 survives seed 0).
  func testOneCycleWithTooHighMaxLRBlowsUpMidCycle() throws {
    let run = try train(
      """
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
      scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1.0, epochs=num_epochs, steps_per_epoch=len(train_loader))
      """, RunConfig(model: .sine))
    XCTAssertEqual(run.stepEvery, .batch)
    XCTAssertTrue(run.diverged)
    let step = try XCTUnwrap(run.summary.divergedAtStep)
    // Fine for a while, then gone while the lr is still rising towards its peak (step 599).
    XCTAssertGreaterThan(step, 100)
    XCTAssertLessThan(step, 599)
    XCTAssertGreaterThan(run.lrOfStep(step), 0.1)
    XCTAssertGreaterThan(run.lrOfStep(step), run.lrOfStep(step - 1))
    XCTAssertTrue(run.events(.oneCyclePeak).isEmpty)
  }

  func testAdamWithoutWarmupSpikesEarly() throws {
    func spike(_ run: TrainingRun) -> Double {
      let losses = run.history.trainLoss
      return losses[1..<100].max()! / losses[0]
    }
    var config = RunConfig(model: .sine)
    config.epochs = 13
    let plain = try trainConstant(adam(0.3), config)
    let warm = try train(
      """
      optimizer = torch.optim.Adam(model.parameters(), lr=0.3)
      scheduler = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.01, total_iters=100)
      """,
      {
        var c = config
        c.stepEvery = .batch
        return c
      }())
    XCTAssertGreaterThan(spike(plain), 2)
    XCTAssertLessThan(spike(warm), 1.2)
    XCTAssertEqual(warm.events(.warmupEnded).first?.step, 100)
  }

  func testRangeTestSuggestsTheGoodConstantBand() throws {
    let result = try RangeTest.run(RangeTestConfig(model: .sine))
    XCTAssertTrue(result.stoppedEarly)
    XCTAssertLessThan(result.stopLR, 1)
    XCTAssertGreaterThan(result.suggestionMinimumOver10, 5e-3)
    XCTAssertLessThan(result.suggestionMinimumOver10, 5e-2)
    XCTAssertLessThan(result.suggestionSteepest, result.lrAtMinimum)
    // Lesson 10's numbers: the minimum "at about 0.2", the steepest-slope rule "about fifty
    // times smaller" than minimum ÷ 10 (its quiz: "about 5e-4").
    XCTAssertEqual(result.lrAtMinimum, 0.2, accuracy: 0.05)
    XCTAssertEqual(result.suggestionMinimumOver10 / result.suggestionSteepest, 50, accuracy: 15)
    XCTAssertEqual(result.suggestionSteepest, 5e-4, accuracy: 1e-4)
    XCTAssertGreaterThan(
      result.smoothedLosses.last!, 4 * result.smoothedLosses[result.minimumIndex])
  }
}

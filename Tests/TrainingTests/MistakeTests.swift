import Schedulers
import XCTest

@testable import Training

/// The seed lesson's mistakes, replayed on purpose.
final class MistakeTests: XCTestCase {
  let halving = """
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
    """

  func quadratic(epochs: Int = 2) -> RunConfig {
    var config = RunConfig(model: .quadratic)
    config.epochs = epochs
    config.stepEvery = .batch
    return config
  }

  func testSchedulerFirstSkipsTheFirstLR() throws {
    let right = try train(halving, quadratic())
    XCTAssertEqual(right.lrOfStep(0), 0.1)
    XCTAssertEqual(right.lrOfStep(1), 0.05)
    var config = quadratic()
    config.mistake = .schedulerFirst
    let wrong = try train(halving, config)
    XCTAssertEqual(wrong.lrOfStep(0), 0.05)
    XCTAssertEqual(wrong.lrOfStep(1), 0.025)
    let warning = try XCTUnwrap(wrong.events(.warning).first)
    XCTAssertTrue(warning.label.contains("optimizer.step()"), warning.label)
    XCTAssertEqual(warning.step, 0)
    XCTAssertTrue(right.events(.warning).isEmpty)
  }

  func testSchedulerFirstPerEpoch() throws {
    var config = quadratic(epochs: 3)
    config.stepEvery = .epoch
    config.mistake = .schedulerFirst
    let run = try train(halving, config)
    // Epoch 0 already trains at the second value.
    XCTAssertEqual(run.lrOfStep(0), 0.05)
    XCTAssertEqual(run.lrOfStep(run.batchesPerEpoch), 0.025)
  }

  func testOneCycleSteppedPerEpochBarelyLeavesItsStart() throws {
    let snippet = """
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
      scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, epochs=num_epochs, steps_per_epoch=len(train_loader))
      """
    var config = RunConfig(model: .sine)
    config.epochs = 20
    config.mistake = .oneCyclePerEpoch
    let run = try train(snippet, config)
    XCTAssertEqual(run.stepEvery, .epoch)
    XCTAssertNil(run.failure)
    let lrs = (0..<run.stepsTaken).map { run.lrOfStep($0) }
    XCTAssertEqual(lrs[0], 0.004, accuracy: 1e-15)
    // 20 scheduler steps of a 160-step cycle: still low in the warm-up, never near max_lr.
    XCTAssertLessThan(lrs.max()!, 0.05)
    XCTAssertEqual(Set(lrs[0..<8]).count, 1)
    XCTAssertTrue(run.events(.oneCyclePeak).isEmpty)
  }

  func testPlateauWithoutMetricStopsWithAHint() throws {
    let snippet = """
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
      """
    var config = RunConfig(model: .linear)
    config.mistake = .noMetric
    let run = try train(snippet, config)
    let failure = try XCTUnwrap(run.failure)
    XCTAssertTrue(failure.description.contains("TypeError"), failure.description)
    XCTAssertTrue(failure.description.contains("'metrics'"), failure.description)
    XCTAssertTrue(failure.description.contains("scheduler.step(val_loss)"), failure.description)
    XCTAssertTrue(run.isFinished)
    XCTAssertEqual(run.stepsTaken, run.batchesPerEpoch)
    XCTAssertEqual(run.history.events.last?.kind, .error)
  }

  func testMistakesNeedTheirScheduler() throws {
    var config = RunConfig(model: .quadratic)
    for mistake in [Mistake.noMetric, .oneCyclePerEpoch] {
      config.mistake = mistake
      XCTAssertThrowsError(try train(halving, config)) { error in
        XCTAssertTrue("\(error)".contains(mistake.rawValue), "\(error)")
      }
    }
  }

  func testOneCycleSteppedTooOftenRaisesAsPyTorch() throws {
    let snippet = """
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
      scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=50)
      """
    let run = try train(snippet, quadratic())
    XCTAssertEqual(run.stepsTaken, 51)
    let failure = try XCTUnwrap(run.failure)
    XCTAssertTrue(failure.description.contains("Tried to step 51 times"), failure.description)
  }
}

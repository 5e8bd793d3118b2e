import Schedulers
import XCTest

@testable import Training

/// transformers' schedules in a training run: stepped per optimizer step, with their events.
final class TransformersRunTests: XCTestCase {
  func testGetScheduleIsSteppedPerBatchWithWarmupAndEndEvents() throws {
    var config = RunConfig(model: .quadratic)
    config.epochs = 10
    config.trainSize = 16  // four steps an epoch
    let run = try train(
      """
      from transformers import get_linear_schedule_with_warmup
      optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
      total = num_epochs * len(train_loader)
      scheduler = get_linear_schedule_with_warmup(optimizer, total // 10, total)
      """, config)
    XCTAssertEqual(run.stepEvery, .batch)
    XCTAssertEqual(config.batchesPerEpoch, 4)
    XCTAssertEqual(run.events(.warmupEnded).map(\.step), [4])
    XCTAssertEqual(run.events(.etaMinReached).map(\.step), [40])
    XCTAssertEqual(run.lrOfStep(2), 0.25, accuracy: 1e-15)
    XCTAssertEqual(run.lrOfStep(39), 0.5 / 36, accuracy: 1e-15)
  }

  func testMetricFedSchedulesStayPerEpoch() {
    XCTAssertEqual(StepEvery.default(forSchedulerClass: "get_cosine_schedule_with_warmup"), .batch)
    XCTAssertEqual(StepEvery.default(forSchedulerClass: "get_scheduler"), .batch)
    XCTAssertEqual(StepEvery.default(forSchedulerClass: "GreedyLR"), .epoch)
    XCTAssertEqual(StepEvery.default(forSchedulerClass: "ReduceLROnPlateau"), .epoch)
  }

  func testGreedyScheduleIsFedTheValidationLossEachEpoch() throws {
    var config = RunConfig(model: .quadratic)
    config.epochs = 30
    config.trainSize = 8
    let run = try train(
      """
      from transformers import get_greedy_schedule
      optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
      scheduler = get_greedy_schedule(optimizer, patience=1, factor=0.5, min_lr=1e-4, max_lr=0.4)
      """, config)
    XCTAssertEqual(run.stepEvery, .epoch)
    // Improving validation losses make GreedyLR raise the rate above where it started.
    let lrs = (0..<run.history.stepCount).map { run.lrOfStep($0) }
    XCTAssertGreaterThan(lrs.max() ?? 0, 0.05)
  }
}

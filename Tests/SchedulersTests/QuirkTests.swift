import Schedulers
import XCTest

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// PyTorch behaviours the golden file does not pin down, with the values the semantics notes
/// recorded from PyTorch 2.15.
final class QuirkTests: XCTestCase {
  private func optimizer(_ lr: Double = 0.1) -> OptimizerState {
    var group = ParamGroup(lr: lr)
    group.momentum = 0.9
    return OptimizerState(kind: .sgd, groups: [group])
  }

  private func steps(_ scheduler: any LRScheduler, _ count: Int) throws -> [Double] {
    var lrs = [scheduler.optimizer.groups[0].lr]
    for _ in 0..<count {
      try scheduler.step()
      lrs.append(scheduler.optimizer.groups[0].lr)
    }
    return lrs
  }

  func testSecondSchedulerKeepsTheOriginalInitialLR() throws {
    let optimizer = optimizer()
    _ = try StepLR(optimizer: optimizer, stepSize: 5)
    optimizer.groups[0].lr = 0.3
    let second = try ExponentialLR(optimizer: optimizer, gamma: 0.5)
    XCTAssertEqual(second.baseLRs, [0.1])
    XCTAssertEqual(optimizer.groups[0].lr, 0.3)
  }

  func testRecursiveFormsDriftAsInPyTorch() throws {
    let linear = try LinearLR(optimizer: optimizer(), startFactor: 0.001, totalIters: 10)
    XCTAssertEqual(try steps(linear, 10).last, 0.10000000000000002)
    let constant = try ConstantLR(optimizer: optimizer(0.05), factor: 0.1, totalIters: 2)
    XCTAssertEqual(
      try steps(constant, 2), [0.005000000000000001, 0.005000000000000001, 0.05000000000000001])
  }

  func testSequentialRestartsTheNextChildAtItsEpochZero() throws {
    let optimizer = optimizer()
    let warmup = try LinearLR(optimizer: optimizer, startFactor: 0.25, totalIters: 4)
    let cosine = try CosineAnnealingLR(optimizer: optimizer, tMax: 6)
    let sequential = try SequentialLR(
      optimizer: optimizer, schedulers: [warmup, cosine], milestones: [4])
    let lrs = try steps(sequential, 5)
    XCTAssertEqual(lrs[3], 0.08125, accuracy: 1e-15)
    XCTAssertEqual(lrs[4], 0.1)
    XCTAssertEqual(lrs[5], 0.1 * (1 + cos(Double.pi / 6)) / 2, accuracy: 1e-15)
    XCTAssertEqual(sequential.currentIndex, 1)
    XCTAssertEqual(cosine.lastEpoch, 1)
  }

  func testMultiplicativeChildContinuesFromTheCurrentLR() throws {
    let optimizer = optimizer()
    let exponential = try ExponentialLR(optimizer: optimizer, gamma: 0.5)
    let multiplicative = try MultiplicativeLR(optimizer: optimizer) { _ in 0.5 }
    let sequential = try SequentialLR(
      optimizer: optimizer, schedulers: [exponential, multiplicative], milestones: [2])
    XCTAssertEqual(try steps(sequential, 3), [0.1, 0.05, 0.025, 0.0125])
  }

  func testMilestoneZeroStartsTheSecondChild() throws {
    let optimizer = optimizer()
    let constant = try ConstantLR(optimizer: optimizer, factor: 0.5, totalIters: 3)
    let exponential = try ExponentialLR(optimizer: optimizer, gamma: 0.9)
    let sequential = try SequentialLR(
      optimizer: optimizer, schedulers: [constant, exponential], milestones: [0])
    XCTAssertEqual(sequential.currentIndex, 1)
    XCTAssertEqual(try steps(sequential, 1), [0.1, 0.09000000000000001])
  }

  func testChainedSchedulerAsFirstChildTakesAnExtraStep() throws {
    let optimizer = optimizer(0.05)
    let chained = try ChainedScheduler(schedulers: [
      ConstantLR(optimizer: optimizer, factor: 0.1, totalIters: 20),
      ExponentialLR(optimizer: optimizer, gamma: 0.9),
    ])
    XCTAssertEqual(optimizer.groups[0].lr, 0.005000000000000001)
    _ = try SequentialLR(
      optimizer: optimizer, schedulers: [chained, StepLR(optimizer: optimizer, stepSize: 3)],
      milestones: [5])
    // 0.05 · 0.1 · 0.9 (Python: 0.004500000000000001) instead of 0.005.
    XCTAssertEqual(optimizer.groups[0].lr, 0.004500000000000001)
  }

  func testCompositeAsALaterChildFailsAtTheMilestone() throws {
    let optimizer = optimizer()
    let step = try StepLR(optimizer: optimizer, stepSize: 3)
    let chained = try ChainedScheduler(schedulers: [ExponentialLR(optimizer: optimizer, gamma: 0.9)]
    )
    let sequential = try SequentialLR(
      optimizer: optimizer, schedulers: [step, chained], milestones: [2])
    try sequential.step()
    XCTAssertThrowsError(try sequential.step()) { error in
      XCTAssertEqual((error as? SchedulerError)?.type, "NotImplementedError")
    }
  }

  func testResumingStepLRDecaysTheLoadedLRAgain() throws {
    let optimizer = optimizer(0.05)
    optimizer.groups[0].initialLR = 0.1
    let step = try StepLR(optimizer: optimizer, stepSize: 5, gamma: 0.5, lastEpoch: 4)
    XCTAssertEqual(step.lastEpoch, 5)
    XCTAssertEqual(optimizer.groups[0].lr, 0.025)
    let exponential = try ExponentialLR(optimizer: optimizer, gamma: 0.5, lastEpoch: 7)
    XCTAssertEqual(exponential.lastEpoch, 8)
    XCTAssertEqual(optimizer.groups[0].lr, 0.025)
  }

  func testCyclicLRFirstValueUsesAnEarlierInitialLR() throws {
    let optimizer = optimizer(0.5)
    _ = try StepLR(optimizer: optimizer, stepSize: 10)
    let cyclic = try CyclicLR(optimizer: optimizer, baseLR: 0.001, maxLR: 0.01, stepSizeUp: 5)
    XCTAssertEqual(optimizer.groups[0].lr, 0.5)
    XCTAssertEqual(optimizer.groups[0].momentum, 0.9)
    try cyclic.step()
    // Python: x = 1.0 + 1/10.0 - 1; 0.001 + (0.01 - 0.001) * (x / 0.5) * 1.0
    XCTAssertEqual(optimizer.groups[0].lr, 0.002800000000000002)
    XCTAssertEqual(cyclic.baseLRs, [0.001])
  }

  func testOneCycleCosineIsNotExactAtTheStart() throws {
    let optimizer = optimizer()
    let oneCycle = try OneCycleLR(optimizer: optimizer, maxLR: 1.0, totalSteps: 100)
    XCTAssertEqual(optimizer.groups[0].lr, 0.040000000000000036)
    XCTAssertEqual(oneCycle.phaseEndSteps, [29.0, 99.0])
    XCTAssertEqual(optimizer.groups[0].initialLR, 0.04)
    XCTAssertEqual(optimizer.groups[0].minLR, 0.04 / 1e4)
  }

  func testWarmRestartsExplicitEpochLandsOneCycleEarly() throws {
    let optimizer = optimizer()
    let restarts = try CosineAnnealingWarmRestarts(optimizer: optimizer, t0: 1, tMult: 3)
    try restarts.step(epoch: 121)
    XCTAssertEqual(restarts.tCur, 81.0)
    XCTAssertEqual(restarts.tI, 81)
    XCTAssertEqual(optimizer.groups[0].lr, 0.0)
    XCTAssertEqual(restarts.lastEpoch, 121)
  }

  func testWarmRestartsFractionalEpochThenStep() throws {
    let restarts = try CosineAnnealingWarmRestarts(optimizer: optimizer(), t0: 10)
    try restarts.step(epoch: 3.5)
    XCTAssertEqual(restarts.lastEpoch, 3)
    try restarts.step()
    XCTAssertEqual(restarts.lastEpoch, 4)
    XCTAssertEqual(restarts.tCur, 4.5)
    XCTAssertThrowsError(try restarts.step(epoch: -1)) { error in
      XCTAssertEqual(error as? SchedulerError, .value("Expected non-negative epoch, but got -1"))
    }
  }

  func testPlateauReducesOnThePatiencePlusFirstBadCall() throws {
    let optimizer = optimizer()
    let plateau = try ReduceLROnPlateau(optimizer: optimizer, patience: 5)
    for call in 0...6 {
      try plateau.step(metric: 1.0)
      XCTAssertEqual(optimizer.groups[0].lr, call < 6 ? 0.1 : 0.010000000000000002, "call \(call)")
    }
    XCTAssertEqual(plateau.reductionEpochs, [7])
    XCTAssertEqual(plateau.numBadEpochs, 0)
    XCTAssertEqual(plateau.best, 1.0)
  }

  func testPlateauRelativeThresholdFlipsForNegativeMetrics() throws {
    let plateau = try ReduceLROnPlateau(optimizer: optimizer())
    try plateau.step(metric: -1.0)
    try plateau.step(metric: -0.99995)
    XCTAssertEqual(plateau.best, -0.99995)
    XCTAssertEqual(plateau.numBadEpochs, 0)
  }

  func testPlateauEpsSuppressesTinyReductions() throws {
    let optimizer = optimizer(1.0)
    let plateau = try ReduceLROnPlateau(optimizer: optimizer, factor: 0.5, patience: 0, eps: 0.3)
    for _ in 0..<3 { try plateau.step(metric: 1.0) }
    XCTAssertEqual(optimizer.groups[0].lr, 0.5)
    XCTAssertEqual(plateau.reductionEpochs, [2, 3])
  }

  func testZeroTotalItersKeepsTheFactorForever() throws {
    let linear = try LinearLR(optimizer: optimizer(), startFactor: 0.5, totalIters: 0)
    XCTAssertEqual(try steps(linear, 3), [0.05, 0.05, 0.05, 0.05])
    let constant = try ConstantLR(optimizer: optimizer(), factor: 0.25, totalIters: 0)
    XCTAssertEqual(try steps(constant, 2), [0.025, 0.025, 0.025])
  }

  func testOneCycleStepsExactlyTotalStepsTimes() throws {
    let optimizer = optimizer()
    let oneCycle = try OneCycleLR(
      optimizer: optimizer, maxLR: 0.1, totalSteps: 10, annealStrategy: "linear")
    for _ in 0..<10 { try oneCycle.step() }
    XCTAssertLessThan(optimizer.groups[0].lr, optimizer.groups[0].minLR ?? 0)
    XCTAssertThrowsError(try oneCycle.step()) {
      XCTAssertEqual(
        $0 as? SchedulerError,
        .value("Tried to step 11 times. The specified number of total steps is 10"))
    }
  }

  func testPlateauListMinLRRejectsAddedGroups() throws {
    let optimizer = optimizer()
    let plateau = try ReduceLROnPlateau(optimizer: optimizer, patience: 0, minLR: [0.0])
    optimizer.groups.append(ParamGroup(lr: 0.2))
    try plateau.step(metric: 1)
    XCTAssertThrowsError(try plateau.step(metric: 2)) {
      XCTAssertEqual(($0 as? SchedulerError)?.type, "RuntimeError")
    }
    let scalar = try ReduceLROnPlateau(optimizer: self.optimizer(), patience: 0)
    scalar.optimizer.groups.append(ParamGroup(lr: 0.2))
    try scalar.step(metric: 1)
    try scalar.step(metric: 2)
    XCTAssertEqual(scalar.lastLR, [0.010000000000000002, 0.020000000000000004])
  }

  func testGroupsAddedLaterAreStillReported() throws {
    let optimizer = optimizer()
    let exponential = try ExponentialLR(optimizer: optimizer, gamma: 0.5)
    var extra = ParamGroup(lr: 0.4)
    extra.initialLR = 0.4
    optimizer.groups.append(extra)
    try exponential.step()
    // The chainable form scales every current group, including one added after construction.
    XCTAssertEqual(exponential.lastLR, [0.05, 0.2])
  }
}

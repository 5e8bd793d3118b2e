import Schedulers
import XCTest

/// PyTorch's validation errors and UserWarnings, with its exact words.
final class ValidationTests: XCTestCase {
  private func optimizer(groups: Int = 1) -> OptimizerState {
    OptimizerState(kind: .sgd, groups: (0..<groups).map { _ in ParamGroup(lr: 0.1) })
  }

  private func assertError(
    _ expected: SchedulerError, file: StaticString = #filePath, line: UInt = #line,
    _ body: () throws -> Void
  ) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
      XCTAssertEqual(error as? SchedulerError, expected, file: file, line: line)
    }
  }

  func testPerGroupListsMustMatchTheGroupCount() {
    let two = optimizer(groups: 2)
    assertError(.value("Expected 2 lr_lambdas, but got 1")) {
      _ = try LambdaLR(optimizer: two, lrLambda: .each([{ _ in 1.0 }]))
    }
    assertError(.value("Expected 2 lr_lambdas, but got 3")) {
      _ = try MultiplicativeLR(
        optimizer: two, lrLambda: .each([{ _ in 1 }, { _ in 1 }, { _ in 1 }]))
    }
    assertError(
      .value(
        "base_lr must have the same length as optimizer.param_groups. base_lr has 1 values, "
          + "param_groups has 2.")
    ) { _ = try CyclicLR(optimizer: two, baseLR: [0.1], maxLR: 1.0) }
    assertError(
      .value(
        "base_momentum must have the same length as optimizer.param_groups. base_momentum has 3 "
          + "values, param_groups has 2.")
    ) {
      _ = try OneCycleLR(optimizer: two, maxLR: 1.0, totalSteps: 10, baseMomentum: [0.8, 0.8, 0.8])
    }
    assertError(.value("expected 2 min_lrs, got 1")) {
      _ = try ReduceLROnPlateau(optimizer: two, minLR: [0.1])
    }
  }

  func testConstructorValidation() {
    let optimizer = optimizer()
    assertError(.value("Expected positive integer total_steps, but got 0")) {
      _ = try OneCycleLR(optimizer: optimizer, maxLR: 0.1, totalSteps: 0)
    }
    assertError(.value("Expected positive integer epochs, but got -2")) {
      _ = try OneCycleLR(optimizer: optimizer, maxLR: 0.1, epochs: -2, stepsPerEpoch: 3)
    }
    assertError(.value("Expected positive integer steps_per_epoch, but got 0")) {
      _ = try OneCycleLR(optimizer: optimizer, maxLR: 0.1, epochs: 2, stepsPerEpoch: 0)
    }
    assertError(SchedulerError("ZeroDivisionError", "float division by zero")) {
      _ = try OneCycleLR(optimizer: optimizer, maxLR: 0.1, totalSteps: 10, pctStart: 0.1)
    }
    assertError(.value("threshold mode relative is unknown!")) {
      _ = try ReduceLROnPlateau(optimizer: optimizer, thresholdMode: "relative")
    }
    XCTAssertThrowsError(try StepLR(optimizer: self.optimizer(), stepSize: 3, lastEpoch: 4)) {
      let error = $0 as? SchedulerError
      XCTAssertEqual(error?.type, "KeyError")
      XCTAssertTrue(
        error?.message.hasPrefix(
          "param 'initial_lr' is not specified in param_groups[0] when resuming") ?? false)
    }
  }

  func testZeroDivisionWhereAPythonDivisionWouldRaise() throws {
    let step = try StepLR(optimizer: optimizer(), stepSize: 0)
    assertError(SchedulerError("ZeroDivisionError", "integer modulo by zero")) { try step.step() }
    let cosine = try CosineAnnealingLR(optimizer: optimizer(), tMax: 0)
    assertError(SchedulerError("ZeroDivisionError", "integer modulo by zero")) { try cosine.step() }
    let constant = try ConstantLR(optimizer: optimizer(), factor: 0, totalIters: 1)
    assertError(SchedulerError("ZeroDivisionError", "float division by zero")) {
      try constant.step()
    }
  }

  func testCompositeValidation() throws {
    let optimizer = optimizer()
    let other = self.optimizer()
    assertError(
      .value("ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.")
    ) { _ = try ChainedScheduler(schedulers: []) }
    assertError(.value("SequentialLR expects at least one scheduler, but got no scheduler.")) {
      _ = try SequentialLR(optimizer: optimizer, schedulers: [], milestones: [])
    }
    let plateau = try ReduceLROnPlateau(optimizer: optimizer)
    let step = try StepLR(optimizer: optimizer, stepSize: 2)
    assertError(
      .value(
        "SequentialLR does not support `ReduceLROnPlateau` scheduler as it requires additional "
          + "kwargs to be specified when calling `step`, but got one at index 1 in the given "
          + "schedulers sequence.")
    ) { _ = try SequentialLR(optimizer: optimizer, schedulers: [step, plateau], milestones: [3]) }
    let foreign = try ExponentialLR(optimizer: other, gamma: 0.5)
    XCTAssertThrowsError(try ChainedScheduler(schedulers: [step, foreign])) { error in
      let message = (error as? SchedulerError)?.message ?? ""
      XCTAssertTrue(
        message.hasPrefix(
          "ChainedScheduler expects all schedulers to belong to the same optimizer, but got "
            + "scheduler ExponentialLR at index 1 has SGD ("), message)
      XCTAssertTrue(message.hasSuffix("which is different from SGD."), message)
    }
  }

  func testStepWithTheWrongArguments() throws {
    let plateau = try ReduceLROnPlateau(optimizer: optimizer())
    assertError(
      .typeError("ReduceLROnPlateau.step() missing 1 required positional argument: 'metrics'")
    ) {
      try plateau.step()
    }
    XCTAssertTrue(plateau.needsMetric)
    let step = try StepLR(optimizer: optimizer(), stepSize: 2)
    XCTAssertThrowsError(try step.step(metric: 0.5)) { error in
      XCTAssertEqual((error as? SchedulerError)?.type, "TypeError")
    }
  }

  func testStepBeforeOptimizerStepWarnsOncePerScheduler() throws {
    let optimizer = optimizer()
    let step = try StepLR(optimizer: optimizer, stepSize: 2)
    XCTAssertEqual(step.warnings, [])
    try step.step()
    try step.step()
    XCTAssertEqual(step.warnings, [SchedulerWarning.stepBeforeOptimizerStep])
    XCTAssertTrue(step.warnings[0].contains("`lr_scheduler.step()`.  Failure to do this"))

    let trained = self.optimizer()
    trained.stepCalled = true
    let exponential = try ExponentialLR(optimizer: trained, gamma: 0.9)
    try exponential.step()
    XCTAssertEqual(exponential.warnings, [])
  }

  func testSchedulersWithoutTheBaseStepNeverWarn() throws {
    let restarts = try CosineAnnealingWarmRestarts(optimizer: optimizer(), t0: 3)
    try restarts.step()
    XCTAssertEqual(restarts.warnings, [])
    let plateau = try ReduceLROnPlateau(optimizer: optimizer())
    try plateau.step(metric: 1)
    XCTAssertEqual(plateau.warnings, [])
  }

  func testCompositesCollectTheirChildrensWarnings() throws {
    let optimizer = optimizer()
    let chained = try ChainedScheduler(schedulers: [
      StepLR(optimizer: optimizer, stepSize: 2), ExponentialLR(optimizer: optimizer, gamma: 0.9),
    ])
    try chained.step()
    XCTAssertEqual(chained.warnings.count, 2)
  }

  func testMomentumCyclingIsReported() throws {
    let adam = OptimizerState(kind: .adam, groups: [ParamGroup(lr: 0.001)])
    let cyclic = try CyclicLR(optimizer: adam, baseLR: 0.001, maxLR: 0.01, stepSizeUp: 2)
    XCTAssertTrue(cyclic.cyclesMomentum)
    XCTAssertEqual(adam.groups[0].beta1, 0.9)
    try cyclic.step()
    XCTAssertEqual(adam.groups[0].beta1, 0.9 - (0.9 - 0.8) * 0.5, accuracy: 1e-15)
    XCTAssertEqual(adam.groups[0].momentum, 0)
    let sequential = try SequentialLR(
      optimizer: adam, schedulers: [cyclic, StepLR(optimizer: adam, stepSize: 1)],
      milestones: [5])
    XCTAssertTrue(sequential.cyclesMomentum)
    XCTAssertFalse(try StepLR(optimizer: adam, stepSize: 1).cyclesMomentum)
  }

  func testHugeIntegersAreErrorsNotTraps() throws {
    let optimizer = optimizer()
    optimizer.groups[0].initialLR = 0.1
    XCTAssertThrowsError(try ExponentialLR(optimizer: optimizer, gamma: 0.9, lastEpoch: .max)) {
      XCTAssertEqual(($0 as? SchedulerError)?.type, "OverflowError")
    }
    XCTAssertThrowsError(
      try OneCycleLR(optimizer: optimizer, maxLR: 0.1, epochs: .max, stepsPerEpoch: 2)
    ) { XCTAssertEqual(($0 as? SchedulerError)?.type, "OverflowError") }
    let cosine = try CosineAnnealingLR(optimizer: self.optimizer(), tMax: .max)
    try cosine.step()
    XCTAssertEqual(cosine.lastLR, [0.1])
    let restarts = try CosineAnnealingWarmRestarts(optimizer: self.optimizer(), t0: 2, tMult: 3)
    for epoch in [Double.nan, .infinity, 1e300] {
      XCTAssertThrowsError(try restarts.step(epoch: epoch))
    }
    try restarts.step(epoch: 1e15)
    XCTAssertTrue(restarts.tCur >= 0 && restarts.tCur < Double(restarts.tI))
  }
}

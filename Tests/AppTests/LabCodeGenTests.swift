import XCTest

@testable import App

final class LabCodeGenTests: XCTestCase {
  func testOneCycleAsTheLessonWritesIt() {
    var config = LabConfig()
    config.select(.oneCycleLR, stepsPerEpoch: 8)
    XCTAssertEqual(
      LabCodeGen.code(for: config),
      """
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
      scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, epochs=20, steps_per_epoch=len(train_loader))
      """)
    XCTAssertEqual(config.effectiveStepEvery(), .batch)
  }

  func testStepLRFollowsItsKnobs() {
    var config = LabConfig()
    config.schedule = .template(.stepLR, ["step_size": .integer(10), "gamma": .number(0.5)])
    let spec = ScheduleTemplate.stepLR.knobs[1]
    if case .template(let t, var values) = config.schedule {
      values["gamma"] = spec.nudge(values["gamma"]!, -1)
      config.schedule = .template(t, values)
    }
    XCTAssertEqual(
      LabCodeGen.code(for: config),
      """
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
      scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.45)
      """)
    XCTAssertEqual(config.effectiveStepEvery(), .epoch)
  }

  func testAdamHasNoMomentumKeyword() {
    var config = LabConfig()
    config.optimizer = .adam
    config.lr = 0.001
    XCTAssertEqual(
      LabCodeGen.optimizerLine(config), "optimizer = torch.optim.Adam(model.parameters(), lr=0.001)"
    )
  }

  func testWarmupIsTheSeedsSequentialLRPattern() {
    var config = LabConfig()
    config.epochs = 50
    config.schedule = .template(
      .warmupCosine,
      [
        "warmup": .integer(5), "start_factor": .number(0.1), "T_max": .integer(45),
        "eta_min": .number(0),
      ])
    XCTAssertEqual(
      LabCodeGen.code(for: config),
      """
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
      warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=5)
      cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=45)
      scheduler = torch.optim.lr_scheduler.SequentialLR(optimizer, [warmup, cosine], milestones=[5])
      """)
  }

  func testPlateauKeepsDefaultsOutAndShowsChangedOnes() {
    var config = LabConfig()
    config.schedule = .template(
      .reduceLROnPlateau,
      [
        "factor": .number(0.5), "patience": .integer(5), "threshold": .number(1e-4),
        "cooldown": .integer(2), "min_lr": .number(0),
      ])
    XCTAssertEqual(
      LabCodeGen.code(for: config).split(separator: "\n").last,
      "scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode='min', factor=0.5, patience=5, cooldown=2)"
    )
  }

  func testTypedCodeIsKeptAsTyped() {
    var config = LabConfig()
    config.schedule = .code("scheduler = LambdaLR(optimizer, lambda e: 0.9 ** e)")
    XCTAssertEqual(
      LabCodeGen.code(for: config), "scheduler = LambdaLR(optimizer, lambda e: 0.9 ** e)")
  }

  func testLoopSketchShowsWhereTheSchedulerSteps() {
    var config = LabConfig()
    config.epochs = 3
    config.schedule = .template(.stepLR, ["step_size": .integer(1), "gamma": .number(0.5)])
    XCTAssertEqual(
      LabCodeGen.loopSketch(config, needsMetric: false),
      [
        "for epoch in range(3):", "    for batch in train_loader:",
        "        loss = loss_fn(model(batch)); loss.backward()", "        optimizer.step()",
        "    scheduler.step()",
      ])
    config.mistake = .schedulerFirst
    XCTAssertEqual(
      LabCodeGen.loopSketch(config, needsMetric: false)[1],
      "    scheduler.step()  # before optimizer.step()!")
    config.mistake = .none
    config.schedule = .template(
      .reduceLROnPlateau, ScheduleTemplate.reduceLROnPlateau.defaults(units: 3, lr: 0.1))
    XCTAssertEqual(
      LabCodeGen.loopSketch(config, needsMetric: true).suffix(2),
      ["    val_loss = evaluate(model, valid_loader)", "    scheduler.step(val_loss)"])
    config.mistake = .noMetric
    XCTAssertEqual(LabCodeGen.loopSketch(config, needsMetric: true).last, "    scheduler.step()")
  }
}

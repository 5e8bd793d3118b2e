import XCTest

@testable import App

/// The Lab on the real snippet reader and simulator.
final class LabStandardEngineTests: XCTestCase {
  let engine = LabEngine.standard

  /// Whoever asks (a lesson's options, the epochs knob, `lrlab lab`), a run the Lab could not
  /// hold in memory is refused, naming the cap and where longer runs go.
  func testARunOverTheLabsStepCapIsRefused() {
    var config = LabConfig()
    config.epochs = 90_000
    config.batchSize = 1
    let start = engine.start(config, "scheduler = StepLR(optimizer, step_size=10)")
    XCTAssertNil(start.simulation)
    XCTAssertTrue(
      start.problem?.message.contains("at most \(LabState.maxSteps) steps") ?? false,
      start.problem?.message ?? "no problem")
    config.epochs = 10
    XCTAssertNil(engine.start(config, "scheduler = StepLR(optimizer, step_size=10)").problem)
  }

  func testTheEndToEndSnippetIsRecognisedAsOneCycleKnobs() {
    let code = """
      optimizer = SGD(model.parameters(), lr=0.1, momentum=0.9)
      scheduler = OneCycleLR(optimizer, max_lr=0.1, epochs=20, steps_per_epoch=len(train_loader))
      """
    let config = engine.recognize(code, LabConfig())
    XCTAssertEqual(config.template, .oneCycleLR)
    XCTAssertEqual(config.value(of: "max_lr"), .number(0.1))
    XCTAssertEqual(config.epochs, 20)
    XCTAssertEqual(config.momentum, 0.9)
  }

  func testTheSeedsWarmupIsRecognisedAndOddCodeStaysTyped() {
    let warmup = """
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
      warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=5)
      cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=45)
      scheduler = torch.optim.lr_scheduler.SequentialLR(optimizer, [warmup, cosine], milestones=[5])
      """
    let config = engine.recognize(warmup, LabConfig())
    XCTAssertEqual(config.template, .warmupCosine)
    XCTAssertEqual(config.value(of: "T_max"), .integer(45))
    XCTAssertEqual(config.value(of: "warmup"), .integer(5))
    let lambda = "scheduler = LambdaLR(optimizer, lambda e: 0.95 ** e)"
    XCTAssertEqual(engine.recognize(lambda, LabConfig()).schedule, .code(lambda))
    let weightDecay =
      "optimizer = SGD(model.parameters(), lr=0.1, weight_decay=1e-4)\nscheduler = StepLR(optimizer, 5)"
    XCTAssertEqual(engine.recognize(weightDecay, LabConfig()).template, nil)
  }

  func testEveryTemplatesGeneratedCodeReadsAndRecognisesBack() {
    for template in ScheduleTemplate.allCases where template != .constant {
      var config = LabConfig()
      config.select(template, stepsPerEpoch: engine.batchesPerEpoch(config))
      let code = LabCodeGen.code(for: config)
      XCTAssertNil(engine.check(code, config), "\(template): \(code)")
      let back = engine.recognize(code, config)
      XCTAssertEqual(back.schedule, config.schedule, "\(template) round trip")
    }
  }

  func testErrorsPointAtTheirSpot() throws {
    let problem = try XCTUnwrap(
      engine.check(
        "optimizer = SGD(model.parameters(), lr=0.1)\nscheduler = StepLR(optimizer, step_size=)",
        LabConfig()))
    XCTAssertEqual(problem.line, 2)
    XCTAssertNotNil(problem.column)
  }

  func testTheDefaultLabRunsToTheEndWithItsEventsAndCheckpoints() {
    var d = LabDriver(engine: engine)
    for _ in 0..<12 { d.key("+") }
    d.key(" ")
    d.tick(10)
    let lab = d.lab
    XCTAssertTrue(lab.run.isComplete)
    XCTAssertEqual(lab.run.trace.steps.count, 160)
    XCTAssertEqual(lab.run.trace.epochs.count, 20)
    XCTAssertTrue(lab.run.trace.events.contains { $0.kind == .oneCyclePeak })
    XCTAssertEqual(lab.run.trace.steps.first?.lrs.first ?? 0, 0.1 / 25, accuracy: 1e-15)
    XCTAssertTrue(lab.earned.contains("ran:OneCycleLR"))
    XCTAssertTrue(lab.earned.contains("viewed:lr-plot"))
  }

  /// StepLR(10) stepped every batch for 30 epochs × 8 batches: 240 steps use 24 rates, so the
  /// rate changes 23 times; the cut after the last step is not drawn or counted.
  func testACutAfterTheLastStepIsNotAnEvent() {
    let code = """
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
      scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10)
      """
    var config = engine.recognize(code, LabConfig())
    config.epochs = 30
    config.stepEvery = .batch
    var lab = LabState(lab: nil, config: config, code: code, engine: engine)
    lab.run.changeSpeed(by: 20)
    lab.run.togglePlay()
    for _ in 0..<40 { _ = lab.update(.tick(Instant(nanoseconds: 0)), context: context) }
    XCTAssertTrue(lab.run.isComplete)
    XCTAssertEqual(lab.run.trace.steps.count, 240)
    let milestones = lab.run.trace.events.filter { $0.kind == .milestone }.map(\.step)
    XCTAssertEqual(milestones.count, 23)
    XCTAssertEqual(milestones.first, 11)
    XCTAssertEqual(milestones.last, 231)
  }

  func testPlateauOnValidationLossFillsThePanelAndEarnsItsCheckpoint() {
    var config = LabConfig()
    config.model = .linear
    config.epochs = 12
    config.lr = 0.2
    config.momentum = 0
    config.schedule = .template(
      .reduceLROnPlateau, ScheduleTemplate.reduceLROnPlateau.defaults(units: 12, lr: 0.2))
    var lab = LabState(lab: nil, config: config, code: LabCodeGen.code(for: config), engine: engine)
    lab.run.changeSpeed(by: 20)
    lab.run.togglePlay()
    var effects: [Effect] = []
    for _ in 0..<10 {
      effects += lab.update(.tick(Instant(nanoseconds: 0)), context: context).effects
    }
    XCTAssertTrue(lab.run.isComplete)
    XCTAssertEqual(lab.run.trace.epochs.last?.plateau?.patience, 5)
    XCTAssertTrue(effects.contains(.saveProgress(.requirementMet("ran:plateau-val"))))
    guard
      case .success(let csv) = engine.scheduleCSV(
        config, lab.code, lab.run.trace.epochs.compactMap(\.valLoss))
    else {
      return XCTFail("no schedule CSV")
    }
    XCTAssertTrue(csv.hasPrefix("step,lr\n0,0.2\n"), csv)
  }

  func testRangeTestSuggestsAMaxLR() throws {
    guard case .success(let test) = engine.rangeTest(LabConfig()) else {
      return XCTFail("range test failed")
    }
    let lr = try XCTUnwrap(test.suggestedMaxLR)
    XCTAssertGreaterThan(lr, 1e-5)
    XCTAssertLessThan(lr, 10)
    XCTAssertFalse(test.allPoints.isEmpty)
  }

  var context: LabContext {
    AppModel(course: CourseSnapshot(lessons: []), width: 120, height: 40).labContext
  }
}

final class LabSizesTests: XCTestCase {
  func testEverySizeRendersAndResizeKeepsTheRun() {
    var d = LabDriver(engine: .standard)
    d.key("e")
    d.key(.escape)
    d.key(" ")
    d.tick(20)
    for (w, h) in [(60, 16), (80, 24), (41, 13), (200, 60), (120, 40), (300, 90), (61, 17)] {
      d.send(.resize(width: w, height: h))
      let frame = render(d.model)
      XCTAssertEqual(frame.width, w)
      let expected = w >= AppModel.minimumWidth && h >= AppModel.minimumHeight ? "step" : "Enlarge"
      XCTAssertTrue(frame.plainText().contains(expected), "\(w)x\(h)")
    }
    XCTAssertEqual(d.lab.run.playback.revealed, 20)
  }

  func testFinetuneShowsTaskALossAndTheLRPerGroup() {
    let code = """
      optimizer = torch.optim.AdamW([{'params': backbone, 'lr': 1e-4}, {'params': head, 'lr': 1e-3}])
      scheduler = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=3)
      """
    var config = LabConfig()
    config.model = .finetune
    config.epochs = 6
    var d = LabDriver(engine: .standard)
    d.model.stack[1] = .lab(
      LabState(
        lab: nil, config: LabEngine.standard.recognize(code, config), code: code, engine: .standard)
    )
    XCTAssertNil(d.lab.problem, "\(String(describing: d.lab.problem))")
    XCTAssertTrue(d.lab.knobRows[0].value.hasSuffix("(code)"), d.lab.knobRows[0].value)
    for _ in 0..<12 { d.key("+") }
    d.key(" ")
    d.tick(5)
    XCTAssertTrue(d.lab.run.isComplete)
    XCTAssertNotNil(d.lab.run.trace.epochs.last?.taskALoss)
    let text = render(d.model).plainText()
    XCTAssertTrue(text.contains("task A"), text)
    XCTAssertTrue(text.contains("lr/group"), text)
  }
}

final class LabExportContractTests: XCTestCase {
  func testRunExportsAreWhatLrlabSimulatePrints() throws {
    var d = LabDriver(engine: .standard)
    for _ in 0..<12 { d.key("+") }
    d.key(" ")
    d.tick(5)
    d.effects = []
    d.keys("xX")
    let files = d.effects.compactMap { effect -> (String, String)? in
      if case .lab(.export(let stem, let ext, let contents)) = effect {
        return ("\(stem).\(ext)", contents)
      }
      return nil
    }
    XCTAssertEqual(files.map(\.0), ["lrlab-lab-run.csv", "lrlab-lab-run.json"])
    let csv = files[0].1.split(separator: "\n")
    XCTAssertEqual(csv.first, "step,epoch,lr,train_loss,val_loss")
    XCTAssertEqual(csv.count, 161)
    XCTAssertTrue(csv[1].hasPrefix("0,0,0.004"), String(csv[1]))
    // Our own writer, from the trace, agrees with the simulator's report row for row.
    XCTAssertEqual(LabExport.runCSV(d.lab.run.trace), files[0].1)
    let json = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(files[1].1.utf8)) as? [String: Any])
    XCTAssertEqual((json["steps"] as? [Any])?.count, 160)
    XCTAssertNotNil(json["summary"])
  }
}

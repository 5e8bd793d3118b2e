import Lessons
import Markdown
import TerminalUI
import XCTest

@testable import App

/// Issue 11, the Lab: knobs read back the running code, ghosts per lesson, seeds, staircases,
/// event labels, one step numbering, runs sized to their schedule, layout, actions, the
/// quadratic's noise floor. All on the real simulator.
final class LabTruthTests: XCTestCase {
  static let warmup = """
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=5)
    cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=45)
    scheduler = torch.optim.lr_scheduler.SequentialLR(optimizer, [warmup, cosine], milestones=[5])
    """

  static func lab(_ id: String, _ code: String, _ options: [String: String] = ["model": "sine"])
    -> Lab
  {
    Lab(
      id: id, title: nil, code: code, options: options, expectations: [],
      position: SourcePosition(line: 1, column: 1))
  }

  func open(_ lab: Lab, width: Int = 120, height: Int = 40) -> LabDriver {
    var d = LabDriver(engine: .standard, width: width, height: height)
    d.model.stack[1] = .lab(LabState(lab: lab, engine: .standard))
    return d
  }

  func row(_ state: LabState, _ id: LabKnobID) -> LabKnobRow? {
    state.knobRows.first { $0.id == id }
  }

  // 1. Knobs show the code that runs, or "custom".
  func testKnobsReadBackTypedCodeNeverAPreset() {
    let adam = LabState(
      lab: Self.lab(
        "l/adam",
        "optimizer = torch.optim.Adam(model.parameters(), lr=0.3)\n"
          + "scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda=lambda e: 1.0)"),
      engine: .standard)
    XCTAssertNil(adam.config.template, "LambdaLR stays typed code")
    XCTAssertEqual(row(adam, .optimizer)?.value, "Adam")
    XCTAssertEqual(row(adam, .lr)?.value, "0.3")
    XCTAssertNil(row(adam, .momentum), "Adam has no SGD momentum knob")
    XCTAssertEqual(row(adam, .scheduler)?.value, "LambdaLR (code)")

    let plain = LabState(
      lab: Self.lab(
        "l/plain",
        "optimizer = torch.optim.SGD(model.parameters(), lr=0.2)\n"
          + "scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda=lambda e: 1.0)"),
      engine: .standard)
    XCTAssertEqual(row(plain, .momentum)?.value, "0.0")
    XCTAssertEqual(row(plain, .lr)?.value, "0.2")

    let groups = LabState(
      lab: Self.lab(
        "l/groups",
        "optimizer = torch.optim.AdamW([{'params': backbone, 'lr': 3e-3}, {'params': head}], lr=3e-2)\n"
          + "scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda=lambda e: 1.0)",
        ["model": "finetune"]),
      engine: .standard)
    XCTAssertEqual(row(groups, .lr)?.value, "custom: 0.003 / 0.03")
    XCTAssertEqual(row(groups, .optimizer)?.value, "AdamW")

    // Leaving the typed code for a template starts from what the code ran, not 0.1 / SGD.
    var s = adam
    s.selectedKnob = 0
    s.adjustSelectedKnob(+1)
    XCTAssertNotNil(s.config.template)
    XCTAssertEqual(s.config.optimizer, .adam)
    XCTAssertEqual(s.config.lr, 0.3)
    XCTAssertEqual(row(s, .lr)?.value, "0.3")
  }

  // 2. Ghosts live per lesson.
  func testAGhostKeptInOneLabIsThereWhenThePairedLabOpens() {
    var d = LabDriver(engine: scriptedEngine)
    d.model.stack.removeLast()
    d.model.openLab(LabState(lab: Self.lab("08-warmup/warmup-cosine", "x"), engine: scriptedEngine))
    d.key(" ")
    d.tick(50)
    d.key("c")
    XCTAssertEqual(d.lab.ghosts.map(\.label), ["warmup-cosine"])
    d.key("q")
    XCTAssertEqual(d.model.stack.count, 1, "q goes back, it never quits")
    XCTAssertFalse(d.effects.contains(.quit))
    d.model.openLab(LabState(lab: Self.lab("08-warmup/no-warmup", "y"), engine: scriptedEngine))
    XCTAssertEqual(d.lab.ghosts.map(\.label), ["warmup-cosine"], "same lesson: the ghost is there")
    d.key("q")
    d.model.openLab(LabState(lab: Self.lab("09-other/a", "z"), engine: scriptedEngine))
    XCTAssertEqual(d.lab.ghosts, [], "another lesson has its own shelf")
    d.key("q")
    d.model.openLab(LabState(lab: Self.lab("08-warmup/no-warmup", "y"), engine: scriptedEngine))
    d.key("C")
    d.key("q")
    d.model.openLab(LabState(lab: Self.lab("08-warmup/warmup-cosine", "x"), engine: scriptedEngine))
    XCTAssertEqual(d.lab.ghosts, [], "C clears the lesson's shelf")
  }

  func testAMistakePresetNeitherDropsTheLessonsGhostsNorLeavesItsOwnOnTheShelf() {
    var d = LabDriver(engine: .standard)
    d.model.stack.removeLast()
    d.model.openLab(
      LabState(lab: Self.lab("08-warmup/warmup-cosine", Self.warmup), engine: .standard))
    d.key(" ")
    d.tick(50)
    d.key("c")
    d.key("q")
    d.model.openLab(
      LabState(lab: Self.lab("08-warmup/warmup-cosine", Self.warmup), engine: .standard))
    d.key("5")
    XCTAssertEqual(
      d.lab.ghosts.first?.label, "warmup-cosine", "the kept ghost stays beside the preset")
    XCTAssertTrue(
      d.lab.ghosts.contains(where: \.isPresetComparison), "the preset's right run is shown")
    d.key("3")
    d.key("q")
    d.model.openLab(LabState(lab: Self.lab("08-warmup/no-warmup", "y"), engine: .standard))
    XCTAssertEqual(d.lab.ghosts.map(\.label), ["warmup-cosine"], "the shelf holds only kept runs")
  }

  // 3. Seeds.
  func testSeedKnobAndFiveSeedsBandWithBoundedWorkPerTick() {
    var d = open(Self.lab("l/lin", Self.warmup, ["model": "linear", "epochs": "12"]))
    XCTAssertEqual(row(d.lab, .seed)?.value, "0")
    d.model.stack[1] = {
      var s = d.lab
      s.selectedKnob = s.knobRows.firstIndex { $0.id == .seed }!
      s.adjustSelectedKnob(+1)
      return .lab(s)
    }()
    XCTAssertEqual(d.lab.config.seed, 1)
    XCTAssertTrue(d.lab.code.contains("SequentialLR"), "the seed does not touch the code")
    d.key("b")
    XCTAssertTrue(d.lab.fiveSeeds)
    let band = try! XCTUnwrap(d.lab.seedBand)
    XCTAssertEqual(band.seeds, 1...5)
    d.tick(1)
    for c in d.lab.seedBand!.companions {
      XCTAssertLessThanOrEqual(c.steps.count, LabSeedBand.budgetPerTick, "bounded work per tick")
    }
    d.tick(2000)
    XCTAssertTrue(d.lab.run.isComplete)
    XCTAssertNil(d.model.frameInterval, "nothing left to compute: no ticks")
    let traces = d.lab.seedBand!.traces(main: d.lab.run.trace)
    XCTAssertEqual(traces.count, 5)
    XCTAssertTrue(traces.allSatisfy { $0.steps.count == traces[0].steps.count })
    XCTAssertNotEqual(traces[0].steps.last?.trainLoss, traces[1].steps.last?.trainLoss)
    let last = try! XCTUnwrap(LabSeedStats.epochPoints(traces, upTo: Int.max).last)
    let finals = traces.map { $0.epochs.last!.valLoss! }.sorted()
    XCTAssertEqual(last.median, finals[2])
    XCTAssertEqual(last.low, finals[0])
    XCTAssertEqual(last.high, finals[4])
    let text = render(d.model).plainText()
    XCTAssertTrue(text.contains("seeds 1–5"), text)
    XCTAssertTrue(text.contains("min–max of 5 seeds"), text)
    XCTAssertTrue(text.contains("val median"), text)
  }

  func testSeedStatsCountADivergedSeedAsInfinite() {
    let p = LabSeedStats.point(x: 1, [0.3, .nan, 0.1, 0.2, .infinity])
    XCTAssertEqual(p.median, 0.3)
    XCTAssertEqual(p.low, 0.1)
    XCTAssertEqual(p.high, .infinity)
  }

  // 4. Staircases.
  func records(_ lrs: [Double]) -> [LabStepRecord] {
    lrs.enumerated().map {
      LabStepRecord(
        step: $0.offset + 1, epoch: $0.offset, lrs: [$0.element], momenta: [], trainLoss: 1)
    }
  }

  /// Every segment between two points of different LR is vertical (same x).
  func assertStaircase(_ s: ChartSeries, file: StaticString = #filePath, line: UInt = #line) {
    for i in 1..<s.xs.count where s.ys[i] != s.ys[i - 1] {
      XCTAssertEqual(
        s.xs[i], s.xs[i - 1], "a slope at x \(s.xs[i - 1])–\(s.xs[i])", file: file, line: line)
    }
  }

  func testStepLRDropsAreVerticalAtTheirStep() {
    // StepLR(step_size=9) per epoch: steps 1–9 at 0.1, step 10 at 0.05.
    let r = records(Array(repeating: 0.1, count: 9) + Array(repeating: 0.05, count: 11))
    let s = LabStaircase.series("lr", r[...], maxPoints: 100) { $0.lrs[0] }
    assertStaircase(s)
    XCTAssertTrue(zip(s.xs, s.ys).contains { $0 == (10, 0.1) })
    XCTAssertTrue(zip(s.xs, s.ys).contains { $0 == (10, 0.05) })
    XCTAssertFalse(zip(s.xs, s.ys).contains { $0.0 > 9 && $0.0 < 10 })
    // Thinned (20,000 steps into 64 points): the drop at step 12,345 stays exactly there.
    let long = records(Array(repeating: 0.1, count: 12344) + Array(repeating: 0.01, count: 7656))
    let t = LabStaircase.series("lr", long[...], maxPoints: 64) { $0.lrs[0] }
    XCTAssertLessThanOrEqual(t.xs.count, 64 * 2)
    assertStaircase(t)
    XCTAssertTrue(zip(t.xs, t.ys).contains { $0 == (12345, 0.1) })
    XCTAssertTrue(zip(t.xs, t.ys).contains { $0 == (12345, 0.01) })
    // The schedule preview's series (x = scheduler.step() calls from 0): the drop at 10.
    let preview = LabStaircase.series(
      "lr", values: Array(repeating: 0.1, count: 10) + Array(repeating: 0.05, count: 10),
      maxPoints: 64)
    assertStaircase(preview)
    XCTAssertTrue(zip(preview.xs, preview.ys).contains { $0 == (10, 0.1) })
    XCTAssertFalse(zip(preview.xs, preview.ys).contains { $0.0 > 9 && $0.0 < 10 })
  }

  // 5. Event labels.
  func testRepeatedMilestonesClusterIntoOneLabel() {
    let events =
      (1...24).map { LabEvent(step: $0 * 10, kind: .milestone, label: "StepLR milestone") }
      + [LabEvent(step: 5, kind: .warmupEnd, label: "warm")]
    let clusters = LabMarkers.clusters(events) { $0 / 4 }
    XCTAssertEqual(clusters.count, 2)
    XCTAssertEqual(clusters[1].label, "M ×24 10–240")
    let markers = LabMarkers.markers(events) { $0 / 4 }
    XCTAssertEqual(markers.filter { !$0.label.isEmpty }.count, 2)
    // Far apart, each keeps its own label.
    XCTAssertEqual(LabMarkers.clusters(Array(events.prefix(3))) { $0 * 2 }.count, 3)
  }

  func testAPerBatchStepLRShowsOneClusterLabelOnTheChart() {
    let code =
      "optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)\n"
      + "scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.5)"
    var d = open(
      Self.lab("13-mistakes/p", code, ["model": "sine", "epochs": "30", "step-every": "batch"]),
      width: 80, height: 24)
    for _ in 0..<12 { d.key("+") }
    d.key(" ")
    d.tick(50)
    XCTAssertTrue(d.lab.run.isComplete)
    let text = render(d.model).plainText()
    XCTAssertTrue(text.contains("M ×"), text)
    XCTAssertEqual(text.components(separatedBy: "M →").count - 1, 0, "no pile of single labels")
  }

  // 6. One step numbering.
  func testDivergenceNamesTheSameStepEverywhere() {
    var d = open(
      Self.lab(
        "03/diverges",
        "optimizer = torch.optim.SGD(model.parameters(), lr=0.3, momentum=0.9)\n"
          + "scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda=lambda e: 1.0)",
        ["model": "sine", "epochs": "50", "step-every": "epoch"]))
    for _ in 0..<12 { d.key("+") }
    d.key(" ")
    d.tick(50)
    let trace = d.lab.run.trace
    let divergence = try! XCTUnwrap(trace.events.first { $0.kind == .divergence })
    let last = try! XCTUnwrap(d.lab.run.cursorRecord)
    XCTAssertEqual(divergence.step, last.step)
    XCTAssertTrue(divergence.label.hasSuffix("at step \(last.step)"), divergence.label)
    XCTAssertTrue(trace.failure?.hasSuffix("at step \(last.step)") ?? false, trace.failure ?? "")
    let text = render(d.model).plainText()
    XCTAssertTrue(text.contains("step \(last.step)/"), text)
    XCTAssertFalse(text.contains("at step \(last.step - 1)"), text)
  }

  func testRelabelShiftsOnlyTrainingsZeroBasedNumbers() {
    XCTAssertEqual(
      LabNumbering.relabel("diverged: training loss inf at step 5"),
      "diverged: training loss inf at step 6")
    XCTAssertEqual(
      LabNumbering.relabel("diverged: validation loss 1e+07 after epoch 0"),
      "diverged: validation loss 1e+07 after epoch 1")
    XCTAssertEqual(LabNumbering.relabel("T_max=15 passed"), "T_max=15 passed")
  }

  // 7. A run is as long as its schedule.
  func testTheSeedsWarmupOpensOnFiftyEpochsUnlessTheLabSaysOtherwise() {
    XCTAssertEqual(LabState(lab: Self.lab("l/w", Self.warmup), engine: .standard).config.epochs, 50)
    XCTAssertEqual(
      LabState(
        lab: Self.lab("l/w", Self.warmup, ["model": "sine", "epochs": "20"]), engine: .standard
      )
      .config.epochs, 20)
    let cosine =
      "optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
      + "scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=30)"
    var s = LabState(lab: Self.lab("l/c", cosine), engine: .standard)
    XCTAssertEqual(s.config.epochs, 30)
    // A per-batch OneCycleLR: total_steps / batches, never past its end.
    let one =
      "optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
      + "scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=100)"
    XCTAssertEqual(LabState(lab: Self.lab("l/o", one), engine: .standard).config.epochs, 12)
    // Editing the code resizes the run, until the learner turns the epochs knob.
    s.code = cosine.replacingOccurrences(of: "T_max=30", with: "T_max=40")
    s.sizeToSchedule()
    XCTAssertEqual(s.config.epochs, 40)
    s.selectedKnob = s.knobRows.firstIndex { $0.id == .epochs }!
    s.adjustSelectedKnob(+1)
    XCTAssertEqual(s.config.epochs, 45)
    s.code = cosine
    s.sizeToSchedule()
    XCTAssertEqual(s.config.epochs, 45)
  }

  // 8. Layout at 80×24.
  func testAt80x24TheChartsAreTallAndTheCodeTabShowsEverySnippetLine() {
    var d = open(Self.lab("08-warmup/warmup-cosine", Self.warmup), width: 80, height: 24)
    d.key(" ")
    d.tick(30)
    d.key(" ")
    let style = LabStyle(context: d.model.labContext)
    let layout = d.lab.layout(in: d.model.contentArea, style: style)
    XCTAssertTrue(layout.compact)
    XCTAssertGreaterThanOrEqual(layout.lrChart.height, 11)
    XCTAssertGreaterThanOrEqual(layout.lossChart.height, 11)
    XCTAssertGreaterThan(
      LineChart(series: [], secondaryX: nil).layout(in: layout.lrChart).plot.height, 7)
    d.send(.key(.tab))
    let text = render(d.model).plainText()
    XCTAssertTrue(text.contains("[code]"), text)
    // Join the wrapped rows back (drop frames and the continuation marker): the whole snippet.
    let rows = text.split(separator: "\n").map { line -> String in
      var l = line.trimmingCharacters(in: .whitespaces)
      l = l.trimmingCharacters(in: ["│"]).trimmingCharacters(in: .whitespaces)
      if l.hasPrefix("↪ ") { l = "\u{1}" + l.dropFirst(2) }
      return l
    }
    let joined = rows.joined(separator: "\n").replacingOccurrences(of: "\n\u{1}", with: "")
      .replacingOccurrences(of: " ", with: "")
    for line in Self.warmup.split(separator: "\n") {
      XCTAssertTrue(
        joined.contains(line.replacingOccurrences(of: " ", with: "")), "missing: \(line)\n\(text)")
    }
    XCTAssertTrue(text.contains("↪"), "wrapped rows carry the continuation marker")
  }

  func testAt80x24TheModelIsOnTheCodeTabAndTabStillLeavesIt() {
    var d = open(Self.lab("08-warmup/warmup-cosine", Self.warmup), width: 80, height: 24)
    d.key("M")
    var text = render(d.model).plainText()
    XCTAssertTrue(text.contains("[code]"), "the tab bar names the tab the model is on\n\(text)")
    XCTAssertTrue(text.contains("the model (M: the code)"), text)
    XCTAssertFalse(text.contains("e shows all"), "e edits the snippet, not the model\n\(text)")
    // The model's long lines wrap at a break and mark the continuation, like the snippet's.
    XCTAssertTrue(text.contains("↪ default init"), text)
    d.send(.key(.tab))
    text = render(d.model).plainText()
    XCTAssertTrue(text.contains("[compare]"), text)
    XCTAssertTrue(text.contains("Compare"), "Tab leaves the model panel\n\(text)")
    XCTAssertFalse(text.contains("the model (M: the code)"), text)
  }

  func testARunOpenedFromTheSweepIsNotLabelledWithTheSeedItDidNotChange() {
    let cosine = """
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
      scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=50)
      """
    var d = open(Self.lab("08-warmup/no-warmup", cosine, ["model": "sine", "epochs": "50"]))
    d.key("w")
    XCTAssertNotNil(d.lab.sweep)
    d.key(.enter)
    XCTAssertNil(d.lab.sweep)
    XCTAssertFalse(d.lab.runLabel.contains("seed"), d.lab.runLabel)
  }

  func testTheSweepsReadoutIsNotHiddenByAnEarlierNotice() {
    var d = open(Self.lab("08-warmup/warmup-cosine", Self.warmup), width: 80, height: 24)
    d.key("2")  // a mistake preset leaves its notice
    XCTAssertNotNil(d.lab.notice)
    d.key("w")
    XCTAssertNotNil(d.lab.sweep)
    let text = render(d.model).plainText()
    XCTAssertTrue(text.contains("Sweep"), text)
    XCTAssertFalse(text.contains("! 2 ·"), text)
  }

  func testCodeWrapsAtABreakAndMarksTheContinuation() {
    let chars = Array(
      "scheduler = torch.optim.lr_scheduler.StepLR(optimizer, steps_per_epoch=len(x))")
    let ranges = LabState.wrapRanges(chars, width: 60)
    XCTAssertEqual(ranges.count, 2)
    XCTAssertEqual(chars[ranges[0].upperBound - 1], " ", "breaks after a space, not mid-identifier")
    XCTAssertEqual(ranges.map(\.count).reduce(0, +), chars.count)
  }

  func testTheSchedulerNameIsNeverCutToAnAmbiguousPrefix() {
    for template in [ScheduleTemplate.cosineAnnealingLR, .cosineWarmRestarts] {
      var config = LabConfig()
      config.select(template, stepsPerEpoch: 8)
      var d = LabDriver(engine: .standard, width: 80, height: 24)
      d.model.stack[1] = .lab(
        LabState(lab: nil, config: config, code: LabCodeGen.code(for: config), engine: .standard))
      XCTAssertTrue(render(d.model).plainText().contains(template.rawValue), template.rawValue)
    }
  }

  // 9. Actions.
  func testHelpListsEveryLabKey() {
    let keys = LabState.keys.map(\.keys).joined(separator: " ")
    for k in ["Space", "c  C", "b", "x  X", "w", "Tab", "q / Esc", "?", "t", "e", "y", "1-5"] {
      XCTAssertTrue(keys.contains(k), k)
    }
    XCTAssertFalse(LabState.keys.contains { $0.keys == "s" }, "s is the schedule preview elsewhere")
    // All of them on screen, uncut, at 80×24.
    var d = LabDriver(engine: scriptedEngine, width: 80, height: 24)
    d.key("?")
    let text = render(d.model).plainText()
    for key in LabState.keys {
      XCTAssertTrue(text.contains(key.keys + " "), key.keys)
      XCTAssertTrue(text.contains(key.action), key.action)
    }
  }

  // 10. The quadratic's noise floor.
  func testTheQuadraticDrawsItsTheoreticalFloorDashedAndLabelled() {
    let code =
      "optimizer = torch.optim.SGD(model.parameters(), lr=1.0)\n"
      + "scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda=lambda epoch: 1.0)"
    var d = open(
      Self.lab(
        "03/quadratic-floor", code,
        ["model": "quadratic", "epochs": "20", "batch-size": "4", "step-every": "batch"]))
    let floor = try! XCTUnwrap(d.lab.run.trace.noiseFloor)
    // Σ lr·hᵢ·σ² / (2B(2 − lr·hᵢ)), hᵢ = 1/i, i = 1…100, lr 1, σ 1, B 4.
    var expected = 0.0
    for i in 1...100 {
      let h: Double = 1 / Double(i)
      expected += h / (8 * (2 - h))
    }
    XCTAssertEqual(floor.lr, 1)
    XCTAssertEqual(floor.loss, expected, accuracy: 1e-12)
    for _ in 0..<12 { d.key("+") }
    d.key(" ")
    d.tick(30)
    let text = render(d.model).plainText()
    XCTAssertTrue(text.contains("noise floor at lr 1 (theory)"), text)
    let dashed = LabState.dashedLine(y: 0.5, from: 1, to: 100, dashes: 10, name: "f")
    XCTAssertEqual(dashed.ys.filter(\.isNaN).count, 10, "gaps between dashes")
    // Momentum or Adam: the closed form does not apply, no line.
    let momentum = LabState(
      lab: Self.lab(
        "03/q", code.replacingOccurrences(of: "lr=1.0)", with: "lr=0.1, momentum=0.9)"),
        ["model": "quadratic", "epochs": "2"]), engine: .standard)
    XCTAssertNil(momentum.run.trace.noiseFloor)
  }
}

import TerminalUI
import XCTest

@testable import App

/// The evaluations `d` asked for since the last call, oldest first.
func takeJobs(_ d: inout LabDriver) -> [LabEvaluation] {
  defer { d.effects = [] }
  return d.effects.compactMap {
    if case .lab(.evaluate(let job)) = $0 { return job }
    return nil
  }
}

/// With a runtime that evaluates in the background, the Lab never reads or starts code inline:
/// it asks for `LabEffect.evaluate`, shows that it waits, and uses only the latest answer.
final class LabBackgroundEvaluationTests: XCTestCase {
  private func backgroundDriver() -> LabDriver {
    var d = LabDriver()
    d.model.evaluatesInBackground = true
    return d
  }

  func testTypingAsksForACheckAndOnlyTheLatestAnswerCounts() throws {
    var d = backgroundDriver()
    d.key("e")
    d.keys(" bad")
    let jobs = takeJobs(&d)
    XCTAssertEqual(jobs.count, 4, "one check per edit")
    XCTAssertEqual(jobs.map(\.kind), [.check, .check, .check, .check])
    XCTAssertNil(d.lab.editor?.problem, "nothing was evaluated inline")
    XCTAssertEqual(d.lab.editor?.checking, jobs.last?.generation)
    // An older answer arriving late is ignored; the latest sets the error.
    d.send(.lab(jobs[1].perform()))
    XCTAssertNil(d.lab.editor?.problem)
    XCTAssertNotNil(d.lab.editor?.checking)
    d.send(.lab(jobs[3].perform()))
    XCTAssertNil(d.lab.editor?.checking)
    XCTAssertEqual(d.lab.editor?.problem?.message, "unexpected name 'bad'")
  }

  func testEscapeWhileCheckingAppliesWhenTheAnswerComes() throws {
    var d = backgroundDriver()
    let before = d.lab.code
    d.key("e")
    d.keys("\n# StepLR")
    d.key(.escape)
    XCTAssertNotNil(d.lab.editor, "Esc waits for the check")
    XCTAssertEqual(d.lab.message, "Checking the code…")
    var jobs = takeJobs(&d)
    d.send(.lab(try XCTUnwrap(jobs.last).perform()))
    jobs = takeJobs(&d)
    XCTAssertEqual(jobs.map(\.kind), [.apply], "a clean check goes on to apply")
    XCTAssertEqual(d.lab.editor?.applying, jobs[0].generation)
    XCTAssertEqual(d.lab.code, before, "the run changes only when it is ready")
    // Keys wait while the run is prepared (the text is settled), then reach the Lab.
    d.keys(" ")
    XCTAssertFalse(d.lab.editor?.text.hasSuffix(" ") ?? true)
    d.send(.lab(jobs[0].perform()))
    XCTAssertNil(d.lab.editor)
    XCTAssertTrue(d.lab.code.hasSuffix("\n# StepLR"), d.lab.code)
    XCTAssertEqual(d.lab.knobRows[0].value, "typed code")
    XCTAssertFalse(d.lab.run.playback.playing, "the Space typed meanwhile paused the new run")
  }

  func testEscapeOnAnErrorAfterTheCheckStillArmsDiscard() throws {
    var d = backgroundDriver()
    let before = d.lab.code
    d.key("e")
    d.keys(" bad")
    d.send(.lab(try XCTUnwrap(takeJobs(&d).last).perform()))
    d.key(.escape)
    XCTAssertTrue(takeJobs(&d).isEmpty, "code with an error is not applied")
    XCTAssertNotNil(d.lab.editor)
    d.key(.escape)
    XCTAssertNil(d.lab.editor)
    XCTAssertEqual(d.lab.code, before)
  }

  func testAPreparedRunOvertakenByAnotherStartIsDropped() throws {
    var d = backgroundDriver()
    d.key("e")
    d.keys("\n# StepLR")
    d.send(.lab(try XCTUnwrap(takeJobs(&d).last).perform()))
    d.key(.escape)
    let apply = try XCTUnwrap(takeJobs(&d).first)
    // The learner leaves the Lab and opens it again: the old answer finds another generation.
    var other = d
    other.model.stack[other.model.stack.count - 1] = .lab(
      LabState(lab: nil, engine: scriptedEngine))
    let code = other.lab.code
    other.send(.lab(apply.perform()))
    XCTAssertEqual(other.lab.code, code)
  }

  func testInlineAndBackgroundApplyGiveTheSameRun() throws {
    var inline = LabDriver()
    inline.key("e")
    inline.keys("\n# StepLR")
    inline.key(.escape)
    var background = backgroundDriver()
    background.key("e")
    background.keys("\n# StepLR")
    background.send(.lab(try XCTUnwrap(takeJobs(&background).last).perform()))
    background.key(.escape)
    background.send(.lab(try XCTUnwrap(takeJobs(&background).first).perform()))
    XCTAssertEqual(background.lab.code, inline.lab.code)
    XCTAssertEqual(background.lab.config, inline.lab.config)
    XCTAssertEqual(background.lab.run.trace, inline.lab.run.trace)
    XCTAssertEqual(background.lab.facts, inline.lab.facts)
  }
}

/// The error under its caret wraps inside the code panel: every row fits, none is cut.
final class LabCodePanelWrapTests: XCTestCase {
  func testALongErrorUnderItsCaretFitsThePanel() {
    var d = LabDriver()
    d.key("e")
    d.keys("\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx bad")
    var state = d.lab
    let lineCount = state.editor?.lines.count
    state.editor?.problem = LabProblem(
      "the snippet needs more work than lrlab allows (1000000 evaluation steps); is something recursing or growing without bound?",
      line: lineCount, column: 42)
    let style = LabStyle(context: d.model.labContext)
    let width = 60
    let rows = state.codePanelLines(width: width, style: style)
    let message = rows.filter { $0.style == style.app.wrong }
    XCTAssertGreaterThan(message.count, 2, "the message wraps")
    for row in message { XCTAssertLessThanOrEqual(row.text.count, width, row.text) }
    XCTAssertTrue(message.last?.text.hasSuffix("without bound?") ?? false, "\(message.map(\.text))")
  }
}

/// A lesson's lab opened with a background runtime: shown at once, read and started on the
/// worker, and then the same Lab as one opened inline.
final class LabBackgroundOpenTests: XCTestCase {
  func testOpeningInTheBackgroundGivesTheSameLabAsInline() throws {
    var model = AppModel(course: CourseSnapshot(lessons: []), width: 100, height: 30)
    model.evaluatesInBackground = true
    let effects = model.pushLab(FixtureCourse.lab)
    guard case .lab(.evaluate(let job)) = try XCTUnwrap(effects.first) else {
      return XCTFail("no background open: \(effects)")
    }
    guard case .lab(let waiting) = model.top else { return XCTFail("the Lab is not on top") }
    XCTAssertEqual(waiting.message, "Starting the lab…")
    XCTAssertTrue(waiting.run.trace.steps.isEmpty, "nothing was evaluated inline")
    // Keys wait while it opens (back and quit still act), then reach the opened Lab.
    _ = update(&model, .key(.char(" ")))
    guard case .lab(let holding) = model.top else { return XCTFail("the Lab is not on top") }
    XCTAssertEqual(holding.heldInput, [.key(.char(" "))])
    XCTAssertFalse(holding.run.playback.playing)
    _ = update(&model, .lab(job.perform()))
    guard case .lab(let opened) = model.top else { return XCTFail("the Lab is not on top") }
    let inline = LabState(lab: FixtureCourse.lab)
    XCTAssertNil(opened.opening)
    XCTAssertNil(opened.message)
    XCTAssertEqual(opened.config, inline.config)
    XCTAssertEqual(opened.code, inline.code)
    XCTAssertEqual(opened.origin, inline.origin)
    XCTAssertEqual(opened.originCode, inline.originCode)
    XCTAssertEqual(opened.epochsFixed, inline.epochsFixed)
    XCTAssertEqual(opened.run.trace, inline.run.trace)
    XCTAssertEqual(opened.facts, inline.facts)
    XCTAssertFalse(inline.run.playback.playing, "a lab opens paused")
    XCTAssertTrue(opened.run.playback.playing, "the Space pressed while it opened plays it")
    XCTAssertTrue(opened.heldInput.isEmpty)
  }

  func testAnAnswerForALabThatWasLeftNeverReachesTheNextOne() throws {
    var model = AppModel(course: CourseSnapshot(lessons: []), width: 100, height: 30)
    model.evaluatesInBackground = true
    guard case .lab(.evaluate(let first)) = try XCTUnwrap(model.pushLab(FixtureCourse.lab).first)
    else { return XCTFail("no background open") }
    _ = update(&model, .key(.char("q")))
    var other = FixtureCourse.lab
    other.code = "scheduler = torch.optim.lr_scheduler.ConstantLR(optimizer, factor=0.5)"
    _ = model.pushLab(other)
    _ = update(&model, .lab(first.perform()))
    guard case .lab(let lab) = model.top else { return XCTFail("the Lab is not on top") }
    XCTAssertNotNil(lab.opening, "the first lab's answer was not taken for the second")
    XCTAssertEqual(lab.code, other.code)
  }

  func testBackLeavesALabThatIsStillOpening() {
    var model = AppModel(course: CourseSnapshot(lessons: []), width: 100, height: 30)
    model.evaluatesInBackground = true
    _ = model.pushLab(FixtureCourse.lab)
    XCTAssertEqual(model.stack.count, 2)
    _ = update(&model, .key(.char("q")))
    XCTAssertEqual(model.stack.count, 1, "q leaves at once")
  }
}

/// Every other start (a knob, `b`, `0`, a preset) and the files that evaluate code (`P`, `S`)
/// go to the worker too when the runtime has one; the result equals the inline one.
final class LabBackgroundStartTests: XCTestCase {

  func testAKnobTurnStartsInTheBackgroundLikeInline() throws {
    var inline = LabDriver()
    inline.key(.right)
    var background = LabDriver()
    background.model.evaluatesInBackground = true
    background.key(.right)
    let job = try XCTUnwrap(takeJobs(&background).first)
    XCTAssertEqual(job.kind, .start)
    XCTAssertNotNil(background.lab.pendingStart)
    XCTAssertFalse(background.lab.run.playback.playing, "the old run waits, paused")
    background.key(".")  // held until the run is ready
    XCTAssertEqual(background.lab.heldInput, [.key(.char("."))])
    background.send(.lab(job.perform()))
    XCTAssertNil(background.lab.pendingStart)
    XCTAssertEqual(background.lab.config, inline.lab.config)
    XCTAssertEqual(background.lab.code, inline.lab.code)
    XCTAssertEqual(background.lab.run.trace.plannedSteps, inline.lab.run.trace.plannedSteps)
    XCTAssertTrue(background.lab.heldInput.isEmpty, "the held key was replayed")
  }

  func testQuitAndBackAreNeverHeld() {
    var d = LabDriver()
    d.model.evaluatesInBackground = true
    d.key(.right)
    XCTAssertNotNil(d.lab.pendingStart)
    d.key("q")
    XCTAssertEqual(d.model.stack.count, 1, "q leaves at once")
  }

  func testExportsEvaluateInTheBackground() throws {
    var d = LabDriver()
    d.model.evaluatesInBackground = true
    d.key("S")
    let job = try XCTUnwrap(takeJobs(&d).first)
    guard case .export(.scheduleCSV) = job.kind else { return XCTFail("\(job.kind)") }
    XCTAssertEqual(d.lab.message, "Preparing the file…")
    d.send(.lab(job.perform()))
    XCTAssertEqual(
      d.effects,
      [
        .lab(
          .export(stem: "lrlab-lab-schedule", fileExtension: "csv", contents: "step,lr\n0,0.1\n"))
      ])
    // A second answer for the same request is not written twice.
    d.effects = []
    d.send(.lab(job.perform()))
    XCTAssertTrue(d.effects.isEmpty)
  }
}

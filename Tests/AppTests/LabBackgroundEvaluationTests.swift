import TerminalUI
import XCTest

@testable import App

/// With a runtime that evaluates in the background, the Lab never reads or starts code inline:
/// it asks for `LabEffect.evaluate`, shows that it waits, and uses only the latest answer.
final class LabBackgroundEvaluationTests: XCTestCase {
  private func backgroundDriver() -> LabDriver {
    var d = LabDriver()
    d.model.evaluatesInBackground = true
    return d
  }

  /// The evaluations asked for since the last call, oldest first.
  private func takeJobs(_ d: inout LabDriver) -> [LabEvaluation] {
    defer { d.effects = [] }
    return d.effects.compactMap {
      if case .lab(.evaluate(let job)) = $0 { return job }
      return nil
    }
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
    // Keys wait while the run is prepared (the text is settled).
    d.keys("zz")
    XCTAssertFalse(d.lab.editor?.text.hasSuffix("zz") ?? true)
    d.send(.lab(jobs[0].perform()))
    XCTAssertNil(d.lab.editor)
    XCTAssertTrue(d.lab.code.hasSuffix("\n# StepLR"), d.lab.code)
    XCTAssertEqual(d.lab.knobRows[0].value, "typed code")
    XCTAssertTrue(d.lab.run.playback.playing)
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
    other.model.stack[other.model.stack.count - 1] = .lab(LabState(lab: nil, engine: scriptedEngine))
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

import XCTest

@testable import App

final class LabUpdateTests: XCTestCase {
  func testSpacePlaysTicksAndPausesWithNoTicksWhilePaused() {
    var d = LabDriver()
    XCTAssertNil(d.model.frameInterval, "opens paused")
    d.key(" ")
    XCTAssertEqual(d.model.frameInterval, 33_333_333)
    d.tick(3)
    XCTAssertEqual(d.lab.run.playback.revealed, 3)
    d.key(" ")
    XCTAssertNil(d.model.frameInterval)
    d.send(.tick(d.model.now))
    XCTAssertEqual(d.lab.run.playback.revealed, 3)
  }

  func testStepAndScrubKeys() {
    var d = LabDriver()
    d.keys("...")
    XCTAssertEqual(d.lab.run.cursorRecord?.step, 3)
    d.key(",")
    XCTAssertEqual(d.lab.run.cursorRecord?.step, 2)
    d.key(">")
    XCTAssertEqual(d.lab.run.cursorRecord?.step, 6)
    d.key("<")
    XCTAssertEqual(d.lab.run.cursorRecord?.step, 2)
    d.key(.home)
    XCTAssertEqual(d.lab.run.cursorRecord?.step, 1)
    d.key(.end)
    XCTAssertEqual(d.lab.run.cursorRecord?.step, 6)
  }

  func testSpeedRestartAndAxisKeys() {
    var d = LabDriver()
    let start = d.lab.run.playback.speed
    d.key("+")
    XCTAssertGreaterThan(d.lab.run.playback.speed, start)
    d.keys("--")
    XCTAssertEqual(d.lab.run.playback.speed, 1)
    d.key(" ")
    d.tick(5)
    d.key("r")
    XCTAssertEqual(d.lab.run.playback.revealed, 0)
    XCTAssertTrue(d.lab.run.playback.playing)
    XCTAssertTrue(d.lab.logLR)
    d.key("y")
    XCTAssertFalse(d.lab.logLR)
  }

  func testTurningAKnobRewritesTheCodeAndRestartsPlaying() {
    var d = LabDriver()
    XCTAssertTrue(d.lab.code.contains("OneCycleLR(optimizer, max_lr=0.1"))
    XCTAssertEqual(d.lab.knobRows[1].label, "max_lr")
    d.key(.down)
    d.key(.right)
    XCTAssertTrue(d.lab.code.contains("max_lr=0.2"), d.lab.code)
    XCTAssertTrue(d.lab.run.playback.playing)
    XCTAssertEqual(d.lab.run.playback.revealed, 0)
    d.key(.up)
    d.key(.left)
    XCTAssertEqual(d.lab.config.template, .oneCycleLR.previous)
    XCTAssertTrue(d.lab.code.contains("CosineAnnealingWarmRestarts"), d.lab.code)
  }

  func testEditingShowsErrorsAndAppliesOnEscape() {
    var d = LabDriver()
    d.key("e")
    XCTAssertNotNil(d.lab.editor)
    d.key(.enter)
    d.keys("bad")
    XCTAssertEqual(d.lab.editor?.problem, LabProblem("unexpected name 'bad'", line: 3, column: 1))
    d.key(.escape)
    XCTAssertNotNil(d.lab.editor, "an error keeps the editor open")
    d.key(.backspace)
    d.key(.backspace)
    d.key(.backspace)
    d.keys("# StepLR")
    d.key(.escape)
    XCTAssertNil(d.lab.editor)
    XCTAssertTrue(d.lab.code.hasSuffix("\n# StepLR"))
    XCTAssertEqual(d.lab.knobRows[0].value, "typed code")
    XCTAssertTrue(d.lab.run.playback.playing)
  }

  func testEscapeTwiceDiscardsABrokenEdit() {
    var d = LabDriver()
    let before = d.lab.code
    d.key("e")
    d.keys(" bad")
    d.key(.escape)
    d.key(.escape)
    XCTAssertNil(d.lab.editor)
    XCTAssertEqual(d.lab.code, before)
    d.key("q")
    XCTAssertEqual(d.model.stack.count, 1, "q leaves the Lab once the editor is closed")
  }

  func testGhostsAndCompare() {
    var d = LabDriver()
    d.key("c")
    XCTAssertTrue(d.lab.ghosts.isEmpty)
    d.key(" ")
    d.tick(200)
    d.key("c")
    XCTAssertEqual(d.lab.ghosts.count, 1)
    d.key("C")
    XCTAssertTrue(d.lab.ghosts.isEmpty)
  }

  func testMistakePresetsLoadTheMistakeWithTheRightRunAsGhost() {
    var d = LabDriver()
    d.key("1")
    XCTAssertEqual(d.lab.config.mistake, .schedulerFirst)
    XCTAssertEqual(d.lab.ghosts.count, 1)
    XCTAssertTrue(d.lab.ghosts[0].trace.finished)
    XCTAssertTrue(d.lab.notice?.contains("one epoch early") ?? false)
    d.key("3")
    XCTAssertEqual(d.lab.config.value(of: "T_max"), .integer(10))
    d.key("0")
    XCTAssertEqual(d.lab.config, d.lab.origin)
    XCTAssertNil(d.lab.notice)
    XCTAssertEqual(
      d.lab.ghosts.count, 1, "0 restores the setup; the ghosts stay (they are the lesson's)")
  }

  func testRangeTestAnimatesAndSendsMaxLRToOneCycle() {
    var d = LabDriver()
    d.key("t")
    XCTAssertNotNil(d.lab.rangeTest)
    XCTAssertNotNil(d.model.frameInterval)
    d.tick(10)
    XCTAssertEqual(d.lab.rangeTest?.isComplete, true)
    XCTAssertNil(d.model.frameInterval)
    d.key("m")
    XCTAssertNil(d.lab.rangeTest)
    XCTAssertEqual(d.lab.config.value(of: "max_lr"), .number(0.012))
    XCTAssertTrue(d.lab.code.contains("max_lr=0.012"))
  }

  func testExportsAskTheRuntimeToWriteFiles() {
    var d = LabDriver()
    d.key(" ")
    d.tick(200)
    d.effects = []
    d.keys("xXSs")
    let paths = d.effects.compactMap { effect -> String? in
      if case .lab(.export(let stem, let ext, _)) = effect { return "\(stem).\(ext)" }
      return nil
    }
    // Named after the lab (the runtime adds the time and never overwrites); `s` exports
    // nothing here: it means "schedule preview" on a lesson card, so the Lab only explains.
    XCTAssertEqual(paths, ["lrlab-lab-run.csv", "lrlab-lab-run.json", "lrlab-lab-schedule.csv"])
    XCTAssertTrue(d.lab.message?.contains("S saves it as CSV") ?? false, d.lab.message ?? "")
    d.send(.lab(.fileWritten(path: "/tmp/x/lrlab-lab-run-20261202-010203.csv")))
    XCTAssertEqual(d.lab.message, "Wrote /tmp/x/lrlab-lab-run-20261202-010203.csv")
  }

  func testAFinishedRunSavesItsCheckpointsOnce() {
    var d = LabDriver()
    d.key(" ")
    d.tick(500)
    let met = d.effects.compactMap { effect -> String? in
      if case .saveProgress(.requirementMet(let token)) = effect { return token }
      return nil
    }
    XCTAssertEqual(met, ["ran:OneCycleLR", "viewed:lr-plot"])
    d.key("r")
    d.effects = []
    d.tick(500)
    XCTAssertTrue(d.effects.isEmpty)
  }

  func testHelpListsEveryLabKey() {
    var d = LabDriver()
    d.key("?")
    XCTAssertTrue(d.model.showsHelp)
    XCTAssertEqual(d.model.keyHelp, LabState.keys)
    XCTAssertTrue(render(d.model).plainText().contains("LR range test"))
  }
}

extension ScheduleTemplate {
  var previous: ScheduleTemplate {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + all.count - 1) % all.count]
  }
}

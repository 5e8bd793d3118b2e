import App
import Lessons
import TerminalUI
import XCTest

/// One progress computation, rendered the same by Home, the reader, the quiz and the title bar;
/// finished Lab runs recorded.
final class ProgressModelTests: XCTestCase {
  func testHomeReaderAndSummaryAgreeOnTwoOfThreeCheckpoints() {
    var d = Driver(
      FixtureCourse.model(width: 100, height: 30, progress: FixtureCourse.twoCheckpoints))
    let summary = d.model.summary
    let step = summary.lesson(id: "steplr")!
    XCTAssertEqual(step.checkpoints.met, ["steplr/ran", "steplr/chart"])
    XCTAssertEqual(step.quizzes.missed, ["steplr/baseline"])
    // Home: the lesson's row shows the same numbers.
    let home = d.screenText.split(separator: "\n").first { $0.contains("StepLR: the staircase") }
    XCTAssertNotNil(home?.range(of: "quiz 0/3  checkpoints 2/3"), d.screenText)
    // The reader ticks exactly those two, and says so at the end.
    d.keys(.char("j"), .char("j"), .enter, .char("G"))
    guard case .reader(let r) = d.model.top else { return XCTFail("the reader is open") }
    XCTAssertEqual(r.lessonIndex, 1)
    let frame = d.screenText
    XCTAssertEqual(frame.components(separatedBy: "[x] ").count - 1, 2, frame)
    XCTAssertEqual(frame.components(separatedBy: "[ ] ").count - 1, 1, frame)
    XCTAssertTrue(frame.contains("End of the lesson: quizzes 0/3 right · checkpoints 2/3"), frame)
    XCTAssertTrue(frame.contains("checkpoints 2/3 "), "title bar: \(frame)")
  }

  func testCheckpointsTickLiveWhenTheLabReportsARun() {
    var d = Driver(FixtureCourse.model(width: 100, height: 30))
    d.keys(.down, .enter, .char("G"))
    XCTAssertFalse(d.screenText.contains("[x] Run StepLR in the lab."), d.screenText)
    // What the Lab sends when this lesson's lab finishes a run.
    d.model.applyProgress([
      .saveProgress(.labRunFinished(labID: FixtureCourse.lab.id)),
      .saveProgress(.requirementMet("ran:StepLR")),
    ])
    XCTAssertTrue(d.screenText.contains("[x] Run StepLR in the lab. ✓"), d.screenText)
    XCTAssertTrue(d.screenText.contains("[x] Run this lesson's lab to its end. ✓"), d.screenText)
    XCTAssertEqual(d.model.summary.lesson(id: "steplr")?.labRuns, 1)
  }

  func testAFinishedLabRunIsRecordedOncePerRun() {
    var d = LabDriver()
    d.key(" ")
    d.tick(500)
    func finished(_ effects: [Effect]) -> [String?] {
      effects.compactMap {
        if case .saveProgress(.labRunFinished(let id)) = $0 { return .some(id) }
        return nil
      }
    }
    XCTAssertEqual(finished(d.effects), [nil], "a free-play run, once")
    XCTAssertEqual(d.model.progress.labsRun[LearnerProgress.freePlayLabID]?.runs, 1)
    d.effects = []
    d.tick(50)
    XCTAssertEqual(finished(d.effects), [], "not again while it sits finished")
  }

  func testProgressScreenListsWhatIsLeftAndOpensTheLabThatMeetsIt() {
    var d = Driver(
      FixtureCourse.model(width: 100, height: 30, progress: FixtureCourse.twoCheckpoints))
    d.keys(.char("P"))
    guard case .progress(let p) = d.model.top else { return XCTFail("the progress screen") }
    XCTAssertEqual(p.items.count, 2, "one unmet checkpoint, one quiz to retry")
    let screen = d.screenText
    XCTAssertTrue(
      screen.contains("[1] [ ] Run this lesson's lab to its end. — opens the lab StepLR"), screen)
    XCTAssertTrue(screen.contains("[2] Retry the quiz: Which scheduler"), screen)
    d.keys(.char("1"))
    guard case .lab(let lab) = d.model.top else { return XCTFail("1 opens the lab") }
    XCTAssertEqual(lab.lab?.id, FixtureCourse.lab.id)
    d.keys(.char("q"))
    guard case .progress = d.model.top else { return XCTFail("q comes back to the list") }
    d.keys(.down, .enter)
    guard case .quiz(let q) = d.model.top else { return XCTFail("Enter on row 2 opens the quiz") }
    XCTAssertEqual(q.quiz.id, "steplr/baseline")
  }

  func testTheEndOfALessonOffersTheNextAndTheQuizzesToRetry() {
    var d = Driver(FixtureCourse.model(width: 100, height: 30))
    d.keys(.enter, .char("G"))  // the intro: no quizzes
    XCTAssertTrue(d.screenText.contains("Next lesson"), d.screenText)
    d.keys(.tab, .enter)
    guard case .reader(let r) = d.model.top else { return XCTFail("the next lesson opens") }
    XCTAssertEqual(r.lessonIndex, 1)
    d.keys(.escape)
    guard case .home = d.model.top else { return XCTFail("q from it goes to Home") }
  }
}

import App
import Lessons
import TerminalUI
import XCTest

/// Answering quizzes with real keys and clicks: right, wrong, hints, score, saving, resize.
final class QuizSequenceTests: XCTestCase {
  func quiz(_ d: Driver) -> QuizState? {
    if case .quiz(let s) = d.model.top { return s }
    return nil
  }

  /// Opens the StepLR lesson and the `n`-th quiz card (0-based).
  func openQuiz(_ n: Int, width: Int = 80, height: Int = 24) -> Driver {
    var d = Driver(FixtureCourse.model(width: width, height: height))
    d.keys(.down, .enter)
    for _ in 0...n { d.keys(.tab) }
    d.keys(.enter)
    return d
  }

  func testWrongThenRightWithHintsScoreAndSavedAnswers() {
    var d = openQuiz(0)
    XCTAssertEqual(quiz(d)?.quiz.id, "steplr/baseline")
    d.keys(.down, .down, .up)
    XCTAssertEqual(quiz(d)?.cursor, 1)
    // Wrong: choice 3.
    var effects = d.keys(.char("3"))
    XCTAssertEqual(effects, [])
    XCTAssertEqual(quiz(d)?.selected, [2])
    effects = d.keys(.enter)
    XCTAssertEqual(
      effects,
      [
        .saveProgress(
          .quizAnswered(
            quizID: "steplr/baseline", selected: [2], value: nil, correct: false, attempts: 1))
      ])
    XCTAssertEqual(quiz(d)?.feedback, .wrong(hint: 0))
    XCTAssertTrue(d.screenText.contains("Not quite"), d.screenText)
    XCTAssertTrue(
      d.screenText.contains("Hint: Look for the scheduler named after the shape"), d.screenText)
    XCTAssertTrue(d.screenText.contains("Lesson score: 0/3"), d.screenText)
    // Wrong again: the second hint.
    d.keys(.char("1"), .enter)
    XCTAssertEqual(quiz(d)?.feedback, .wrong(hint: 1))
    XCTAssertTrue(d.screenText.contains("Hint: Stairs."), d.screenText)
    // Right, with the arrow keys and Enter.
    d.keys(.char("k"), .char("j"))
    XCTAssertEqual(quiz(d)?.cursor, 1)
    effects = d.keys(.enter)
    XCTAssertEqual(
      effects,
      [
        .saveProgress(
          .quizAnswered(
            quizID: "steplr/baseline", selected: [1], value: nil, correct: true, attempts: 3))
      ])
    XCTAssertEqual(quiz(d)?.feedback, .correct)
    let screen = d.screenText
    XCTAssertTrue(screen.contains("✓ Correct!"), screen)
    XCTAssertTrue(
      screen.contains("step_size=10, gamma=0.5 does exactly this."), "the choice's explanation")
    XCTAssertTrue(screen.contains("StepLR multiplies the LR by gamma"), "the overall explanation")
    XCTAssertTrue(screen.contains("Lesson score: 1/3"), screen)
    XCTAssertEqual(d.model.progress.quizzes["steplr/baseline"]?.solved, true)
    XCTAssertEqual(d.model.progress.quizzes["steplr/baseline"]?.attempts, 3)
    // Keys do nothing more until Enter goes back; the card then shows the result.
    d.keys(.char("1"))
    XCTAssertEqual(quiz(d)?.selected, [1])
    d.keys(.enter)
    guard case .reader = d.model.top else { return XCTFail("Enter after a right answer returns") }
    XCTAssertTrue(d.screenText.contains("✓ answered correctly"), d.screenText)
    XCTAssertTrue(d.screenText.contains("quizzes 1/3"), "title bar total")
  }

  func testMultipleAnswersNeedExactlyTheCorrectSet() {
    var d = openQuiz(1)
    XCTAssertEqual(quiz(d)?.quiz.allowsMultiple, true)
    XCTAssertEqual(d.keys(.enter), [], "nothing picked: nothing submitted")
    d.keys(.char(" "))
    XCTAssertEqual(quiz(d)?.selected, [0])
    d.keys(.enter)
    XCTAssertEqual(quiz(d)?.feedback, .wrong(hint: nil))
    d.keys(.char("3"), .enter)
    XCTAssertEqual(quiz(d)?.selected, [0, 2])
    XCTAssertEqual(quiz(d)?.feedback, .correct)
    XCTAssertTrue(d.screenText.contains("[x] StepLR"), d.screenText)
  }

  func testNumericQuizReadsTypedNumbers() {
    var d = openQuiz(2)
    d.type("0.5x")
    XCTAssertEqual(quiz(d)?.input, "0.5x", "nothing typed vanishes")
    XCTAssertEqual(d.keys(.enter), [], "not a number: not an attempt")
    XCTAssertEqual(quiz(d)?.feedback, .unreadable)
    XCTAssertTrue(d.screenText.contains("\"0.5x\" is not a number"), d.screenText)
    XCTAssertTrue(d.screenText.contains("Quiz · attempt 1"), d.screenText)
    d.keys(.backspace)
    d.keys(.enter)
    XCTAssertEqual(quiz(d)?.feedback, .wrong(hint: 0))
    XCTAssertTrue(d.screenText.contains("Hint: Count the drops."), d.screenText)
    d.keys(.backspace, .backspace, .backspace)
    d.type("e")
    d.keys(.enter)
    XCTAssertEqual(quiz(d)?.feedback, .unreadable)
    d.keys(.backspace)
    let effects = d.type("2.5e-2") + d.keys(.enter)
    XCTAssertEqual(
      effects,
      [
        .saveProgress(
          .quizAnswered(
            quizID: "steplr/after-20", selected: [], value: 0.025, correct: true, attempts: 2))
      ])
    XCTAssertTrue(d.screenText.contains("Two halvings"), d.screenText)
  }

  func testMouseClickPicksAChoice() {
    var d = openQuiz(0)
    let row = d.screenText.split(separator: "\n", omittingEmptySubsequences: false)
      .firstIndex { $0.contains("ReduceLROnPlateau") }!
    d.send(.mouse(MouseEvent(.press, x: 20, y: row)))
    XCTAssertEqual(quiz(d)?.selected, [2])
    XCTAssertEqual(quiz(d)?.cursor, 2)
    d.send(.mouse(MouseEvent(.wheelUp, x: 20, y: row)))
    XCTAssertEqual(quiz(d)?.cursor, 1)
  }

  func testResizeMidQuizKeepsTheAnswerAndRelaysOut() {
    var d = openQuiz(0)
    d.keys(.char("3"), .enter)
    d.send(.resize(width: 120, height: 40))
    XCTAssertEqual(quiz(d)?.selected, [2])
    XCTAssertEqual(quiz(d)?.feedback, .wrong(hint: 0))
    XCTAssertEqual(d.frame.width, 120)
    let wide = d.screenText
    XCTAssertTrue(
      wide.contains("Which scheduler halves the LR every 10 epochs for a simple baseline?"), wide)
    XCTAssertTrue(wide.contains("Hint:"), wide)
    // Too small, then back: the quiz is still there and still answerable.
    d.send(.resize(width: 40, height: 10))
    XCTAssertTrue(d.screenText.contains("Enlarge the terminal to at least 60×16."), d.screenText)
    d.keys(.char("2"))
    XCTAssertEqual(quiz(d)?.selected, [2], "keys are ignored while too small")
    d.send(.resize(width: 70, height: 20))
    d.keys(.char("2"), .enter)
    XCTAssertEqual(quiz(d)?.feedback, .correct)
    // The reader underneath was laid out again for the new width.
    d.keys(.enter)
    guard case .reader(let r) = d.model.top else { return XCTFail() }
    XCTAssertEqual(r.layout.width, 67)
  }

  func testAWrongChoiceShowsItsExplanationAndRevealIsOfferedAfterTwoTries() {
    var d = openQuiz(0)
    XCTAssertTrue(d.screenText.contains("Quiz · attempt 1"), d.screenText)
    d.keys(.char("a"))
    XCTAssertNil(quiz(d)?.feedback, "no reveal before any try")
    d.keys(.char("1"), .enter)
    XCTAssertTrue(d.screenText.contains("✗ It follows a smooth cosine curve."), d.screenText)
    XCTAssertFalse(d.screenText.contains("a: show the answer"), "not after one try")
    XCTAssertTrue(d.screenText.contains("Quiz · attempt 2"), d.screenText)
    d.keys(.char("3"), .enter)
    XCTAssertTrue(d.screenText.contains("a: show the answer"), d.screenText)
    let effects = d.keys(.char("a"))
    XCTAssertEqual(effects, [.saveProgress(.quizRevealed(quizID: "steplr/baseline"))])
    XCTAssertEqual(quiz(d)?.feedback, .revealed)
    XCTAssertTrue(d.screenText.contains("The answer: choice 2"), d.screenText)
    XCTAssertEqual(d.model.progress.quizzes["steplr/baseline"]?.revealed, true)
    XCTAssertEqual(d.model.summary.lesson(id: "steplr")?.quizzes.right, 0, "revealed is not right")
    d.keys(.enter)
    XCTAssertTrue(d.screenText.contains("answer revealed"), d.screenText)
  }

  func testNumbersCommasAndNearMisses() {
    var d = openQuiz(2)
    d.type("0,025")
    d.keys(.enter)
    XCTAssertEqual(quiz(d)?.feedback, .correct, "a comma decimal is read as a point")
    XCTAssertTrue(d.screenText.contains("Read 0,025 as 0.025"), d.screenText)
    var e = openQuiz(2)
    e.type("0.026")
    e.keys(.enter)
    XCTAssertTrue(e.screenText.contains("Close, but not within the tolerance"), e.screenText)
    e.keys(.backspace, .backspace, .backspace, .backspace, .backspace)
    e.type("0,1,2")
    XCTAssertEqual(e.keys(.enter), [])
    XCTAssertTrue(e.screenText.contains("is not one number"), e.screenText)
    XCTAssertEqual(quiz(e)?.attempts, 1, "one counter: unreadable input is not a try")
    e.keys(.backspace, .backspace, .backspace, .backspace, .backspace)
    XCTAssertEqual(e.keys(.enter), [])
    XCTAssertTrue(e.screenText.contains("Type a number first"), e.screenText)
    XCTAssertTrue(e.screenText.contains("Quiz · attempt 2"), e.screenText)
    // Several answers: a comma is not silently dropped, it is explained.
    var m = openQuiz(1)
    m.type("1,3")
    XCTAssertEqual(quiz(m)?.selected, [0, 2])
    XCTAssertTrue(m.screenText.contains("No commas needed"), m.screenText)
  }
}

extension QuizSequenceTests {
  func testATallQuizScrollsWithPageKeys() {
    var d = openQuiz(0, width: 70, height: 16)
    d.keys(.char("1"), .enter)
    XCTAssertTrue(d.screenText.contains("Not quite"), "the feedback is in view")
    XCTAssertFalse(d.screenText.contains("Which scheduler halves"), d.screenText)
    d.keys(.pageUp)
    XCTAssertTrue(d.screenText.contains("Which scheduler halves"), "PgUp shows the question")
    d.keys(.pageDown)
    XCTAssertTrue(d.screenText.contains("Not quite"), d.screenText)
  }
}

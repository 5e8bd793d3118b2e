import Markdown
import XCTest

@testable import Lessons

final class QuizGraderTests: XCTestCase {
  private func quiz(_ correct: [Bool]) -> Quiz {
    Quiz(
      id: "l/q", question: [.text("?")],
      answer: .choices(correct.map { QuizChoice(text: [.text("c")], isCorrect: $0) }),
      explanation: nil, hints: [], position: SourcePosition(line: 1, column: 1))
  }

  private let numeric = Quiz(
    id: "l/n", question: [.text("?")], answer: .numeric(value: 0.025, tolerance: 1e-9),
    explanation: nil, hints: [], position: SourcePosition(line: 1, column: 1))

  func testSingleChoice() {
    let q = quiz([false, true, false])
    XCTAssertEqual(QuizGrader.grade(q, choices: [1]), QuizResult(isCorrect: true))
    XCTAssertEqual(
      QuizGrader.grade(q, choices: [0]),
      QuizResult(isCorrect: false, missedChoices: [1], wrongChoices: [0]))
    XCTAssertEqual(
      QuizGrader.grade(q, choices: []), QuizResult(isCorrect: false, missedChoices: [1]))
  }

  func testMultipleChoiceNeedsExactlyTheCorrectSet() {
    let q = quiz([true, true, false])
    XCTAssertTrue(QuizGrader.grade(q, choices: [0, 1]).isCorrect)
    XCTAssertEqual(
      QuizGrader.grade(q, choices: [0]), QuizResult(isCorrect: false, missedChoices: [1]))
    XCTAssertEqual(
      QuizGrader.grade(q, choices: [0, 1, 2]), QuizResult(isCorrect: false, wrongChoices: [2]))
  }

  func testOutOfRangeChoicesAreWrong() {
    XCTAssertEqual(
      QuizGrader.grade(quiz([true, false]), choices: [0, 7]),
      QuizResult(isCorrect: false, wrongChoices: [7]))
  }

  func testNumericWithinTolerance() {
    XCTAssertTrue(QuizGrader.grade(numeric, number: 0.025).isCorrect)
    XCTAssertTrue(QuizGrader.grade(numeric, number: 0.025 + 5e-10).isCorrect)
    XCTAssertFalse(QuizGrader.grade(numeric, number: 0.025 + 2e-9).isCorrect)
    XCTAssertFalse(QuizGrader.grade(numeric, number: .nan).isCorrect)
    XCTAssertFalse(QuizGrader.grade(numeric, choices: [0]).isCorrect)
    XCTAssertFalse(QuizGrader.grade(quiz([true, false]), number: 0).isCorrect)
  }

  func testTypedNumbers() {
    XCTAssertEqual(QuizGrader.grade(numeric, text: " 2.5e-2 ")?.isCorrect, true)
    XCTAssertEqual(QuizGrader.grade(numeric, text: "0.0250")?.isCorrect, true)
    XCTAssertEqual(QuizGrader.grade(numeric, text: "0.03")?.isCorrect, false)
    XCTAssertNil(QuizGrader.grade(numeric, text: "a quarter"))
    XCTAssertNil(QuizGrader.grade(numeric, text: ""))
    XCTAssertNil(QuizGrader.grade(numeric, text: "inf"))
  }
}

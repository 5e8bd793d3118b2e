import Foundation
import Markdown
import XCTest

@testable import Lessons

final class LessonParserTests: XCTestCase {
  private func load(_ name: String) throws -> Lesson {
    let url = fixtures.appendingPathComponent("valid/\(name)")
    return LessonParser.parse(contents: try Data(contentsOf: url), file: name)
  }

  func testFrontMatter() throws {
    let lesson = try load("01-basics.md")
    XCTAssertEqual(lesson.id, "basics")
    XCTAssertEqual(lesson.title, "Basics of *schedules*")
    XCTAssertEqual(lesson.order, 10)
    XCTAssertEqual(lesson.formatVersion, 1)
    XCTAssertEqual(lesson.summary, "What a scheduler does.")
    XCTAssertEqual(lesson.prerequisites, [])
    XCTAssertEqual(try load("02-more.md").prerequisites, ["basics"])
  }

  func testBlocksInOrderWithPositions() throws {
    let lesson = try load("01-basics.md")
    XCTAssertEqual(lesson.blocks.count, 4)
    guard case .markdown(let heading) = lesson.blocks[0],
      case .markdown(let para) = lesson.blocks[1]
    else { return XCTFail() }
    XCTAssertEqual(heading.kind, .heading(level: 1, content: [.text("Basics")]))
    XCTAssertEqual(heading.position, SourcePosition(line: 9, column: 1))
    XCTAssertEqual(para.position.line, 11)
  }

  func testLabWithOptionsAndExpectations() throws {
    let lab = try XCTUnwrap(try load("01-basics.md").labs.first)
    XCTAssertEqual(lab.id, "basics/steplr")
    XCTAssertEqual(lab.title, "StepLR halves the LR")
    XCTAssertEqual(lab.options, ["model": "sine", "epochs": "30", "step-every": "epoch"])
    XCTAssertEqual(
      lab.code,
      "optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)\n"
        + "scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.5)")
    XCTAssertEqual(lab.expectations, ["final_lr < 0.02", "diverges: false"])
    XCTAssertEqual(lab.position, SourcePosition(line: 13, column: 1))
  }

  func testChoiceQuiz() throws {
    let quiz = try XCTUnwrap(try load("01-basics.md").quizzes.first)
    XCTAssertEqual(quiz.id, "basics/steplr-baseline")
    XCTAssertEqual(
      quiz.question,
      [.text("Which scheduler halves the LR every "), .emphasis([.text("10 epochs")]), .text("?")])
    guard case .choices(let choices) = quiz.answer else { return XCTFail() }
    XCTAssertEqual(
      choices.map(\.text),
      [[.text("CosineAnnealingLR")], [.code("StepLR")], [.text("ReduceLROnPlateau")]])
    XCTAssertEqual(choices.map(\.isCorrect), [false, true, false])
    XCTAssertEqual(choices[0].explanation, [.text("It follows a smooth cosine curve.")])
    XCTAssertNil(choices[2].explanation)
    XCTAssertEqual(quiz.hints, [[.text("Think of a staircase.")]])
    XCTAssertEqual(quiz.explanation, [.text("StepLR multiplies by gamma every step_size epochs.")])
    XCTAssertFalse(quiz.allowsMultiple)
  }

  func testMultiSelectNumericAndCheckpoint() throws {
    let lesson = try load("02-more.md")
    XCTAssertTrue(lesson.quizzes[0].allowsMultiple)
    XCTAssertEqual(lesson.quizzes[1].answer, .numeric(value: 0.025, tolerance: 1e-9))
    XCTAssertEqual(
      lesson.checkpoints,
      [
        Checkpoint(
          id: "more/ran-step", text: [.text("Run the StepLR lab.")],
          requires: ["ran:StepLR", "ran-lab:basics/steplr", "viewed:lr-plot"],
          position: SourcePosition(line: 29, column: 1))
      ])
  }

  func testCRLFAndBOMLesson() throws {
    let url = fixtures.appendingPathComponent("valid/01-basics.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    let crlf = "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")
    let lesson = LessonParser.parse(contents: crlf, file: "01-basics.md")
    let plain = try load("01-basics.md")
    XCTAssertEqual(lesson.diagnostics, [])
    XCTAssertEqual(lesson.blocks, plain.blocks)
    XCTAssertEqual(lesson.title, plain.title)
  }

  func testToleranceWrittenWithExponent() {
    let text = """
      ---
      id: t
      title: T
      order: 1
      format_version: 1
      ---

      ```quiz
      id: n
      question: Number?
      answer: 2.5e-2
      tolerance: 1e-4
      ```
      """
    let lesson = LessonParser.parse(contents: text, file: "t.md")
    XCTAssertEqual(lesson.diagnostics, [])
    XCTAssertEqual(lesson.quizzes.first?.answer, .numeric(value: 0.025, tolerance: 1e-4))
  }

  func testColumnsCountCharactersNotBytes() {
    let text = """
      ---
      id: t
      title: 学习率 🚀
      order: 1
      format_version: 1
      ---

      ```lab id=l title="学习率 🚀" model=bad
      scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10)
      ```

      ```quiz
      id: q
      question: "学习率 🚀"
      choices: [学习率, {text: 🚀, correct: maybe}]
      ```
      """
    let lesson = LessonParser.parse(contents: text, file: "t.md")
    XCTAssertEqual(lesson.title, "学习率 🚀")
    XCTAssertEqual(
      lesson.diagnostics.map(\.description),
      [
        "t.md:8:27: error: lab option 'model' must be one of sine, linear, finetune, quadratic (got 'bad')",
        "t.md:15:35: error: choice 'correct' must be true or false",
      ])
  }

  func testFencesInsideListsAreOrdinaryCodeWithAWarning() {
    let text =
      "---\nid: t\ntitle: T\norder: 1\nformat_version: 1\n---\n\n- item\n\n  ```quiz\n  not: checked\n  ```\n"
    let lesson = LessonParser.parse(contents: text, file: "t.md")
    XCTAssertEqual(
      lesson.diagnostics.map(\.description),
      [
        "t.md:10:3: warning: this ```quiz block is inside a list or quote, so it is shown as plain code; move it to the top level"
      ])
    XCTAssertEqual(lesson.quizzes.count, 0)
  }

  func testScaffoldPassesCheck() throws {
    let dir = try temporaryDirectory(self)
    let file = dir.appendingPathComponent("01-new-lesson.md")
    try Data(LessonScaffold.text(id: "new-lesson", order: 10).utf8).write(to: file)
    let course = Course.load(directories: [dir])
    XCTAssertEqual(Linter.check(course: course), [])
    let lesson = try XCTUnwrap(course.lessons.first)
    XCTAssertEqual(lesson.quizzes.count, 2)
    XCTAssertEqual(lesson.labs.count, 1)
    XCTAssertEqual(lesson.checkpoints.count, 1)
    XCTAssertEqual(
      lesson.labs[0].expectations,
      [
        "final_lr < 0.03", "final_lr == lr_at_epoch(20)",
        "final_val_loss < val_loss_at_epoch(0) on 4/5 seeds",
      ])
    XCTAssertEqual(lesson.labs[0].expects.count, 3)
    XCTAssertNotNil(lesson.quizzes[1].source, "the scaffold's numeric quiz names its source")
    // Every Markdown block kind appears.
    let kinds = Set(
      lesson.blocks.compactMap { block -> String? in
        guard case .markdown(let b) = block else { return nil }
        return String(describing: b.kind).prefix { $0 != "(" }.description
      })
    XCTAssertEqual(
      kinds,
      [
        "heading", "paragraph", "quote", "bulletList", "orderedList", "table", "code",
        "thematicBreak",
      ])
  }
}

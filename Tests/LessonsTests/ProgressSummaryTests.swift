import Foundation
import Markdown
import XCTest

@testable import Lessons

/// The one progress computation: quiz score, checkpoints, lab runs, state.
final class ProgressSummaryTests: XCTestCase {
  let date = Date(timeIntervalSince1970: 1_800_000_000)
  let at = SourcePosition(line: 1, column: 1)

  func lesson() -> Lesson {
    func quiz(_ id: String) -> Quiz {
      Quiz(
        id: "l/\(id)", question: [.text("?")],
        answer: .choices([
          QuizChoice(text: [.text("a")], isCorrect: false),
          QuizChoice(text: [.text("b")], isCorrect: true),
        ]), explanation: nil, hints: [], position: at)
    }
    func checkpoint(_ id: String, _ requires: [String]) -> LessonBlock {
      .checkpoint(Checkpoint(id: "l/\(id)", text: [.text(id)], requires: requires, position: at))
    }
    let lab = Lab(
      id: "l/lab", title: "StepLR",
      code: "optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
        + "scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10)\n",
      options: [:], expectations: [], position: at)
    return Lesson(
      id: "l", title: "L", order: 1, formatVersion: 1, prerequisites: [], summary: nil,
      file: "l.md",
      blocks: [
        .quiz(quiz("q1")), .quiz(quiz("q2")), .lab(lab), checkpoint("a", ["ran:StepLR"]),
        checkpoint("b", ["viewed:lr-plot"]), checkpoint("c", ["ran:OneCycleLR"]),
      ], diagnostics: [])
  }

  func testQuizScoreCheckpointsLabRunsAndState() {
    let lesson = lesson()
    var progress = LearnerProgress()
    var p = LessonProgress(lesson: lesson, progress: progress)
    XCTAssertEqual(p.state, .notStarted)
    XCTAssertEqual(p.checkpoints, .init(met: [], total: 3, unmet: ["l/a", "l/b", "l/c"]))

    // Wrong then right: right. A later wrong answer does not undo it.
    progress.recordQuiz(id: "l/q1", choices: [0], result: QuizResult(isCorrect: false), at: date)
    progress.recordQuiz(id: "l/q1", choices: [1], result: QuizResult(isCorrect: true), at: date)
    progress.recordQuiz(id: "l/q1", choices: [0], result: QuizResult(isCorrect: false), at: date)
    // Wrong, revealed, then right: revealed, never right.
    progress.recordQuiz(id: "l/q2", choices: [0], result: QuizResult(isCorrect: false), at: date)
    progress.recordReveal(id: "l/q2", at: date)
    progress.recordQuiz(id: "l/q2", choices: [1], result: QuizResult(isCorrect: true), at: date)
    // Events meet two checkpoints (the file need not list them in checkpointsMet).
    progress.recordLabRun(labID: "l/lab", events: ["ran:StepLR", "viewed:lr-plot"], at: date)
    progress.recordLabRun(labID: "l/lab", events: [], at: date)
    progress.recordLabRun(labID: nil, events: [], at: date)
    p = LessonProgress(lesson: lesson, progress: progress)
    XCTAssertEqual(
      p.quizzes, .init(right: 1, revealed: 1, answered: 2, total: 2, missed: ["l/q2"]))
    XCTAssertEqual(p.checkpoints.met, ["l/a", "l/b"])
    XCTAssertEqual(p.checkpoints.unmet, ["l/c"])
    XCTAssertEqual(p.labRuns, 2)
    XCTAssertEqual(p.state, .started)
    XCTAssertEqual(progress.score(of: lesson).correct, 1, "the same definition")

    let summary = ProgressSummary(lessons: [lesson], progress: progress)
    XCTAssertEqual(summary.freePlayRuns, 1)
    XCTAssertEqual(summary.labRuns, 3)
    XCTAssertEqual(summary.checkpointsMet, 2)
    XCTAssertEqual(summary.firstUnfinishedIndex, 0)

    progress.markRead(lessonID: "l", at: date)
    XCTAssertEqual(LessonProgress(lesson: lesson, progress: progress).state, .read)
    progress.recordEvent("ran:OneCycleLR", at: date)
    XCTAssertEqual(
      LessonProgress(lesson: lesson, progress: progress).state, .done,
      "read, every quiz right or revealed, every checkpoint met")
    XCTAssertNil(ProgressSummary(lessons: [lesson], progress: progress).firstUnfinishedIndex)
  }

  func testOlderFilesAndTheLabThatMeetsACheckpoint() throws {
    // A record written before `solved`/`revealed` existed: right if the latest answer was.
    let json = """
      {"version": 1, "quizzes": {"l/q1": {"attempts": 2, "correct": true,
        "firstTryCorrect": false, "answeredAt": "2027-01-15T08:00:00Z"}}}
      """
    guard case .success(let progress) = ProgressStore.decode(Data(json.utf8)) else {
      return XCTFail("decodes")
    }
    XCTAssertEqual(progress.quizzes["l/q1"]?.solved, true)
    XCTAssertEqual(progress.quizzes["l/q1"]?.revealed, false)
    let lesson = lesson()
    let a = lesson.checkpoints[0]
    XCTAssertEqual(
      ProgressSummary.lab(meeting: a, in: [lesson], ownLessonID: "l", progress: progress)?.id,
      "l/lab")
    XCTAssertNil(
      ProgressSummary.lab(
        meeting: lesson.checkpoints[2], in: [lesson], ownLessonID: "l", progress: progress),
      "no lab constructs OneCycleLR")
  }
}

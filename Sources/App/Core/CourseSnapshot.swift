import Foundation
import Lessons

/// The course as the app shows it: lessons in order (broken ones included, with their
/// diagnostics) plus problems that belong to no single lesson (e.g. an unreadable directory).
public struct CourseSnapshot: Sendable, Equatable {
  public var lessons: [Lesson]
  public var problems: [Diagnostic]
  public init(lessons: [Lesson], problems: [Diagnostic] = []) {
    self.lessons = lessons
    self.problems = problems
  }
  /// The loaded course; its course-level diagnostics (not tied to one lesson) become problems.
  public init(course: Course) {
    self.init(lessons: course.lessons, problems: course.diagnostics)
  }
}

/// A change to persist; the runtime applies it to the progress store.
public enum ProgressEvent: Sendable, Equatable {
  case lessonOpened(lessonID: String)
  /// The learner scrolled to the end of the lesson.
  case lessonRead(lessonID: String)
  /// `selected`: 0-based choice indices (choice quizzes); `value`: the number typed (numeric).
  case quizAnswered(quizID: String, selected: [Int], value: Double?, correct: Bool, attempts: Int)
  /// The learner looked at the answer after wrong tries (recorded as revealed, not right).
  case quizRevealed(quizID: String)
  /// For the Lab: a checkpoint requirement met ("ran:StepLR", "viewed:lr-plot", …).
  case requirementMet(String)
  /// The Lab finished a run (once per run): of a lesson's lab ("lesson/lab"), or free play.
  case labRunFinished(labID: String?)
}

extension LearnerProgress {
  /// Applies one change. The app applies it to its copy and the runtime to the store's, with
  /// this same function, so the screens show what the file will hold.
  public mutating func apply(_ event: ProgressEvent, lessons: [Lesson], at date: Date) {
    switch event {
    case .lessonOpened(let id):
      recordOpened(lessonID: id, at: date)
    case .lessonRead(let id):
      markRead(lessonID: id, at: date)
    case .quizAnswered(let quizID, let selected, let value, let correct, _):
      recordQuiz(
        id: quizID, choices: value == nil ? selected : nil, number: value,
        result: QuizResult(isCorrect: correct), at: date)
    case .quizRevealed(let quizID):
      recordReveal(id: quizID, at: date)
    case .requirementMet(let requirement):
      recordEvent(requirement, at: date)
      updateCheckpoints(lessons, at: date)
    case .labRunFinished(let labID):
      recordLabRun(labID: labID, events: [], at: date)
      updateCheckpoints(lessons, at: date)
    }
  }
}

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

/// What the learner has done, as the screens need it. The runtime builds it from the
/// progress store and executes the `saveProgress` effects that keep the store in step.
public struct ProgressSnapshot: Sendable, Equatable {
  public struct QuizRecord: Sendable, Equatable {
    public var correct: Bool
    public var attempts: Int
    public init(correct: Bool, attempts: Int) {
      self.correct = correct
      self.attempts = attempts
    }
  }
  public var readLessons: Set<String>
  /// Keyed by quiz id ("<lesson-id>/<quiz-id>").
  public var quizzes: [String: QuizRecord]
  public var lastLessonID: String?
  /// Lab ids ("<lesson-id>/<lab-id>") with at least one finished run: their cards show as done.
  public var labsRun: Set<String>
  public init(
    readLessons: Set<String> = [], quizzes: [String: QuizRecord] = [:], lastLessonID: String? = nil,
    labsRun: Set<String> = []
  ) {
    self.readLessons = readLessons
    self.quizzes = quizzes
    self.lastLessonID = lastLessonID
    self.labsRun = labsRun
  }

  /// Correct quizzes out of the lesson's quizzes.
  public func score(of lesson: Lesson) -> (correct: Int, total: Int) {
    let ids = lesson.quizzes.map(\.id)
    return (ids.filter { quizzes[$0]?.correct == true }.count, ids.count)
  }
}

/// A change to persist; the runtime applies it to the progress store.
public enum ProgressEvent: Sendable, Equatable {
  case lessonOpened(lessonID: String)
  /// The learner scrolled to the end of the lesson.
  case lessonRead(lessonID: String)
  /// `selected`: 0-based choice indices (choice quizzes); `value`: the number typed (numeric).
  case quizAnswered(quizID: String, selected: [Int], value: Double?, correct: Bool, attempts: Int)
  /// For the Lab: a checkpoint requirement met ("ran:StepLR", "viewed:lr-plot", …).
  case requirementMet(String)
}

import Foundation

/// What the learner has done, lesson by lesson: the one computation Home, the reader, the
/// quiz, the progress screen, the Lab's title bar and `lrlab progress show` (text and JSON) all
/// render. Pure: a function of the course's lessons and the progress file.
///
/// Definitions (the only ones; every screen and command uses these):
/// - **Quiz right**: answered correctly at least once *before* the answer was revealed. A later
///   wrong answer does not undo it; a revealed quiz is counted as revealed, never as right.
/// - **Checkpoint met**: recorded as met in the progress file, or every one of its `requires`
///   items has happened (so a file whose events meet a checkpoint counts it, even before the
///   app has written `checkpointsMet`).
/// - **Lab runs**: finished runs of the lesson's labs (`labsRun`, keyed "lesson/lab").
/// - **State**: `done` when the lesson was read to its end, every quiz is right or revealed and
///   every checkpoint is met; `read` when read to the end but something is left; `started`
///   when opened or anything of it was done; else `notStarted`. Broken lessons are `broken`.
public struct ProgressSummary: Sendable, Equatable, Codable {
  public var lessons: [LessonProgress]
  /// Finished runs in the Lab opened without a lesson lab (from Home, or `lrlab lab`).
  public var freePlayRuns: Int

  public init(lessons: [Lesson], progress: LearnerProgress) {
    self.lessons = lessons.map { LessonProgress(lesson: $0, progress: progress) }
    freePlayRuns = progress.labsRun[LearnerProgress.freePlayLabID]?.runs ?? 0
  }

  public func lesson(id: String) -> LessonProgress? { lessons.first { $0.id == id } }

  /// The first lesson not yet done (broken ones skipped): where "Continue" goes.
  public var firstUnfinishedIndex: Int? {
    lessons.firstIndex { $0.state != .done && $0.state != .broken }
  }

  public var lessonsRead: Int { lessons.filter(\.read).count }
  public var quizzesRight: Int { lessons.reduce(0) { $0 + $1.quizzes.right } }
  public var quizzesTotal: Int { lessons.reduce(0) { $0 + $1.quizzes.total } }
  public var checkpointsMet: Int { lessons.reduce(0) { $0 + $1.checkpoints.met.count } }
  public var checkpointsTotal: Int { lessons.reduce(0) { $0 + $1.checkpoints.total } }
  /// Lab runs of every lesson's labs, plus free play.
  public var labRuns: Int { lessons.reduce(freePlayRuns) { $0 + $1.labRuns } }
}

/// One lesson's part of `ProgressSummary`.
public struct LessonProgress: Sendable, Equatable, Codable {
  public enum State: String, Sendable, Equatable, Codable {
    case notStarted = "not-started"
    case started, read, done, broken
  }
  public struct Quizzes: Sendable, Equatable, Codable {
    public var right: Int
    public var revealed: Int
    /// Answered at least once (right or not), or revealed.
    public var answered: Int
    public var total: Int
    /// Ids of quizzes answered or revealed but not right: "retry the ones you missed".
    public var missed: [String]
  }
  public struct Checkpoints: Sendable, Equatable, Codable {
    /// Ids of the checkpoints met, in lesson order.
    public var met: [String]
    public var total: Int
    /// Ids of the checkpoints left, in lesson order.
    public var unmet: [String]
  }
  public var id: String
  public var title: String
  public var state: State
  public var read: Bool
  public var quizzes: Quizzes
  public var checkpoints: Checkpoints
  public var labRuns: Int

  public init(lesson: Lesson, progress: LearnerProgress) {
    id = lesson.id
    title = lesson.title
    read = progress.lessonsRead[lesson.id] != nil
    var right = 0
    var revealed = 0
    var answered = 0
    var missed: [String] = []
    for quiz in lesson.quizzes {
      guard let record = progress.quizzes[quiz.id] else { continue }
      answered += 1
      if record.solved {
        right += 1
      } else {
        if record.revealed { revealed += 1 }
        missed.append(quiz.id)
      }
    }
    quizzes = Quizzes(
      right: right, revealed: revealed, answered: answered, total: lesson.quizzes.count,
      missed: missed)
    let met = lesson.checkpoints.filter {
      progress.checkpointsMet[$0.id] != nil || progress.isSatisfied($0)
    }.map(\.id)
    checkpoints = Checkpoints(
      met: met, total: lesson.checkpoints.count,
      unmet: lesson.checkpoints.map(\.id).filter { !met.contains($0) })
    labRuns = lesson.labs.reduce(0) { $0 + (progress.labsRun[$1.id]?.runs ?? 0) }
    let started =
      progress.events[LearnerProgress.openedPrefix + lesson.id] != nil || answered > 0
      || labRuns > 0 || !met.isEmpty
    if lesson.isBroken {
      state = .broken
    } else if read && right + revealed == quizzes.total && met.count == checkpoints.total {
      state = .done
    } else if read {
      state = .read
    } else if started {
      state = .started
    } else {
      state = .notStarted
    }
  }

  public func isMet(_ checkpointID: String) -> Bool { checkpoints.met.contains(checkpointID) }
}

extension ProgressSummary {
  /// The lab whose run meets `checkpoint` (every requirement not yet met), preferring the
  /// checkpoint's own lesson, then the lessons in order; nil if no lab does. Parses lab code:
  /// call it when a screen opens, not per frame.
  public static func lab(
    meeting checkpoint: Checkpoint, in lessons: [Lesson], ownLessonID: String,
    progress: LearnerProgress
  ) -> Lab? {
    let needed = checkpoint.requires.filter { progress.events[$0] == nil }
    let ordered =
      lessons.filter { $0.id == ownLessonID } + lessons.filter { $0.id != ownLessonID }
    for lesson in ordered where !lesson.isBroken {
      for lab in lesson.labs {
        // Any finished run also counts as having looked at the LR chart.
        let met = Set(RunRequirements.met(by: lab) + ["viewed:lr-plot"])
        if needed.allSatisfy(met.contains) { return lab }
      }
    }
    return nil
  }
}

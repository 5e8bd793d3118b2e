import Foundation

/// What the learner has done, keyed by stable ids so it survives lessons being added, removed
/// or renamed (entries for ids no lesson has any more are kept, untouched).
public struct LearnerProgress: Codable, Sendable, Equatable {
  public static let currentVersion = 1

  public var version: Int
  /// Lesson id → when it was (last) read to the end.
  public var lessonsRead: [String: Date]
  /// Quiz id ("lesson/quiz") → the learner's answers to it.
  public var quizzes: [String: QuizRecord]
  /// Lab id ("lesson/lab") → its finished runs.
  public var labsRun: [String: LabRunRecord]
  /// Things done that checkpoints require ("ran:StepLR", "viewed:lr-plot", …) → when first.
  public var events: [String: Date]
  /// Checkpoint id ("lesson/checkpoint") → when it was met.
  public var checkpointsMet: [String: Date]

  public init() {
    version = Self.currentVersion
    lessonsRead = [:]
    quizzes = [:]
    labsRun = [:]
    events = [:]
    checkpointsMet = [:]
  }

  public struct QuizRecord: Codable, Sendable, Equatable {
    public var attempts: Int
    /// Whether the latest answer was right, and whether the first one was.
    public var correct: Bool
    public var firstTryCorrect: Bool
    /// Answered right at least once before the answer was revealed: the quiz counts as right
    /// (see `ProgressSummary`). Later wrong answers do not undo it.
    public var solved: Bool
    /// The learner asked to see the answer (after wrong tries) before getting it right.
    public var revealed: Bool
    /// The latest answer: picked choices (0-based) or a number.
    public var lastChoices: [Int]?
    public var lastNumber: Double?
    public var answeredAt: Date
    public init(
      attempts: Int, correct: Bool, firstTryCorrect: Bool, solved: Bool? = nil,
      revealed: Bool = false, lastChoices: [Int]?, lastNumber: Double?, answeredAt: Date
    ) {
      self.attempts = attempts
      self.correct = correct
      self.firstTryCorrect = firstTryCorrect
      self.solved = solved ?? (correct || firstTryCorrect)
      self.revealed = revealed
      self.lastChoices = lastChoices
      self.lastNumber = lastNumber
      self.answeredAt = answeredAt
    }

    enum CodingKeys: String, CodingKey {
      case attempts, correct, firstTryCorrect, solved, revealed, lastChoices, lastNumber, answeredAt
    }
    // Files written before `solved`/`revealed` existed: right once if the latest or first was.
    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      attempts = try c.decode(Int.self, forKey: .attempts)
      correct = try c.decode(Bool.self, forKey: .correct)
      firstTryCorrect = try c.decode(Bool.self, forKey: .firstTryCorrect)
      revealed = try c.decodeIfPresent(Bool.self, forKey: .revealed) ?? false
      solved =
        try c.decodeIfPresent(Bool.self, forKey: .solved)
        ?? ((correct || firstTryCorrect) && !revealed)
      lastChoices = try c.decodeIfPresent([Int].self, forKey: .lastChoices)
      lastNumber = try c.decodeIfPresent(Double.self, forKey: .lastNumber)
      answeredAt = try c.decode(Date.self, forKey: .answeredAt)
    }
  }

  public struct LabRunRecord: Codable, Sendable, Equatable {
    public var runs: Int
    public var lastRunAt: Date
    public init(runs: Int, lastRunAt: Date) {
      self.runs = runs
      self.lastRunAt = lastRunAt
    }
  }

  // Decoding tolerates missing collections (a hand-edited or older file).
  enum CodingKeys: String, CodingKey {
    case version, lessonsRead, quizzes, labsRun, events, checkpointsMet
  }
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    version = try c.decode(Int.self, forKey: .version)
    lessonsRead = try c.decodeIfPresent([String: Date].self, forKey: .lessonsRead) ?? [:]
    quizzes = try c.decodeIfPresent([String: QuizRecord].self, forKey: .quizzes) ?? [:]
    labsRun = try c.decodeIfPresent([String: LabRunRecord].self, forKey: .labsRun) ?? [:]
    events = try c.decodeIfPresent([String: Date].self, forKey: .events) ?? [:]
    checkpointsMet = try c.decodeIfPresent([String: Date].self, forKey: .checkpointsMet) ?? [:]
  }
}

extension LearnerProgress {
  public mutating func markRead(lessonID: String, at date: Date = Date()) {
    lessonsRead[lessonID] = date
  }

  /// Records an answer to `quiz` (choices or a number) with its grade.
  public mutating func recordQuiz(
    id: String, choices: [Int]? = nil, number: Double? = nil, result: QuizResult,
    at date: Date = Date()
  ) {
    var record =
      quizzes[id]
      ?? QuizRecord(
        attempts: 0, correct: false, firstTryCorrect: result.isCorrect, solved: false,
        lastChoices: nil, lastNumber: nil, answeredAt: date)
    record.attempts = Self.increment(record.attempts)
    record.correct = result.isCorrect
    if result.isCorrect && !record.revealed { record.solved = true }
    record.lastChoices = choices
    record.lastNumber = number
    record.answeredAt = date
    quizzes[id] = record
  }

  /// The learner gave up and looked at the answer: recorded as revealed, never as right.
  public mutating func recordReveal(id: String, at date: Date = Date()) {
    var record =
      quizzes[id]
      ?? QuizRecord(
        attempts: 0, correct: false, firstTryCorrect: false, solved: false, lastChoices: nil,
        lastNumber: nil, answeredAt: date)
    if !record.solved { record.revealed = true }
    record.answeredAt = date
    quizzes[id] = record
  }

  /// Events recording when each lesson was last opened (overwritten on every opening).
  public static let openedPrefix = "opened:"

  public mutating func recordOpened(lessonID: String, at date: Date = Date()) {
    events[Self.openedPrefix + lessonID] = date
  }

  /// The lesson opened most recently, if any.
  public var lastOpenedLessonID: String? {
    var last: String?
    var lastDate = Date.distantPast
    for (key, date) in events.sorted(by: { $0.key < $1.key })
    where key.hasPrefix(Self.openedPrefix) && date >= lastDate {
      last = String(key.dropFirst(Self.openedPrefix.count))
      lastDate = date
    }
    return last
  }

  /// The key free-play runs (the Lab opened from Home or `lrlab lab`, no lesson lab) are
  /// counted under in `labsRun`; lesson lab ids always contain a "/", so it cannot clash.
  public static let freePlayLabID = "free-play"

  /// Records a finished lab run: the lab (if any), and the events it satisfies, e.g.
  /// `["ran:StepLR", "ran:warmup-sequential"]`.
  public mutating func recordLabRun(
    labID: String?, events newEvents: [String], at date: Date = Date()
  ) {
    do {
      let labID = labID ?? Self.freePlayLabID
      var record = labsRun[labID] ?? LabRunRecord(runs: 0, lastRunAt: date)
      record.runs = Self.increment(record.runs)
      record.lastRunAt = date
      labsRun[labID] = record
      if labID != Self.freePlayLabID { recordEvent("ran-lab:\(labID)", at: date) }
    }
    for event in newEvents { recordEvent(event, at: date) }
  }

  public mutating func recordEvent(_ event: String, at date: Date = Date()) {
    if events[event] == nil { events[event] = date }
  }

  /// True if every `requires` item of the checkpoint has happened (never for an empty list).
  public func isSatisfied(_ checkpoint: Checkpoint) -> Bool {
    !checkpoint.requires.isEmpty && checkpoint.requires.allSatisfy { events[$0] != nil }
  }

  /// Marks every checkpoint of `lessons` whose requirements are now satisfied; returns the ids
  /// newly met.
  @discardableResult
  public mutating func updateCheckpoints(_ lessons: [Lesson], at date: Date = Date()) -> [String] {
    var newlyMet: [String] = []
    for lesson in lessons {
      for checkpoint in lesson.checkpoints
      where checkpointsMet[checkpoint.id] == nil && isSatisfied(checkpoint) {
        checkpointsMet[checkpoint.id] = date
        newlyMet.append(checkpoint.id)
      }
    }
    return newlyMet
  }

  /// Quizzes of `lesson` counted as right (see `ProgressSummary`), out of its quizzes.
  public func score(of lesson: Lesson) -> (correct: Int, total: Int) {
    let quizzes = lesson.quizzes
    return (quizzes.filter { self.quizzes[$0.id]?.solved == true }.count, quizzes.count)
  }
}

extension LearnerProgress {
  /// The largest `attempts` or `runs` a file may hold (far beyond any learner; far below
  /// `Int.max`, so sums and increments cannot overflow).
  public static let maxCount = 1_000_000_000
  /// The largest choice index an answer may hold, and how many choices it may list.
  public static let maxChoice = 10_000
  /// Events with this prefix record when a lesson was *last* opened (merges keep the latest).
  public static let lastOpenedPrefix = "opened:"

  static func increment(_ n: Int) -> Int { n < maxCount ? n + 1 : maxCount }

  /// The first value out of range, described with its place, or nil when everything is in
  /// range (checked on every load and import, so no count can overflow later).
  public func rangeProblem() -> String? {
    for (id, record) in quizzes.sorted(by: { $0.key < $1.key }) {
      if !(0...Self.maxCount).contains(record.attempts) {
        return "quizzes.\(id).attempts: \(record.attempts) is out of range (0…\(Self.maxCount))"
      }
      if let choices = record.lastChoices {
        if choices.count > Self.maxChoice {
          return "quizzes.\(id).lastChoices: more than \(Self.maxChoice) choices"
        }
        if let bad = choices.first(where: { !(0...Self.maxChoice).contains($0) }) {
          return "quizzes.\(id).lastChoices: \(bad) is out of range (0…\(Self.maxChoice))"
        }
      }
      if let number = record.lastNumber, !number.isFinite {
        return "quizzes.\(id).lastNumber: not a finite number"
      }
    }
    for (id, record) in labsRun.sorted(by: { $0.key < $1.key })
    where !(0...Self.maxCount).contains(record.runs) {
      return "labsRun.\(id).runs: \(record.runs) is out of range (0…\(Self.maxCount))"
    }
    return nil
  }

  /// Both records combined, losing nothing either has: the union of lessons, events, labs and
  /// checkpoints; per quiz the most attempts and the latest answer; per lab the most runs and
  /// the latest time. Dates of "first" things (events, checkpoints) keep the earliest, dates of
  /// "last" things (read, answered, run, `opened:` events) the latest. Commutative.
  public func merging(_ other: LearnerProgress) -> LearnerProgress {
    var out = self
    out.version = max(version, other.version)
    out.lessonsRead.merge(other.lessonsRead) { max($0, $1) }
    for (key, date) in other.events {
      if let mine = out.events[key] {
        out.events[key] = key.hasPrefix(Self.lastOpenedPrefix) ? max(mine, date) : min(mine, date)
      } else {
        out.events[key] = date
      }
    }
    out.checkpointsMet.merge(other.checkpointsMet) { min($0, $1) }
    out.labsRun.merge(other.labsRun) { a, b in
      LabRunRecord(runs: max(a.runs, b.runs), lastRunAt: max(a.lastRunAt, b.lastRunAt))
    }
    out.quizzes.merge(other.quizzes) { a, b in
      // The latest answer decides `correct` and the last answer; ties go to more attempts,
      // then to a stable order, so merging is commutative.
      func later(_ x: QuizRecord, _ y: QuizRecord) -> Bool {
        if x.answeredAt != y.answeredAt { return x.answeredAt > y.answeredAt }
        if x.attempts != y.attempts { return x.attempts > y.attempts }
        if x.correct != y.correct { return x.correct }
        return "\(x.lastChoices ?? [])\(x.lastNumber ?? 0)"
          >= "\(y.lastChoices ?? [])\(y.lastNumber ?? 0)"
      }
      var latest = later(a, b) ? a : b
      // The first try is the one of the longer history (it saw the first answer).
      let longer = a.attempts != b.attempts ? (a.attempts > b.attempts ? a : b) : latest
      latest.attempts = max(a.attempts, b.attempts)
      latest.firstTryCorrect = longer.firstTryCorrect
      return latest
    }
    return out
  }
}

/// The name this type had first; `Lessons.Progress` still works (Foundation has a `Progress`
/// too, so code importing both should say `LearnerProgress`).
public typealias Progress = LearnerProgress

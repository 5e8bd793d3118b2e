import Markdown

/// A diagnostic about a lesson file, printed as `file:line:column: severity: message`.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
  public enum Severity: String, Sendable, Equatable { case error, warning }
  public var file: String
  public var position: SourcePosition
  public var severity: Severity
  public var message: String
  public init(file: String, position: SourcePosition, severity: Severity, message: String) {
    self.file = file
    self.position = position
    self.severity = severity
    self.message = message
  }
  public var description: String {
    "\(file):\(position.line):\(position.column): \(severity.rawValue): \(message)"
  }
}

/// One lesson file, parsed.
public struct Lesson: Sendable, Equatable, Identifiable {
  public var id: String
  public var title: String
  public var order: Int
  public var formatVersion: Int
  public var prerequisites: [String]
  public var summary: String?
  /// The file it came from (as given, for messages).
  public var file: String
  public var blocks: [LessonBlock]
  /// Problems found while parsing (errors make the lesson `broken`).
  public var diagnostics: [Diagnostic]
  /// Where each front-matter value was written ("id", "order", "prerequisites.0", …), for
  /// course-level diagnostics.
  public var keyPositions: [String: SourcePosition] = [:]

  public var isBroken: Bool { diagnostics.contains { $0.severity == .error } }
  public var quizzes: [Quiz] {
    blocks.compactMap { if case .quiz(let q) = $0 { q } else { nil } }
  }
  public var labs: [Lab] { blocks.compactMap { if case .lab(let l) = $0 { l } else { nil } } }
  public var checkpoints: [Checkpoint] {
    blocks.compactMap { if case .checkpoint(let c) = $0 { c } else { nil } }
  }

  public init(
    id: String, title: String, order: Int, formatVersion: Int, prerequisites: [String],
    summary: String?, file: String, blocks: [LessonBlock], diagnostics: [Diagnostic]
  ) {
    self.id = id
    self.title = title
    self.order = order
    self.formatVersion = formatVersion
    self.prerequisites = prerequisites
    self.summary = summary
    self.file = file
    self.blocks = blocks
    self.diagnostics = diagnostics
  }
}

/// A lesson body element: ordinary Markdown, or a fenced block with meaning.
public enum LessonBlock: Sendable, Equatable {
  case markdown(Block)
  case quiz(Quiz)
  case lab(Lab)
  case checkpoint(Checkpoint)
}

public struct QuizChoice: Sendable, Equatable {
  public var text: [Inline]
  public var isCorrect: Bool
  /// Why this choice is right or wrong; shown after answering.
  public var explanation: [Inline]?
  public init(text: [Inline], isCorrect: Bool, explanation: [Inline]? = nil) {
    self.text = text
    self.isCorrect = isCorrect
    self.explanation = explanation
  }
}

public struct Quiz: Sendable, Equatable, Identifiable {
  public enum Answer: Sendable, Equatable {
    /// Choose one (one correct choice) or several (more than one correct choice).
    case choices([QuizChoice])
    /// A number, accepted within `tolerance` (absolute).
    case numeric(value: Double, tolerance: Double)
  }
  /// Unique within the course (progress is keyed by it): "<lesson-id>/<quiz id>".
  public var id: String
  public var question: [Inline]
  public var answer: Answer
  /// Shown after the whole quiz is answered.
  public var explanation: [Inline]?
  /// Shown one at a time after wrong answers.
  public var hints: [[Inline]]
  public var position: SourcePosition
  /// Where a numeric answer comes from, so `lrlab lessons test` can recompute it.
  public var source: QuizSource?
  /// How the tolerance was written (`tolerance`, `tolerance: 1%`, `digits`), for messages.
  public var toleranceText: String?

  public var allowsMultiple: Bool {
    if case .choices(let c) = answer { return c.filter(\.isCorrect).count > 1 }
    return false
  }

  public init(
    id: String, question: [Inline], answer: Answer, explanation: [Inline]?, hints: [[Inline]],
    position: SourcePosition
  ) {
    self.id = id
    self.question = question
    self.answer = answer
    self.explanation = explanation
    self.hints = hints
    self.position = position
  }
}

/// Where a numeric quiz's number comes from.
public struct QuizSource: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// A schedule quantity of this snippet run as `lrlab schedule` runs it for `steps` calls
    /// of `scheduler.step()` (`len(train_loader)` and `num_epochs` as given; ReduceLROnPlateau
    /// fed `metric` every call). Step s is the rate after s calls (0: at construction).
    case snippet(
      code: String, quantity: Expectation.Expr, steps: Int, trainLoaderLength: Int, epochs: Int,
      metric: Double?)
    /// A quantity of one of the lesson's labs (short id) on its own seed, as `expect` names it.
    case lab(id: String, quantity: Expectation.Expr)
  }
  public var kind: Kind
  public var position: SourcePosition
  public init(kind: Kind, position: SourcePosition) {
    self.kind = kind
    self.position = position
  }
}

/// A runnable lab: a PyTorch snippet (as `lrlab schedule` reads it) plus run options.
public struct Lab: Sendable, Equatable, Identifiable {
  /// Unique within the course: "<lesson-id>/<lab id>".
  public var id: String
  public var title: String?
  public var code: String
  /// Run options from the fence's info string: model, epochs, step-every, mistake, batch-size,
  /// seed, … (keys as the `lrlab simulate` flags, without the dashes).
  public var options: [String: String]
  /// `expect` assertions that a run of this lab should satisfy, as written.
  public var expectations: [String]
  /// The same, parsed (the ones that did not parse are `lessons check` errors and left out).
  public var expects: [Expectation] = []
  public var position: SourcePosition
  /// The lab's id without its lesson prefix ("cosine" for "lesson/cosine").
  public var shortID: String { String(id.split(separator: "/").last ?? Substring(id)) }
  public init(
    id: String, title: String?, code: String, options: [String: String],
    expectations: [String], position: SourcePosition
  ) {
    self.id = id
    self.title = title
    self.code = code
    self.options = options
    self.expectations = expectations
    self.position = position
  }
}

/// Something the learner should be able to do; met by doing it in the lab (see `requires`).
public struct Checkpoint: Sendable, Equatable, Identifiable {
  public var id: String
  public var text: [Inline]
  /// Machine-checkable condition, e.g. "ran:StepLR", "ran:CosineAnnealingLR", "viewed:lr-plot".
  public var requires: [String]
  public var position: SourcePosition
  public init(id: String, text: [Inline], requires: [String], position: SourcePosition) {
    self.id = id
    self.text = text
    self.requires = requires
    self.position = position
  }
}

import Lessons
import TerminalUI

/// A quiz being answered.
public struct QuizState: Sendable, Equatable {
  public enum Feedback: Sendable, Equatable {
    case correct
    /// Wrong; `hint` is the index of the hint to show, if the quiz has one left.
    case wrong(hint: Int?)
    /// The typed number could not be read.
    case unreadable
  }
  public var quiz: Quiz
  public var cursor = 0
  public var selected: Set<Int> = []
  /// Numeric quizzes: what the learner typed.
  public var input = ""
  public var attempts = 0
  public var feedback: Feedback?
  public init(quiz: Quiz) { self.quiz = quiz }

  public var choices: [QuizChoice] {
    if case .choices(let c) = quiz.answer { return c }
    return []
  }
  public var isAnsweredCorrectly: Bool { feedback == .correct }
}

/// Grades an answer with the course's grader (exactly the correct set; numbers within the
/// tolerance).
public func grade(_ quiz: Quiz, selected: Set<Int>, value: Double?) -> Bool {
  if let value { return QuizGrader.grade(quiz, number: value).isCorrect }
  return QuizGrader.grade(quiz, choices: selected).isCorrect
}

extension AppModel {
  static let quizKeys = [
    KeyHelp("↑/↓ j/k", "move between choices"), KeyHelp("1-9", "pick a choice"),
    KeyHelp("Space", "pick / unpick (several answers)"),
    KeyHelp("Enter", "submit; after a right answer, back"),
    KeyHelp("0-9 . - e", "type a number (numeric quiz); Backspace deletes"),
    KeyHelp("mouse", "click a choice to pick it"), KeyHelp("?", "help"),
    KeyHelp("q / Esc", "back to the lesson"),
    KeyHelp("Ctrl-C", "quit"),
  ]
  static let numericQuizStatus = [
    KeyHelp("0-9 . e", "type"), KeyHelp("Enter", "submit"), KeyHelp("?", "help"),
    KeyHelp("q", "back"),
  ]
  static let quizStatus = [
    KeyHelp("↑↓", "choose"), KeyHelp("1-9", "pick"), KeyHelp("Enter", "submit"),
    KeyHelp("?", "help"),
    KeyHelp("q", "back"),
  ]

  /// The quiz panel: centred, at most 90 wide.
  var quizPanel: Rect {
    let c = contentArea
    let w = min(c.width - 2, 90)
    return Rect(x: (width - w) / 2, y: c.y, width: w, height: c.height)
  }

  var quizTextArea: Rect {
    let panel = quizPanel
    return Rect(x: panel.x + 2, y: panel.y + 2, width: panel.width - 4, height: panel.height - 3)
  }

  /// Keeps the feedback visible: if the quiz is taller than the panel, its end is shown.
  func quizOffset(_ state: QuizState, lineCount: Int) -> Int {
    state.feedback == nil ? 0 : max(0, lineCount - quizTextArea.height)
  }

  /// The quiz's lines and, for each choice, the rows (relative to the panel's text) it covers.
  func quizLines(_ state: QuizState) -> (lines: [StyledLine], choiceRows: [Range<Int>]) {
    let w = quizPanel.width - 4
    var lines = wrapLines(
      spans(of: state.quiz.question, theme: theme, base: theme.strong), width: w)
    if state.quiz.allowsMultiple {
      lines.append(
        StyledLine("Several answers are right: pick each with Space, then Enter.", theme.dim))
    }
    lines.append(StyledLine())
    var rows: [Range<Int>] = []
    let answered = state.feedback == .correct
    for (i, choice) in state.choices.enumerated() {
      let picked = state.selected.contains(i)
      let box =
        state.quiz.allowsMultiple
        ? (picked ? glyphs.boxOn : glyphs.boxOff) : (picked ? glyphs.radioOn : glyphs.radioOff)
      let pointer = i == state.cursor ? glyphs.pointer : " "
      var markStyle = theme.accent
      var suffix: [Span] = []
      if answered {
        if choice.isCorrect {
          markStyle = theme.correct
          suffix = [Span(" " + glyphs.check, theme.correct)]
        } else if picked {
          markStyle = theme.wrong
        }
      }
      let prefix = [Span("\(pointer) \(i + 1). ", theme.accent), Span(box + " ", markStyle)]
      let first = lines.count
      var choiceLines = wrapLines(
        spans(of: choice.text, theme: theme) + suffix, width: w, firstPrefix: prefix,
        restPrefix: [Span(String(repeating: " ", count: displayWidth(of: StyledLine(prefix).text)))]
      )
      if i == state.cursor {
        choiceLines = choiceLines.map { l in
          StyledLine(
            l.spans.map { s in
              var s = s
              s.style.attributes.insert(.bold)
              return s
            })
        }
      }
      lines += choiceLines
      if answered, let explain = choice.explanation, choice.isCorrect || picked {
        lines += wrapLines(
          spans(of: explain, theme: theme, base: theme.dim), width: w,
          firstPrefix: [Span("        ")], restPrefix: [Span("        ")])
      }
      rows.append(first..<lines.count)
    }
    if case .numeric = state.quiz.answer {
      let field = state.input.isEmpty ? "_" : state.input
      lines.append(StyledLine([Span("Your answer: ", theme.strong), Span(field, theme.selection)]))
    }
    lines.append(StyledLine())
    switch state.feedback {
    case .correct:
      lines.append(StyledLine("\(glyphs.check) Correct!", theme.correct))
      if let e = state.quiz.explanation { lines += wrapLines(spans(of: e, theme: theme), width: w) }
      lines.append(StyledLine("Enter: back to the lesson", theme.dim))
    case .wrong(let hint):
      lines.append(StyledLine("\(glyphs.cross) Not quite — try again.", theme.wrong))
      if let hint, hint < state.quiz.hints.count {
        lines += wrapLines(
          [Span("Hint: ", theme.warning)] + spans(of: state.quiz.hints[hint], theme: theme),
          width: w)
      }
    case .unreadable:
      lines.append(StyledLine("\(glyphs.cross) Type a number, e.g. 0.025 or 1e-3.", theme.wrong))
    case nil: break
    }
    if let lesson = course.lessons.first(where: { $0.quizzes.contains { $0.id == state.quiz.id } }),
      state.feedback != nil
    {
      let score = progress.score(of: lesson)
      lines.append(StyledLine())
      lines.append(
        StyledLine("Lesson score: \(score.correct)/\(score.total) quizzes right", theme.strong))
    }
    return (lines, rows)
  }

  mutating func updateQuiz(_ state: inout QuizState, _ msg: Msg) -> [Effect] {
    let count = state.choices.count
    let numeric = count == 0
    func pick(_ i: Int) {
      guard i >= 0, i < count else { return }
      state.cursor = i
      if state.quiz.allowsMultiple {
        if state.selected.contains(i) { state.selected.remove(i) } else { state.selected.insert(i) }
      } else {
        state.selected = [i]
      }
    }
    switch msg {
    case .key(let key):
      if state.feedback == .correct {
        if key == .enter { _ = goBack() }
        return []
      }
      if numeric {
        switch key {
        case .char(let c) where c.isNumber || ".-+eE".contains(c):
          if state.input.count < 32 { state.input.append(c) }
        case .backspace: if !state.input.isEmpty { state.input.removeLast() }
        case .enter: return submitQuiz(&state)
        default: break
        }
        return []
      }
      switch key {
      case .up, .char("k"): state.cursor = max(0, state.cursor - 1)
      case .down, .char("j"): state.cursor = min(count - 1, state.cursor + 1)
      case .char(" "): pick(state.cursor)
      case .char(let c) where c.isWholeNumber:
        if let n = c.wholeNumberValue { pick(n - 1) }
      case .enter: return submitQuiz(&state)
      default: break
      }
    case .mouse(let m):
      switch m.kind {
      case .wheelUp: state.cursor = max(0, state.cursor - 1)
      case .wheelDown: state.cursor = min(max(0, count - 1), state.cursor + 1)
      case .press:
        guard state.feedback != .correct else { break }
        let (lines, rows) = quizLines(state)
        let row = m.y - quizTextArea.y + quizOffset(state, lineCount: lines.count)
        if let i = rows.firstIndex(where: { $0.contains(row) }) { pick(i) }
      case .release: break
      }
    default: break
    }
    return []
  }

  mutating func submitQuiz(_ state: inout QuizState) -> [Effect] {
    var value: Double?
    if case .numeric = state.quiz.answer {
      guard let v = QuizGrader.parseNumber(state.input) else {
        state.feedback = .unreadable
        return []
      }
      value = v
    } else if !state.quiz.allowsMultiple {
      // One answer: the choice under the cursor is the answer.
      state.selected = [state.cursor]
    } else if state.selected.isEmpty {
      return []
    }
    state.attempts += 1
    let correct = grade(state.quiz, selected: state.selected, value: value)
    if correct {
      state.feedback = .correct
    } else {
      let hint = state.attempts - 1
      state.feedback = .wrong(
        hint: state.quiz.hints.isEmpty ? nil : min(hint, state.quiz.hints.count - 1))
    }
    let previous = progress.quizzes[state.quiz.id]
    // A right answer stays right; attempts keep counting.
    progress.quizzes[state.quiz.id] = ProgressSnapshot.QuizRecord(
      correct: correct || previous?.correct == true, attempts: (previous?.attempts ?? 0) + 1)
    return [
      .saveProgress(
        .quizAnswered(
          quizID: state.quiz.id, selected: state.selected.sorted(), value: value, correct: correct,
          attempts: state.attempts))
    ]
  }

  func viewQuiz(_ state: QuizState, into buffer: inout Buffer) {
    let panel = quizPanel
    let title = StyledLine(
      "Quiz · attempt \(state.attempts + (state.feedback == nil ? 1 : 0))", theme.accent)
    buffer.drawFrame(panel, style: theme.border, glyphs: glyphs, title: title)
    let (lines, _) = quizLines(state)
    let inner = quizTextArea
    let offset = quizOffset(state, lineCount: lines.count)
    for (row, line) in lines.dropFirst(offset).prefix(inner.height).enumerated() {
      buffer.draw(line, x: inner.x, y: inner.y + row, maxX: inner.maxX)
    }
  }
}

import Foundation
import Lessons
import TerminalUI

/// A quiz being answered.
public struct QuizState: Sendable, Equatable {
  public enum Feedback: Sendable, Equatable {
    case correct
    /// Wrong; `hint` is the index of the hint to show, if the quiz has one left.
    case wrong(hint: Int?)
    /// The typed number could not be read (`note` says why).
    case unreadable
    /// The learner asked for the answer after wrong tries: shown, recorded as revealed.
    case revealed
  }
  /// Wrong tries before the learner may reveal the answer (`a`).
  public static let triesBeforeReveal = 2
  public var quiz: Quiz
  public var cursor = 0
  public var selected: Set<Int> = []
  /// Numeric quizzes: what the learner typed.
  public var input = ""
  /// Answers submitted in this sitting (an unreadable number or an empty pick is not one).
  public var attempts = 0
  public var feedback: Feedback?
  /// The wrong choices of the latest answer: their `explain` texts are shown.
  public var wrongPicks: [Int] = []
  /// Numeric: the latest answer was near the right value (within 10 tolerances, or 10%).
  public var close = false
  /// A word about the input: how a comma was read, why it is not a number, …
  public var note: String?
  /// Set by PgUp/PgDn when the quiz is taller than its panel; nil follows the feedback.
  public var scroll: Int?
  public init(quiz: Quiz) { self.quiz = quiz }

  /// Answered right, or the answer shown: Enter goes back.
  public var isSettled: Bool { feedback == .correct || feedback == .revealed }
  public var canReveal: Bool {
    !isSettled && attempts >= Self.triesBeforeReveal
  }

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
  static let quizKeys =
    [
      KeyHelp("↑/↓ j/k", "move between choices"), KeyHelp("1-9", "pick a choice"),
      KeyHelp("Space", "pick / unpick (several answers)"),
      KeyHelp("Enter", "submit; after a right answer, back"),
      KeyHelp("0-9 . e -", "type a number (numeric quiz; 0,5 is read as 0.5); Backspace deletes"),
      KeyHelp(
        "a", "after \(QuizState.triesBeforeReveal) wrong tries: show the answer (not counted right)"
      ),
      KeyHelp("PgUp/PgDn", "scroll, when the quiz is taller than the screen"),
      KeyHelp("mouse", "click a choice to pick it"),
    ] + everywhereKeys(back: "back to the lesson")
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

  /// Keeps the feedback visible: if the quiz is taller than the panel, its end is shown
  /// (PgUp/PgDn scroll the rest into view).
  func quizOffset(_ state: QuizState, lineCount: Int) -> Int {
    let maxOffset = max(0, lineCount - quizTextArea.height)
    if let scroll = state.scroll { return min(max(0, scroll), maxOffset) }
    return state.feedback == nil ? 0 : maxOffset
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
    let answered = state.isSettled
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
      let wrongPick = !answered && state.wrongPicks.contains(i)
      if let explain = choice.explanation, (answered && (choice.isCorrect || picked)) || wrongPick {
        // A wrong pick says why it is wrong, right under it.
        let lead = wrongPick ? [Span("     " + glyphs.cross + " ", theme.wrong)] : [Span("       ")]
        lines += wrapLines(
          spans(of: explain, theme: theme, base: wrongPick ? .plain : theme.dim), width: w,
          firstPrefix: lead, restPrefix: [Span("       ")])
      }
      rows.append(first..<lines.count)
    }
    if case .numeric = state.quiz.answer {
      let field = state.input.isEmpty ? "_" : state.input
      lines.append(StyledLine([Span("Your answer: ", theme.strong), Span(field, theme.selection)]))
    }
    if let note = state.note {
      lines += wrapLines([Span(note, theme.dim)], width: w)
    }
    lines.append(StyledLine())
    switch state.feedback {
    case .correct:
      lines.append(StyledLine("\(glyphs.check) Correct!", theme.correct))
      if let e = state.quiz.explanation { lines += wrapLines(spans(of: e, theme: theme), width: w) }
      lines.append(StyledLine("Enter: back to the lesson", theme.dim))
    case .revealed:
      var answer: [Span] = [Span("The answer: ", theme.warning)]
      switch state.quiz.answer {
      case .numeric(let value, let tolerance):
        answer.append(Span(formatLR(value) + " (±" + formatLR(tolerance) + ")", theme.strong))
      case .choices(let choices):
        let right = choices.indices.filter { choices[$0].isCorrect }.map { "\($0 + 1)" }
        answer.append(
          Span(
            (right.count > 1 ? "choices " : "choice ") + right.joined(separator: ", "), theme.strong
          ))
      }
      lines += wrapLines(answer, width: w)
      if let e = state.quiz.explanation { lines += wrapLines(spans(of: e, theme: theme), width: w) }
      lines.append(
        StyledLine("Recorded as revealed, not as right. Enter: back to the lesson", theme.dim))
    case .wrong(let hint):
      let word =
        state.close ? "Close, but not within the tolerance — try again." : "Not quite — try again."
      lines.append(StyledLine("\(glyphs.cross) " + word, theme.wrong))
      if state.quiz.allowsMultiple, state.wrongPicks.isEmpty {
        lines += wrapLines(
          [Span("Every pick is right, but one or more right answers are missing.")], width: w)
      }
      if let hint, hint < state.quiz.hints.count {
        lines += wrapLines(
          [Span("Hint: ", theme.warning)] + spans(of: state.quiz.hints[hint], theme: theme),
          width: w)
      }
      if state.canReveal {
        lines.append(
          StyledLine("a: show the answer (recorded as revealed, not as right)", theme.dim))
      }
    case .unreadable:
      lines.append(StyledLine("\(glyphs.cross) Type a number, e.g. 0.025 or 1e-3.", theme.wrong))
    case nil: break
    }
    if let index = course.lessons.firstIndex(where: {
      $0.quizzes.contains { $0.id == state.quiz.id }
    }),
      state.feedback != nil
    {
      let p = summary.lessons[index]
      lines.append(StyledLine())
      lines.append(
        StyledLine(
          "Lesson score: \(p.quizzes.right)/\(p.quizzes.total) quizzes right", theme.strong))
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
    if case .key(let key) = msg, key == .pageUp || key == .pageDown {
      let lines = quizLines(state).lines.count
      let page = max(1, quizTextArea.height - 1)
      let now = quizOffset(state, lineCount: lines)
      state.scroll = now + (key == .pageUp ? -page : page)
      state.scroll = quizOffset(state, lineCount: lines)
      return []
    }
    switch msg {
    case .key(let key):
      if state.isSettled {
        if key == .enter { _ = goBack() }
        return []
      }
      if key == .char("a"), state.canReveal {
        state.feedback = .revealed
        state.note = nil
        state.wrongPicks = []
        if case .choices(let c) = state.quiz.answer {
          state.selected = Set(c.indices.filter { c[$0].isCorrect })
        }
        return [.saveProgress(.quizRevealed(quizID: state.quiz.id))]
      }
      if numeric {
        switch key {
        // Everything printable is kept, so nothing typed vanishes silently; the grade says
        // what it made of it.
        case .char(let c) where c != "?" && c != "q" && c != "a" && !c.isWhitespace:
          if state.input.count < 32 { state.input.append(c) }
        case .backspace: if !state.input.isEmpty { state.input.removeLast() }
        case .enter: return submitQuiz(&state)
        default: break
        }
        return []
      }
      if key == .char(","), state.quiz.allowsMultiple {
        state.note = "No commas needed: each number picks (or unpicks) a choice; Enter submits."
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
        guard !state.isSettled else { break }
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
    state.note = nil
    state.scroll = nil
    state.close = false
    state.wrongPicks = []
    if case .numeric(let answer, let tolerance) = state.quiz.answer {
      switch Self.readNumber(state.input) {
      case .number(let v, let note):
        value = v
        state.note = note
        let distance = abs(v - answer)
        state.close =
          distance > tolerance && (distance <= 10 * tolerance || distance <= abs(answer) / 10)
      case .notANumber(let why):
        state.feedback = .unreadable
        state.note = why
        return []
      }
    } else if !state.quiz.allowsMultiple {
      // One answer: the choice under the cursor is the answer.
      state.selected = [state.cursor]
    } else if state.selected.isEmpty {
      state.note = "Pick at least one choice (its number or Space), then Enter."
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
      if value == nil {
        state.wrongPicks = QuizGrader.grade(state.quiz, choices: state.selected).wrongChoices
      }
    }
    return [
      .saveProgress(
        .quizAnswered(
          quizID: state.quiz.id, selected: state.selected.sorted(), value: value, correct: correct,
          attempts: state.attempts))
    ]
  }

  enum NumberReading: Equatable {
    case number(Double, note: String?)
    case notANumber(String)
  }

  /// Reads a typed number: "0.025", "2.5e-2", and a comma decimal ("0,025", said so); anything
  /// else gets a clear word about what is wrong with it.
  static func readNumber(_ input: String) -> NumberReading {
    let text = input.trimmingCharacters(in: .whitespaces)
    if text.isEmpty { return .notANumber("Type a number first, e.g. 0.025 or 1e-3.") }
    if let v = QuizGrader.parseNumber(text) { return .number(v, note: nil) }
    let commas = text.filter { $0 == "," }.count
    if commas == 1, !text.contains("."),
      let v = QuizGrader.parseNumber(text.replacingOccurrences(of: ",", with: "."))
    {
      return .number(v, note: "Read \(text) as \(formatLR(v)) (a comma as the decimal point).")
    }
    if commas > 0 {
      return .notANumber(
        "\"\(text)\" is not one number: use a point for decimals (0.025), no commas.")
    }
    return .notANumber(
      "\"\(text)\" is not a number: type digits, a point, maybe an exponent (1e-3).")
  }

  func viewQuiz(_ state: QuizState, into buffer: inout Buffer) {
    let panel = quizPanel
    // The try being made now; once settled, the tries it took.
    let title = StyledLine(
      "Quiz · attempt \(state.attempts + (state.isSettled ? 0 : 1))", theme.accent)
    buffer.drawFrame(panel, style: theme.border, glyphs: glyphs, title: title)
    let (lines, _) = quizLines(state)
    let inner = quizTextArea
    let offset = quizOffset(state, lineCount: lines.count)
    for (row, line) in lines.dropFirst(offset).prefix(inner.height).enumerated() {
      buffer.draw(line, x: inner.x, y: inner.y + row, maxX: inner.maxX)
    }
    // More than fits: a scroll bar on the panel's right edge says so.
    drawScrollBar(
      x: panel.maxX - 1, area: Rect(x: 0, y: inner.y, width: 1, height: inner.height),
      offset: offset, total: lines.count, into: &buffer)
  }
}

import Lessons
import TerminalUI

/// What is left, lesson by lesson: every unmet checkpoint with the lab that meets it, and the
/// quizzes to retry. Each such row is numbered; its number (or Enter on it) opens that lab or
/// quiz. Drawn from `ProgressSummary`, like Home and `lrlab progress show`.
public struct ProgressScreenState: Sendable, Equatable {
  public struct Item: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
      /// An unmet checkpoint and the lab whose run meets it (nil: no lab in the course does).
      case checkpoint(Checkpoint, lab: Lab?)
      case retry(Quiz)
    }
    public var lessonIndex: Int
    public var action: Action
  }
  public var items: [Item]
  public var selection = 0
  public var scroll = 0

  /// The actionable rows for `model`'s course and progress (parses lab code: build it when the
  /// screen opens or progress changes, not per frame).
  init(model: AppModel) {
    let summary = model.summary
    var items: [Item] = []
    for (i, lesson) in model.course.lessons.enumerated() where !lesson.isBroken {
      let p = summary.lessons[i]
      for checkpoint in lesson.checkpoints where !p.isMet(checkpoint.id) {
        let lab = ProgressSummary.lab(
          meeting: checkpoint, in: model.course.lessons, ownLessonID: lesson.id,
          progress: model.progress)
        items.append(Item(lessonIndex: i, action: .checkpoint(checkpoint, lab: lab)))
      }
      for quiz in lesson.quizzes where p.quizzes.missed.contains(quiz.id) {
        items.append(Item(lessonIndex: i, action: .retry(quiz)))
      }
    }
    self.items = items
  }
}

extension AppModel {
  static let progressKeys =
    [
      KeyHelp("↑/↓ j/k", "move"), KeyHelp("1-9", "open that row's lab or quiz"),
      KeyHelp("Enter", "open the selected row's lab (or quiz)"),
    ] + everywhereKeys(back: "back to Home")
  static let progressStatus = [
    KeyHelp("↑↓", "move"), KeyHelp("1-9", "open"), KeyHelp("Enter", "open"),
    KeyHelp("?", "help"), KeyHelp("q", "back"),
  ]

  /// The lines of the screen and, per item, the line it starts on.
  func progressLines(_ state: ProgressScreenState) -> (lines: [StyledLine], itemLines: [Int]) {
    let w = max(10, width - 4)
    let summary = self.summary
    var lines: [StyledLine] = []
    var itemLines: [Int] = []
    let left = summary.checkpointsTotal - summary.checkpointsMet
    lines += wrapLines(
      [
        Span("Checkpoints \(summary.checkpointsMet)/\(summary.checkpointsTotal)", theme.strong),
        Span(glyphs.separator + "quizzes \(summary.quizzesRight)/\(summary.quizzesTotal) right"),
        Span(glyphs.separator + "lab runs \(summary.labRuns)"),
        Span(glyphs.separator + "\(left) checkpoint\(left == 1 ? "" : "s") left", theme.dim),
      ], width: w)
    for (i, lesson) in course.lessons.enumerated() {
      let p = summary.lessons[i]
      lines.append(StyledLine())
      let mark: Span =
        switch p.state {
        case .done: Span(glyphs.check + " ", theme.correct)
        case .broken: Span(glyphs.cross + " ", theme.wrong)
        default: Span(glyphs.bullet + " ", theme.accent)
        }
      lines += wrapLines(
        [mark, Span("\(i + 1). \(lesson.title)", theme.heading2)], width: w,
        restPrefix: [Span("    ")])
      // Where it stands, on its own line under the title.
      var facts: [String] = []
      if p.state == .broken {
        facts.append("broken")
      } else {
        if p.quizzes.total > 0 { facts.append("quiz \(p.quizzes.right)/\(p.quizzes.total)") }
        if p.quizzes.revealed > 0 { facts.append("\(p.quizzes.revealed) revealed") }
        if p.checkpoints.total > 0 {
          facts.append("checkpoints \(p.checkpoints.met.count)/\(p.checkpoints.total)")
        }
        if p.labRuns > 0 { facts.append("lab runs \(p.labRuns)") }
        facts.append(p.state == .notStarted ? "not started" : p.state.rawValue)
      }
      lines += wrapLines(
        [
          Span(
            facts.joined(separator: glyphs.separator),
            p.state == .broken ? theme.wrong : p.state == .done ? theme.correct : theme.dim)
        ],
        width: w, firstPrefix: [Span("    ")], restPrefix: [Span("    ")])
      for (k, item) in state.items.enumerated() where item.lessonIndex == i {
        itemLines.append(lines.count)
        let number = k < 9 ? "\(k + 1)" : " "
        let prefix = [Span("  [\(number)] ", theme.statusKey.withoutBackground)]
        var body: [Span]
        switch item.action {
        case .checkpoint(let c, let lab):
          body = [Span(glyphs.boxOff + " ", theme.accent)] + spans(of: c.text, theme: theme)
          if let lab {
            body.append(Span(" — opens the lab ", theme.dim))
            body.append(Span(lab.title ?? lab.id, theme.accent))
          } else {
            body.append(Span(" — no lab in the course meets it", theme.dim))
          }
        case .retry(let q):
          body = [Span("Retry the quiz: ", theme.warning)] + spans(of: q.question, theme: theme)
        }
        lines += wrapLines(body, width: w, firstPrefix: prefix, restPrefix: [Span("        ")])
      }
    }
    if state.items.isEmpty {
      lines.append(StyledLine())
      lines.append(StyledLine("Nothing left: every checkpoint is met.", theme.correct))
    }
    return (lines, itemLines)
  }

  var progressArea: Rect {
    let c = contentArea
    return Rect(x: 2, y: c.y, width: max(1, width - 4), height: c.height)
  }

  mutating func updateProgressScreen(_ state: inout ProgressScreenState, _ msg: Msg) -> [Effect] {
    let count = state.items.count
    func move(_ d: Int) {
      guard count > 0 else { return }
      state.selection = min(max(0, state.selection + d), count - 1)
      let (_, itemLines) = progressLines(state)
      let line = itemLines[state.selection]
      let h = progressArea.height
      if line < state.scroll + 1 { state.scroll = max(0, line - 2) }
      if line >= state.scroll + h - 1 { state.scroll = line - h + 2 }
    }
    switch msg {
    case .key(let key):
      switch key {
      case .up, .char("k"): move(-1)
      case .down, .char("j"): move(1)
      case .home, .char("g"): move(-count)
      case .end, .char("G"): move(count)
      case .enter:
        if count > 0 { return openProgressItem(state.items[state.selection]) }
      case .char(let c) where c.isWholeNumber:
        if let n = c.wholeNumberValue, n >= 1, n <= min(9, count) {
          state.selection = n - 1
          return openProgressItem(state.items[n - 1])
        }
      default: break
      }
    case .mouse(let m):
      switch m.kind {
      case .wheelUp: move(-1)
      case .wheelDown: move(1)
      case .press:
        let (_, itemLines) = progressLines(state)
        let line = state.scroll + m.y - progressArea.y
        if let k = itemLines.lastIndex(where: { $0 <= line }) {
          if k == state.selection { return openProgressItem(state.items[k]) }
          state.selection = k
        }
      case .release: break
      }
    default: break
    }
    return []
  }

  mutating func openProgressItem(_ item: ProgressScreenState.Item) -> [Effect] {
    switch item.action {
    case .checkpoint(_, let lab?):
      return pushLab(lab)
    case .checkpoint(_, nil):
      statusMessage = "No lab in the course meets this checkpoint."
    case .retry(let quiz):
      stack.append(.quiz(QuizState(quiz: quiz)))
    }
    return []
  }

  func viewProgressScreen(_ state: ProgressScreenState, into buffer: inout Buffer) {
    let area = progressArea
    let (lines, itemLines) = progressLines(state)
    let scroll = min(state.scroll, max(0, lines.count - area.height))
    for (row, line) in lines.dropFirst(scroll).prefix(area.height).enumerated() {
      buffer.draw(line, x: area.x, y: area.y + row, maxX: area.maxX)
    }
    if !state.items.isEmpty {
      let first = itemLines[state.selection]
      let end =
        state.selection + 1 < itemLines.count
        ? itemLines[state.selection + 1] : first + 1
      // The selected row (all its wrapped lines) in reverse; wrapped lines end before the next
      // lesson's blank line.
      for line in first..<end where line - scroll >= 0 && line - scroll < area.height {
        if line < lines.count, lines[line].spans.isEmpty { break }
        buffer.restyle(Rect(x: area.x, y: area.y + line - scroll, width: area.width, height: 1)) {
          $0.attributes.insert(.reverse)
        }
      }
    }
    drawScrollBar(
      x: width - 1, area: Rect(x: 0, y: area.y, width: 1, height: area.height), offset: scroll,
      total: lines.count, into: &buffer)
  }
}

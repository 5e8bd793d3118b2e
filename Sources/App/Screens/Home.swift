import Lessons
import TerminalUI

/// Home: the course, progress marks, "continue", and the Lab.
public struct HomeState: Sendable, Equatable {
  public var selection = 0
  public init() {}
}

/// One selectable row on Home.
public enum HomeItem: Sendable, Equatable {
  /// The first unfinished lesson (shown once anything has been done).
  case continueLesson(Int)
  case lesson(Int)
  /// What is left: unmet checkpoints, missed quizzes (the progress screen).
  case progress
  case lab
}

extension AppModel {
  public var homeItems: [HomeItem] {
    var items: [HomeItem] = []
    // Nothing done yet: the first row is the first lesson anyway.
    let summary = self.summary
    let started = summary.lessons.contains { $0.state != .notStarted && $0.state != .broken }
    if started, let i = summary.firstUnfinishedIndex { items.append(.continueLesson(i)) }
    items += course.lessons.indices.map { .lesson($0) }
    items.append(.progress)
    items.append(.lab)
    return items
  }

  static let homeKeys =
    [
      KeyHelp("↑/↓ j/k", "move"), KeyHelp("PgUp/PgDn", "move a page"),
      KeyHelp("Home/End g/G", "first / last"),
      KeyHelp("Enter", "open"), KeyHelp("mouse", "click to select, again to open; wheel moves"),
      KeyHelp("P", "progress: what is left, with the lab that meets each checkpoint"),
    ] + everywhereKeys(back: "quit (asks first: q or y again quits)")
  static let homeStatus = [
    KeyHelp("↑↓", "move"), KeyHelp("Enter", "open"), KeyHelp("?", "help"), KeyHelp("q", "quit"),
  ]

  /// Rows of the list area and the details panel below it.
  var homeListArea: Rect {
    let c = contentArea
    let details = min(8, max(4, c.height / 3))
    return Rect(x: c.x, y: c.y + 1, width: c.width, height: max(1, c.height - details - 1))
  }
  var homeDetailsArea: Rect {
    let list = homeListArea
    return Rect(x: 0, y: list.maxY, width: width, height: contentArea.maxY - list.maxY)
  }
  /// The first item shown, keeping the selection visible.
  func homeOffset(_ state: HomeState) -> Int {
    max(0, state.selection - homeListArea.height + 1)
  }

  mutating func updateHome(_ state: inout HomeState, _ msg: Msg) -> [Effect] {
    let count = homeItems.count
    let page = max(1, homeListArea.height - 1)
    func move(_ d: Int) { state.selection = min(max(0, state.selection + d), count - 1) }
    switch msg {
    case .key(let key):
      switch key {
      case .up, .char("k"): move(-1)
      case .down, .char("j"): move(1)
      case .pageUp: move(-page)
      case .pageDown, .char(" "): move(page)
      case .home, .char("g"): state.selection = 0
      case .end, .char("G"): state.selection = count - 1
      case .enter, .right, .char("l"): return openHomeItem(homeItems[state.selection])
      case .char("P"): return openHomeItem(.progress)
      default: break
      }
    case .mouse(let m):
      switch m.kind {
      case .wheelUp: move(-1)
      case .wheelDown: move(1)
      case .press:
        let list = homeListArea
        guard m.y >= list.y, m.y < list.maxY else { break }
        let index = homeOffset(state) + m.y - list.y
        guard index < count else { break }
        if index == state.selection { return openHomeItem(homeItems[index]) }
        state.selection = index
      case .release: break
      }
    default: break
    }
    return []
  }

  mutating func openHomeItem(_ item: HomeItem) -> [Effect] {
    switch item {
    case .continueLesson(let i), .lesson(let i): return openLesson(i)
    case .progress:
      stack.append(.progress(ProgressScreenState(model: self)))
      return []
    case .lab:
      stack.append(.lab(LabState(lab: nil)))
      return []
    }
  }

  func viewHome(_ state: HomeState, into buffer: inout Buffer) {
    let list = homeListArea
    let header = StyledLine(
      " Learning-rate schedulers, \(course.lessons.count) lesson\(course.lessons.count == 1 ? "" : "s")",
      theme.heading2)
    buffer.draw(header, x: 0, y: contentArea.y, maxX: width)
    let items = homeItems
    let summary = self.summary
    let columns = progressColumnWidths(summary)
    let offset = homeOffset(state)
    for row in 0..<list.height {
      let index = offset + row
      guard index < items.count else { break }
      let y = list.y + row
      let selected = index == state.selection
      var (line, right) = homeRow(items[index], summary: summary, columns: columns)
      line.spans.insert(Span(selected ? " " + glyphs.pointer + " " : "   ", theme.accent), at: 0)
      // The progress column stays whole while the title keeps 24 columns; a long title gives
      // way with an ellipsis (the details panel below shows it whole).
      // Rows read as one line up to 110 columns; wider, the column stays near the titles.
      let room = min(width - 1, 110) - right.width
      if right.width > 0, room >= 24 {
        buffer.draw(line.truncated(to: room, ellipsis: glyphs.ellipsis), x: 0, y: y)
        buffer.draw(right, x: room, y: y)
      } else {
        buffer.draw(line.truncated(to: width - 1, ellipsis: glyphs.ellipsis), x: 0, y: y)
      }
      if selected {
        buffer.restyle(Rect(x: 0, y: y, width: width, height: 1)) { $0.attributes.insert(.reverse) }
      }
    }
    viewHomeDetails(
      items.isEmpty ? nil : items[min(state.selection, items.count - 1)], summary: summary,
      into: &buffer)
  }

  /// A row's text and its progress column (empty for rows without one).
  func homeRow(_ item: HomeItem, summary: ProgressSummary, columns: (quiz: Int, checkpoints: Int))
    -> (StyledLine, StyledLine)
  {
    switch item {
    case .continueLesson(let i):
      return (
        StyledLine([
          Span("Continue: ", theme.accent),
          Span(course.lessons[i].title, theme.strong),
        ]), StyledLine()
      )
    case .progress:
      let left = summary.checkpointsTotal - summary.checkpointsMet
      return (
        StyledLine([
          Span("Progress", theme.accent),
          Span(" — what is left: \(left) checkpoint\(left == 1 ? "" : "s")", theme.dim),
        ]), StyledLine()
      )
    case .lab:
      return (
        StyledLine([
          Span("Lab", theme.accent), Span(" — free play with any schedule", theme.dim),
        ]), StyledLine()
      )
    case .lesson(let i):
      let lesson = course.lessons[i]
      let number = i + 1 < 10 ? " \(i + 1). " : "\(i + 1). "
      let p = summary.lessons[i]
      let mark: Span
      switch p.state {
      case .broken: mark = Span(glyphs.cross + " ", theme.wrong)
      case .done: mark = Span(glyphs.check + " ", theme.correct)
      case .read, .started: mark = Span(glyphs.bullet + " ", theme.accent)
      case .notStarted: mark = Span("  ")
      }
      var spans = [
        Span(number, theme.dim), mark, Span(lesson.title, lesson.isBroken ? theme.wrong : .plain),
      ]
      if lesson.isBroken { spans.append(Span("  (broken)", theme.wrong)) }
      return (StyledLine(spans), lesson.isBroken ? StyledLine() : progressColumns(p, columns))
    }
  }

  /// Home's progress column: "quiz 1/2" and "checkpoints 2/5" in fixed-width fields, so the
  /// rows line up whether or not a lesson has checkpoints.
  func progressColumns(_ p: LessonProgress, _ widths: (quiz: Int, checkpoints: Int)) -> StyledLine {
    func pad(_ text: String, _ width: Int) -> String {
      String(repeating: " ", count: max(0, width - displayWidth(of: text))) + text
    }
    var spans: [Span] = []
    let quiz = Self.quizField(p)
    spans.append(
      Span(
        pad(quiz, widths.quiz),
        p.quizzes.total > 0 && p.quizzes.right == p.quizzes.total ? theme.correct : theme.dim))
    let cp = Self.checkpointField(p)
    spans.append(
      Span(
        pad(cp, widths.checkpoints),
        p.checkpoints.total > 0 && p.checkpoints.met.count == p.checkpoints.total
          ? theme.correct : theme.dim))
    spans.append(Span(" "))
    return StyledLine(spans)
  }

  static func quizField(_ p: LessonProgress) -> String {
    p.quizzes.total > 0 ? "quiz \(p.quizzes.right)/\(p.quizzes.total)" : ""
  }
  static func checkpointField(_ p: LessonProgress) -> String {
    p.checkpoints.total > 0 ? "checkpoints \(p.checkpoints.met.count)/\(p.checkpoints.total)" : ""
  }
  /// The widest field of each column over the course (plus two spaces before it).
  func progressColumnWidths(_ summary: ProgressSummary) -> (quiz: Int, checkpoints: Int) {
    let quiz = summary.lessons.map { displayWidth(of: Self.quizField($0)) }.max() ?? 0
    let cp = summary.lessons.map { displayWidth(of: Self.checkpointField($0)) }.max() ?? 0
    return (quiz > 0 ? quiz + 2 : 0, cp > 0 ? cp + 2 : 0)
  }

  /// "quiz 1/2  checkpoints 2/5", as the progress screen shows a lesson's progress.
  func progressSpans(_ p: LessonProgress) -> [Span] {
    var spans: [Span] = []
    if p.quizzes.total > 0 {
      let style = p.quizzes.right == p.quizzes.total ? theme.correct : theme.dim
      spans.append(Span("  quiz \(p.quizzes.right)/\(p.quizzes.total)", style))
    }
    if p.checkpoints.total > 0 {
      let style = p.checkpoints.met.count == p.checkpoints.total ? theme.correct : theme.dim
      spans.append(
        Span("  checkpoints \(p.checkpoints.met.count)/\(p.checkpoints.total)", style))
    }
    return spans
  }

  func viewHomeDetails(_ item: HomeItem?, summary: ProgressSummary, into buffer: inout Buffer) {
    let area = homeDetailsArea
    guard area.height >= 3 else { return }
    buffer.drawFrame(
      area, style: theme.border, glyphs: glyphs, title: StyledLine("Details", theme.dim))
    let inner = Rect(x: area.x + 2, y: area.y + 1, width: area.width - 4, height: area.height - 2)
    var lines: [StyledLine] = []
    switch item {
    case .lesson(let i), .continueLesson(let i):
      let lesson = course.lessons[i]
      // The whole title (the list may have cut it) and where the lesson stands.
      let p = summary.lessons[i]
      lines += wrapLines(
        [Span(lesson.title, theme.strong)] + (lesson.isBroken ? [] : progressSpans(p)),
        width: inner.width)
      if let summary = lesson.summary { lines += wrapLines([Span(summary)], width: inner.width) }
      for d in lesson.diagnostics {
        lines += wrapLines(
          [Span(d.description, d.severity == .error ? theme.wrong : theme.warning)],
          width: inner.width)
      }
      if lines.isEmpty { lines.append(StyledLine(lesson.file, theme.dim)) }
    case .lab:
      lines += wrapLines(
        [Span("Pick or type a schedule and watch a toy model train under it.")], width: inner.width)
    case .progress:
      lines += wrapLines(
        [
          Span(
            "Every checkpoint not yet met, with the lab that meets it, and the quizzes to retry.")
        ],
        width: inner.width)
    case nil: break
    }
    for problem in course.problems {
      lines += wrapLines([Span(problem.description, theme.wrong)], width: inner.width)
    }
    for (row, line) in lines.prefix(inner.height).enumerated() {
      buffer.draw(line, x: inner.x, y: inner.y + row, maxX: inner.maxX)
    }
  }
}

import Lessons
import TerminalUI

/// Home: the course, progress marks, "continue", and the Lab.
public struct HomeState: Sendable, Equatable {
  public var selection = 0
  public init() {}
}

/// One selectable row on Home.
public enum HomeItem: Sendable, Equatable {
  case continueLesson(Int)
  case lesson(Int)
  case lab
}

extension AppModel {
  public var homeItems: [HomeItem] {
    var items: [HomeItem] = []
    if let last = progress.lastLessonID, let i = course.lessons.firstIndex(where: { $0.id == last })
    {
      items.append(.continueLesson(i))
    }
    items += course.lessons.indices.map { .lesson($0) }
    items.append(.lab)
    return items
  }

  static let homeKeys = [
    KeyHelp("↑/↓ j/k", "move"), KeyHelp("PgUp/PgDn", "move a page"),
    KeyHelp("Home/End g/G", "first / last"),
    KeyHelp("Enter", "open"), KeyHelp("mouse", "click to select, again to open; wheel moves"),
    KeyHelp("?", "help"), KeyHelp("q", "quit"), KeyHelp("Ctrl-C", "quit from anywhere"),
  ]
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
    let offset = homeOffset(state)
    for row in 0..<list.height {
      let index = offset + row
      guard index < items.count else { break }
      let y = list.y + row
      let selected = index == state.selection
      var line = homeRow(items[index])
      line.spans.insert(Span(selected ? " " + glyphs.pointer + " " : "   ", theme.accent), at: 0)
      buffer.draw(line.truncated(to: width - 1, ellipsis: glyphs.ellipsis), x: 0, y: y)
      if selected {
        buffer.restyle(Rect(x: 0, y: y, width: width, height: 1)) { $0.attributes.insert(.reverse) }
      }
    }
    viewHomeDetails(
      items.isEmpty ? nil : items[min(state.selection, items.count - 1)], into: &buffer)
  }

  func homeRow(_ item: HomeItem) -> StyledLine {
    switch item {
    case .continueLesson(let i):
      return StyledLine([
        Span("Continue: ", theme.accent), Span(course.lessons[i].title, theme.strong),
      ])
    case .lab:
      return StyledLine([
        Span("Lab", theme.accent), Span(" — free play with any schedule", theme.dim),
      ])
    case .lesson(let i):
      let lesson = course.lessons[i]
      let number = i + 1 < 10 ? " \(i + 1). " : "\(i + 1). "
      let mark: Span
      if lesson.isBroken {
        mark = Span(glyphs.cross + " ", theme.wrong)
      } else if progress.readLessons.contains(lesson.id) {
        mark = Span(glyphs.check + " ", theme.correct)
      } else {
        mark = Span("  ")
      }
      var spans = [
        Span(number, theme.dim), mark, Span(lesson.title, lesson.isBroken ? theme.wrong : .plain),
      ]
      if lesson.isBroken {
        spans.append(Span("  (broken)", theme.wrong))
      } else {
        let score = progress.score(of: lesson)
        if score.total > 0 {
          let style = score.correct == score.total ? theme.correct : theme.dim
          spans.append(Span("  quiz \(score.correct)/\(score.total)", style))
        }
      }
      return StyledLine(spans)
    }
  }

  func viewHomeDetails(_ item: HomeItem?, into buffer: inout Buffer) {
    let area = homeDetailsArea
    guard area.height >= 3 else { return }
    buffer.drawFrame(
      area, style: theme.border, glyphs: glyphs, title: StyledLine("Details", theme.dim))
    let inner = Rect(x: area.x + 2, y: area.y + 1, width: area.width - 4, height: area.height - 2)
    var lines: [StyledLine] = []
    switch item {
    case .lesson(let i), .continueLesson(let i):
      let lesson = course.lessons[i]
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

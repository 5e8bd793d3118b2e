import Lessons
import TerminalUI

/// The lesson reader: the lesson laid out for the current width, a scroll position and the
/// focused card (quiz or lab), if any.
public struct ReaderState: Sendable, Equatable {
  public var lessonIndex: Int
  public var scroll = 0
  public var focusedCard: Int?
  public var layout: LessonLayout
  /// The place the reader was at when an edit broke the lesson (its diagnostics show from the
  /// top); the fix brings the reader back there.
  public var placeBeforeBrokenEdit: Int?
  public init(lessonIndex: Int, layout: LessonLayout) {
    self.lessonIndex = lessonIndex
    self.layout = layout
  }
}

extension AppModel {
  static let readerKeys =
    [
      KeyHelp("↑/↓ j/k", "scroll a line"), KeyHelp("PgUp/PgDn b/space", "scroll a page"),
      KeyHelp("Home/End g/G", "top / bottom"), KeyHelp("n/p ]/[", "next / previous heading"),
      KeyHelp("Tab / Shift-Tab", "next / previous card (quiz, lab, retry, next lesson)"),
      KeyHelp("Enter", "open the focused card: the quiz, the lab in the Lab, the next lesson"),
      KeyHelp("s", "on a lab card: its schedule alone, as a chart"),
      KeyHelp("mouse", "wheel scrolls, click a card to focus, again to open"),
    ] + everywhereKeys(back: "back to Home")
  static let readerStatus = [
    KeyHelp("↑↓", "scroll"), KeyHelp("n/p", "heading"), KeyHelp("Tab", "card"),
    KeyHelp("Enter", "open"),
    KeyHelp("?", "help"), KeyHelp("q", "back"),
  ]

  /// Where lesson text goes: one column of margin, a scroll bar on the right, at most 100 wide.
  var readerTextArea: Rect {
    let c = contentArea
    return Rect(x: 1, y: c.y, width: min(max(20, width - 3), 100), height: c.height)
  }

  func makeLayout(_ lessonIndex: Int) -> LessonLayout {
    let lesson = course.lessons[lessonIndex]
    let next = course.lessons.indices.first { $0 > lessonIndex && !course.lessons[$0].isBroken }
    return LessonLayout(
      lesson: lesson, width: readerTextArea.width, cardWidth: max(20, width - 3), theme: theme,
      glyphs: glyphs, widgetTheme: widgetTheme, widgetGlyphs: widgetGlyphs, progress: progress,
      lessonProgress: LessonProgress(lesson: lesson, progress: progress),
      next: next.map { ($0, course.lessons[$0].title) })
  }

  mutating func openLesson(_ index: Int) -> [Effect] {
    guard course.lessons.indices.contains(index) else { return [] }
    let lesson = course.lessons[index]
    var state = ReaderState(lessonIndex: index, layout: makeLayout(index))
    state.focusedCard = nil
    stack.append(.reader(state))
    var effects: [Effect] = [.saveProgress(.lessonOpened(lessonID: lesson.id))]
    effects += markReadIfAtEnd(state)
    return effects
  }

  func maxScroll(_ state: ReaderState) -> Int {
    max(0, state.layout.lines.count - readerTextArea.height)
  }

  /// Reaching the end of a lesson marks it read.
  mutating func markReadIfAtEnd(_ state: ReaderState) -> [Effect] {
    let id = course.lessons[state.lessonIndex].id
    guard state.scroll >= maxScroll(state), progress.lessonsRead[id] == nil else { return [] }
    return [.saveProgress(.lessonRead(lessonID: id))]
  }

  /// Re-lays out after a resize or a progress change, keeping the reading position.
  /// `previousTextHeight`: the text height the state was laid out for (before a resize).
  func relaid(_ state: ReaderState, previousTextHeight: Int? = nil) -> ReaderState {
    var s = state
    let fraction = s.layout.lines.isEmpty ? 0 : Double(s.scroll) / Double(s.layout.lines.count)
    // A focused card on screen stays on screen: after a resize the same fraction can land
    // pages away (the end clamps on a tall terminal), and Enter/s would then act on nothing.
    let oldHeight = previousTextHeight ?? readerTextArea.height
    let keptCard = s.focusedCard.flatMap { f -> Int? in
      guard f < s.layout.cards.count else { return nil }
      let card = s.layout.cards[f].lines
      return card.lowerBound < s.scroll + oldHeight && card.upperBound > s.scroll ? f : nil
    }
    s.layout = makeLayout(s.lessonIndex)
    s.scroll = min(Int(fraction * Double(s.layout.lines.count)), maxScroll(s))
    if let f = s.focusedCard, f >= s.layout.cards.count { s.focusedCard = nil }
    if let f = keptCard, f < s.layout.cards.count, !isCardVisible(s, f) {
      let card = s.layout.cards[f].lines
      let top =
        card.lowerBound < s.scroll
        ? card.lowerBound : min(card.lowerBound, card.upperBound - readerTextArea.height)
      s.scroll = min(max(0, top), maxScroll(s))
    }
    return s
  }

  mutating func updateReader(_ state: inout ReaderState, _ msg: Msg) -> [Effect] {
    let page = max(1, readerTextArea.height - 2)
    func scroll(to y: Int) { state.scroll = min(max(0, y), maxScroll(state)) }
    switch msg {
    case .key(let key):
      switch key {
      case .up, .char("k"): scroll(to: state.scroll - 1)
      case .down, .char("j"): scroll(to: state.scroll + 1)
      case .pageUp, .char("b"): scroll(to: state.scroll - page)
      case .pageDown, .char(" "): scroll(to: state.scroll + page)
      case .home, .char("g"): scroll(to: 0)
      case .end, .char("G"): scroll(to: maxScroll(state))
      case .char("n"), .char("]"):
        if let next = state.layout.headings.first(where: { $0 > state.scroll }) { scroll(to: next) }
      case .char("p"), .char("["):
        if let prev = state.layout.headings.last(where: { $0 < state.scroll }) { scroll(to: prev) }
      case .tab: focusCard(&state, forward: true)
      case .backTab: focusCard(&state, forward: false)
      case .char("s"):
        // The focused lab's schedule alone, as `lrlab schedule` computes it.
        if let f = state.focusedCard, isCardVisible(state, f),
          case .lab(let lab) = state.layout.cards[f].kind
        {
          stack.append(.schedulePreview(SchedulePreviewState(lab: lab)))
          return [.previewSchedule(lab)]
        }
      case .enter:
        if let f = state.focusedCard, isCardVisible(state, f) {
          return openCard(state.layout.cards[f].kind)
        }
        // Nothing focused on screen: focus the first visible card.
        focusCard(&state, forward: true)
      default: break
      }
    case .mouse(let m):
      switch m.kind {
      case .wheelUp: scroll(to: state.scroll - 3)
      case .wheelDown: scroll(to: state.scroll + 3)
      case .press:
        let line = state.scroll + m.y - readerTextArea.y
        if let i = state.layout.cards.firstIndex(where: { $0.lines.contains(line) }) {
          if state.focusedCard == i { return openCard(state.layout.cards[i].kind) }
          state.focusedCard = i
        }
      case .release: break
      }
    default: break
    }
    return markReadIfAtEnd(state)
  }

  func isCardVisible(_ state: ReaderState, _ i: Int) -> Bool {
    let card = state.layout.cards[i].lines
    return card.lowerBound < state.scroll + readerTextArea.height && card.upperBound > state.scroll
  }

  /// Moves focus to the next/previous card, scrolling it into view.
  func focusCard(_ state: inout ReaderState, forward: Bool) {
    let cards = state.layout.cards
    guard !cards.isEmpty else { return }
    let next: Int
    if let f = state.focusedCard, isCardVisible(state, f) {
      next = forward ? (f + 1) % cards.count : (f - 1 + cards.count) % cards.count
    } else if forward {
      next = cards.firstIndex { $0.lines.upperBound > state.scroll } ?? 0
    } else {
      next =
        cards.lastIndex { $0.lines.lowerBound < state.scroll + readerTextArea.height } ?? cards
        .count - 1
    }
    state.focusedCard = next
    let card = cards[next].lines
    let h = readerTextArea.height
    if card.lowerBound < state.scroll || card.upperBound > state.scroll + h {
      state.scroll = min(max(0, card.lowerBound - 1), maxScroll(state))
    }
  }

  mutating func openCard(_ kind: LessonLayout.Card.Kind) -> [Effect] {
    switch kind {
    case .quiz(let quiz):
      stack.append(.quiz(QuizState(quiz: quiz)))
      return []
    case .lab(let lab):
      // The Lab, preconfigured with the block's code and options; `q` comes back here.
      return pushLab(lab)
    case .retry(let quiz):
      stack.append(.quiz(QuizState(quiz: quiz)))
      return []
    case .nextLesson(let index):
      // The next lesson replaces this one: `q` from it goes back to Home.
      stack.removeLast()
      return openLesson(index)
    }
  }

  func viewReader(_ state: ReaderState, into buffer: inout Buffer) {
    let area = readerTextArea
    let lines = state.layout.lines
    for row in 0..<area.height {
      let index = state.scroll + row
      guard index < lines.count else { break }
      buffer.draw(lines[index], x: area.x, y: area.y + row, maxX: area.maxX)
    }
    if let f = state.focusedCard, f < state.layout.cards.count {
      let card = state.layout.cards[f]
      for index in card.lines where index >= state.scroll && index < state.scroll + area.height {
        let y = area.y + index - state.scroll
        let edge = index == card.lines.lowerBound || index == card.lines.upperBound - 1
        let focus = theme.focusedBorder
        let restyle: (inout Style) -> Void = { s in
          s.foreground = focus.foreground
          s.attributes.formUnion(focus.attributes)
        }
        if edge {
          buffer.restyle(Rect(x: area.x, y: y, width: card.width, height: 1), restyle)
        } else {
          buffer.restyle(Rect(x: area.x, y: y, width: 1, height: 1), restyle)
          buffer.restyle(Rect(x: area.x + card.width - 1, y: y, width: 1, height: 1), restyle)
        }
      }
    }
    drawScrollBar(
      x: width - 1, area: Rect(x: 0, y: area.y, width: 1, height: area.height),
      offset: state.scroll,
      total: lines.count, into: &buffer)
  }

  func drawScrollBar(x: Int, area: Rect, offset: Int, total: Int, into buffer: inout Buffer) {
    guard total > area.height, area.height > 0 else { return }
    let thumb = max(1, area.height * area.height / total)
    let maxOffset = total - area.height
    let start = (area.height - thumb) * offset / max(1, maxOffset)
    for row in 0..<area.height {
      let inThumb = row >= start && row < start + thumb
      buffer.put(
        String(inThumb ? glyphs.scrollThumb : glyphs.scrollTrack), x: x, y: area.y + row,
        style: inThumb ? theme.accent : theme.dim)
    }
  }

  func readerPosition(_ state: ReaderState) -> String {
    let total = state.layout.lines.count
    let bottom = min(total, state.scroll + readerTextArea.height)
    let percent = total == 0 ? 100 : bottom * 100 / total
    return "\(percent)%"
  }
}

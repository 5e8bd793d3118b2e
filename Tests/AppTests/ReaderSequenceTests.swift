import App
import Lessons
import TerminalUI
import XCTest

/// Real key/mouse sequences through Home and the lesson reader.
final class ReaderSequenceTests: XCTestCase {
  func reader(_ d: Driver) -> ReaderState? {
    if case .reader(let s) = d.model.top { return s }
    return nil
  }

  func testOpeningALessonShowsItAndRecordsIt() {
    var d = Driver(FixtureCourse.model())
    let effects = d.keys(.down, .enter)
    XCTAssertEqual(reader(d)?.lessonIndex, 1)
    XCTAssertEqual(effects, [.saveProgress(.lessonOpened(lessonID: "steplr"))])
    XCTAssertEqual(d.model.progress.lastOpenedLessonID, "steplr")
    let screen = d.screenText
    XCTAssertTrue(screen.contains("StepLR: the staircase"), screen)
    XCTAssertTrue(screen.contains("A scheduler changes the learning rate"), screen)
    XCTAssertTrue(screen.contains("↑↓ scroll"), "status line shows the main keys")
  }

  func testHomeContinuesWithTheFirstUnfinishedLesson() {
    var progress = LearnerProgress()
    // The intro (no quizzes, no checkpoints) read to its end is done; StepLR is next.
    progress.markRead(lessonID: "intro")
    progress.recordOpened(lessonID: "intro")
    let d = Driver(FixtureCourse.model(progress: progress))
    XCTAssertTrue(d.screenText.contains("Continue: StepLR: the staircase"), d.screenText)
    var e = d
    e.keys(.enter)
    XCTAssertEqual(reader(e)?.lessonIndex, 1)
  }

  func testScrollingKeysAndBounds() {
    var d = Driver(FixtureCourse.model())
    d.keys(.down, .enter)
    XCTAssertEqual(reader(d)?.scroll, 0)
    d.keys(.char("j"), .down)
    XCTAssertEqual(reader(d)?.scroll, 2)
    d.keys(.char("k"))
    XCTAssertEqual(reader(d)?.scroll, 1)
    d.keys(.up, .up, .up)
    XCTAssertEqual(reader(d)?.scroll, 0, "never above the top")
    d.keys(.pageDown)
    XCTAssertEqual(
      reader(d)?.scroll, 20, "a page is the text height (22) less two lines of context")
    let effects = d.keys(.end)
    let bottom = reader(d)!.scroll
    XCTAssertGreaterThan(bottom, 20)
    XCTAssertEqual(
      effects, [.saveProgress(.lessonRead(lessonID: "steplr"))], "the end marks it read")
    d.keys(.char(" "), .pageDown)
    XCTAssertEqual(reader(d)?.scroll, bottom, "never past the bottom")
    XCTAssertTrue(d.screenText.contains("wide text works too"), d.screenText)
    d.keys(.char("g"))
    XCTAssertEqual(reader(d)?.scroll, 0)
    d.keys(.char("G"), .home)
    XCTAssertEqual(reader(d)?.scroll, 0)
    XCTAssertEqual(d.keys(.end), [], "read once only")
  }

  func testHeadingJumps() {
    var d = Driver(FixtureCourse.model())
    d.keys(.down, .enter)
    let headings = reader(d)!.layout.headings
    XCTAssertEqual(headings.count, 4, "title + three ## headings")
    d.keys(.char("n"))
    XCTAssertEqual(reader(d)?.scroll, headings[1])
    XCTAssertTrue(d.screenText.split(separator: "\n")[1].contains("When to use it"))
    d.keys(.char("]"))
    XCTAssertEqual(reader(d)?.scroll, headings[2])
    d.keys(.char("p"))
    XCTAssertEqual(reader(d)?.scroll, headings[1])
    d.keys(.char("["))
    XCTAssertEqual(reader(d)?.scroll, 0)
  }

  func testMouseWheelScrollsAndClickFocusesThenOpensACard() {
    var d = Driver(FixtureCourse.model())
    d.keys(.down, .enter)
    d.send(.mouse(MouseEvent(.wheelDown, x: 10, y: 5)))
    XCTAssertEqual(reader(d)?.scroll, 3)
    d.send(.mouse(MouseEvent(.wheelUp, x: 10, y: 5)), .mouse(MouseEvent(.wheelUp, x: 10, y: 5)))
    XCTAssertEqual(reader(d)?.scroll, 0)
    let quizCard = reader(d)!.layout.cards[0]
    let y = 1 + quizCard.lines.lowerBound + 1
    d.send(.mouse(MouseEvent(.press, x: 5, y: y)))
    XCTAssertEqual(reader(d)?.focusedCard, 0)
    d.send(.mouse(MouseEvent(.press, x: 5, y: y)))
    guard case .quiz(let q) = d.model.top else { return XCTFail("a second click opens the quiz") }
    XCTAssertEqual(q.quiz.id, "steplr/baseline")
  }

  func testTabCyclesCardsAndEnterOnALabShowsItsSchedule() {
    var d = Driver(FixtureCourse.model())
    d.keys(.down, .enter)
    let cards = reader(d)!.layout.cards
    XCTAssertEqual(cards.count, 4, "three quizzes and a lab")
    d.keys(.tab)
    XCTAssertEqual(reader(d)?.focusedCard, 0)
    d.keys(.tab, .tab, .tab)
    XCTAssertEqual(reader(d)?.focusedCard, 3)
    let visible = reader(d)!
    XCTAssertTrue(
      cards[3].lines.lowerBound >= visible.scroll, "focusing scrolls the card into view")
    d.keys(.backTab)
    XCTAssertEqual(reader(d)?.focusedCard, 2)
    d.keys(.tab)
    let effects = d.keys(.char("s"))
    XCTAssertEqual(effects, [.previewSchedule(FixtureCourse.lab)])
    guard case .schedulePreview(let p) = d.model.top else { return XCTFail("preview expected") }
    XCTAssertEqual(p.content, .loading)
    XCTAssertTrue(d.screenText.contains("Computing the schedule"))
    d.send(.schedulePreviewLoaded(labID: FixtureCourse.lab.id, .success(FixtureCourse.previewData)))
    XCTAssertTrue(d.screenText.contains("30 steps: lr 0.1 → 0.025"), d.screenText)
    XCTAssertTrue(d.screenText.contains("⣀"), "braille chart")
    d.keys(.char("q"))
    XCTAssertNotNil(reader(d), "q goes back to the lesson")
  }

  func testAFocusedCardStaysOnScreenThroughAResizeRoundTrip() {
    var d = Driver(FixtureCourse.model())
    d.keys(.down, .enter)
    d.keys(.tab, .tab, .tab, .tab)
    XCTAssertEqual(reader(d)?.focusedCard, 3)
    func labVisible() -> Bool {
      let s = reader(d)!
      let card = s.layout.cards[3].lines
      return card.lowerBound >= s.scroll && card.upperBound <= s.scroll + d.model.height - 2
    }
    XCTAssertTrue(labVisible())
    // Wide and tall, then narrow and short again: the lab card is still the one on screen,
    // so s/Enter act on it (the kept fraction alone lands on the text above it).
    for (w, h) in [(200, 60), (80, 24), (40, 12), (80, 24)] {
      d.send(.resize(width: w, height: h))
      XCTAssertTrue(labVisible(), "after \(w)x\(h): scroll \(reader(d)!.scroll)")
    }
    XCTAssertEqual(d.keys(.char("s")), [.previewSchedule(FixtureCourse.lab)])
  }

  func testAFailedPreviewSaysWhy() {
    var d = Driver(FixtureCourse.model())
    d.keys(.down, .enter, .tab, .tab, .tab, .tab, .char("s"))
    d.send(
      .schedulePreviewLoaded(
        labID: FixtureCourse.lab.id, .failure(PreviewError("line 2: unknown scheduler 'StepLRR'"))))
    XCTAssertTrue(d.screenText.contains("unknown scheduler 'StepLRR'"), d.screenText)
  }

  func testBrokenLessonShowsItsDiagnosticsOnHomeAndInTheReader() {
    var d = Driver(FixtureCourse.model())
    d.keys(.end, .up, .up)  // above "Progress" and "Lab"
    XCTAssertTrue(d.screenText.contains("(broken)"))
    XCTAssertTrue(
      d.screenText.contains("Lessons/90-broken.md:12:3: error: quiz 'q1' has no correct choice"),
      d.screenText)
    d.keys(.enter)
    XCTAssertTrue(d.screenText.contains("This lesson has errors:"), d.screenText)
  }

  func testQuitAndBackKeys() {
    var d = Driver(FixtureCourse.model())
    d.keys(.down, .enter)
    XCTAssertEqual(d.keys(.escape), [])
    guard case .home = d.model.top else { return XCTFail("Esc goes back to Home") }
    XCTAssertEqual(d.keys(.char("q")), [], "q on Home asks first")
    XCTAssertTrue(d.model.confirmingQuit)
    XCTAssertEqual(d.keys(.char("n")), [], "any other key stays")
    XCTAssertFalse(d.model.confirmingQuit)
    guard case .home = d.model.top else { return XCTFail("still on Home") }
    XCTAssertEqual(d.keys(.escape, .char("y")), [.quit], "Esc asks too; y quits")
    XCTAssertEqual(d.keys(.char("q"), .char("q")), [.quit], "q twice quits")
    var e = Driver(FixtureCourse.model())
    e.keys(.down, .enter, .tab, .enter)
    XCTAssertEqual(e.keys(.ctrlC), [.quit], "Ctrl-C quits from anywhere")
  }

  func testHomeMouseAndPaging() {
    var d = Driver(FixtureCourse.model())
    // Rows: 0 title, 1 header, 2.. items.
    d.send(.mouse(MouseEvent(.press, x: 5, y: 3)))
    guard case .home(let h) = d.model.top else { return XCTFail() }
    XCTAssertEqual(h.selection, 1)
    d.send(.mouse(MouseEvent(.press, x: 5, y: 3)))
    XCTAssertEqual(reader(d)?.lessonIndex, 1, "clicking the selected item opens it")
    var e = Driver(FixtureCourse.model())
    e.keys(.end)
    e.keys(.enter)
    guard case .lab = e.model.top else { return XCTFail("the last item is the Lab") }
    XCTAssertTrue(e.screenText.contains("Lab"), e.screenText)
    e.keys(.char("q"))
    guard case .home = e.model.top else { return XCTFail("q leaves the Lab") }
  }
}

extension ReaderSequenceTests {
  func testEnterOnALabCardOpensTheLabAndQReturnsToTheLesson() {
    var d = Driver(FixtureCourse.model())
    d.keys(.down, .enter, .tab, .tab, .tab, .tab)
    XCTAssertEqual(d.keys(.enter), [])
    guard case .lab(let lab) = d.model.top else { return XCTFail("Enter opens the Lab") }
    XCTAssertEqual(lab.lab, FixtureCourse.lab, "preconfigured with the block")
    d.keys(.char("q"))
    XCTAssertNotNil(reader(d), "q returns to the lesson")
  }

  func testEnterOnTheSchedulePreviewOpensTheLabPreconfigured() {
    var d = Driver(FixtureCourse.model())
    d.keys(.down, .enter, .tab, .tab, .tab, .tab, .char("s"))
    d.send(.schedulePreviewLoaded(labID: FixtureCourse.lab.id, .success(FixtureCourse.previewData)))
    XCTAssertTrue(d.screenText.contains("Enter open in the Lab"), d.screenText)
    d.keys(.enter)
    guard case .lab(let lab) = d.model.top else { return XCTFail("Enter opens the Lab") }
    XCTAssertEqual(lab.lab, FixtureCourse.lab)
    d.keys(.char("q"))
    guard case .schedulePreview = d.model.top else { return XCTFail("q returns to the preview") }
  }
}

extension ReaderSequenceTests {
  func testALessonOpeningWithItsOwnTitleHeadingShowsTheTitleOnce() {
    var lesson = FixtureCourse.introLesson
    lesson.blocks.insert(
      FixtureCourse.md(.heading(level: 1, content: FixtureCourse.text(lesson.title))), at: 0)
    var d = Driver(AppModel(course: CourseSnapshot(lessons: [lesson]), width: 80, height: 24))
    d.keys(.enter)
    let body = d.screenText.split(separator: "\n").dropFirst()  // not the title bar
    XCTAssertEqual(
      body.filter { $0.contains("Why schedule the learning rate?") }.count, 1, d.screenText)
    XCTAssertEqual(reader(d)?.layout.headings, [0])
  }
}

extension ReaderSequenceTests {
  func testALabCardShowsAsDoneOnceItsLabHasRun() {
    var d = Driver(FixtureCourse.model(width: 120, height: 40))
    d.keys(.down, .enter, .tab, .tab, .tab, .tab)
    XCTAssertFalse(d.screenText.contains("run in the Lab"), d.screenText)
    // What the Lab emits when a run of this lesson's lab finishes.
    d.model.applyProgress([.saveProgress(.labRunFinished(labID: FixtureCourse.lab.id))])
    XCTAssertEqual(d.model.progress.labsRun[FixtureCourse.lab.id]?.runs, 1)
    d.send(.resize(width: 120, height: 40))
    XCTAssertTrue(d.screenText.contains("run in the Lab"), d.screenText)
  }
}

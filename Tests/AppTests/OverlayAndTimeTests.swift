import App
import Lessons
import TerminalUI
import XCTest

/// Help overlay, the too-small screen, ticks and the fake clock, the Lab hook.
final class OverlayAndTimeTests: XCTestCase {
  func testHelpListsEveryKeyOfTheCurrentScreenAndAnyKeyClosesIt() {
    var d = Driver(FixtureCourse.model(width: 120, height: 40))
    d.keys(.down, .enter)
    d.keys(.char("?"))
    XCTAssertTrue(d.model.showsHelp)
    let screen = d.screenText
    for key in d.model.keyHelp {
      XCTAssertTrue(screen.contains(key.keys), "help shows \(key.keys)")
      XCTAssertTrue(screen.contains(key.action), "help shows \(key.action)")
    }
    XCTAssertTrue(screen.contains("next / previous heading"), screen)
    let scroll: Int? = { if case .reader(let r) = d.model.top { r.scroll } else { nil } }()
    d.keys(.char("j"))
    XCTAssertFalse(d.model.showsHelp)
    if case .reader(let r) = d.model.top {
      XCTAssertEqual(r.scroll, scroll, "the closing key does nothing else")
    }
    // The quiz has its own keys.
    d.keys(.tab, .enter, .char("?"))
    XCTAssertTrue(d.screenText.contains("pick / unpick (several answers)"), d.screenText)
  }

  func testTooSmallScreenNamesTheMinimumAndRecovers() {
    var d = Driver(FixtureCourse.model())
    d.send(.resize(width: 59, height: 24))
    XCTAssertTrue(d.model.isTooSmall)
    XCTAssertTrue(d.screenText.contains("Terminal too small: 59×24."), d.screenText)
    XCTAssertTrue(d.screenText.contains("Enlarge the terminal to at least 60×16."))
    d.send(.resize(width: 3, height: 2))
    _ = d.frame  // draws without trapping at any size
    d.send(.resize(width: 0, height: 0))
    XCTAssertEqual(d.frame.width, 0)
    d.send(.resize(width: 60, height: 16))
    XCTAssertFalse(d.model.isTooSmall)
    XCTAssertTrue(d.screenText.contains("StepLR: the staircase"))
    XCTAssertEqual(d.keys(.char("q")), [], "q on Home asks first")
    XCTAssertTrue(d.screenText.contains("Quit lrlab?"), d.screenText)
    XCTAssertEqual(d.keys(.char("q")), [.quit])
    // Too small, on Home: no room to ask, q quits (as the small screen says).
    var small = Driver(FixtureCourse.model(width: 20, height: 5))
    XCTAssertEqual(small.keys(.char("q")), [.quit])
  }

  func testNoTicksUnlessSomethingAnimatesAndTicksCarryTheFakeClock() {
    let clock = FakeClock(start: .milliseconds(1_000))
    var d = Driver(FixtureCourse.model())
    XCTAssertNil(d.model.frameInterval, "Home never asks for ticks")
    d.keys(.down, .enter)
    XCTAssertNil(d.model.frameInterval, "nor does the reader")
    clock.advance(milliseconds: 33)
    d.send(.tick(clock.now()))
    XCTAssertEqual(d.model.now, Instant.milliseconds(1_033))
    clock.advance(milliseconds: 33)
    d.send(.tick(clock.now()))
    XCTAssertEqual(d.model.now.since(.milliseconds(1_000)), 66_000_000)
  }

  func testTheLabHookReceivesTheContentAreaAndReturnsWithQ() {
    var d = Driver(FixtureCourse.model(width: 100, height: 30))
    d.keys(.end, .enter)
    guard case .lab(let lab) = d.model.top else { return XCTFail("Home's last item opens the Lab") }
    XCTAssertNil(lab.lab)
    XCTAssertEqual(d.model.labContext.area, Rect(x: 0, y: 1, width: 100, height: 28))
    XCTAssertEqual(d.model.labContext.theme, Theme(colorMode: .ansi256))
    d.keys(.char("?"))
    XCTAssertTrue(d.model.showsHelp, "unhandled keys fall through to the app")
    d.keys(.escape, .escape)
    guard case .home = d.model.top else { return XCTFail("Esc leaves the Lab") }
  }

  func testMonochromeKeepsStatesApartWithoutColour() {
    var d = Driver(FixtureCourse.model(capabilities: .monochrome))
    d.keys(.down, .enter, .tab, .enter, .char("1"), .enter)
    let frame = d.frame
    for i in frame.cells.indices {
      XCTAssertEqual(frame.cells[i].style.foreground, .default)
      XCTAssertEqual(frame.cells[i].style.background, .default)
    }
    let text = frame.plainText().split(separator: "\n", omittingEmptySubsequences: false)
    let wrongRow = text.firstIndex { $0.contains("Not quite") }!
    let column = text[wrongRow].distance(
      from: text[wrongRow].startIndex, to: text[wrongRow].firstIndex(of: "N")!)
    XCTAssertTrue(
      frame[column, wrongRow].style.attributes.contains(.bold), "wrong answers are bold")
    XCTAssertTrue(frame[column, wrongRow].style.attributes.contains(.underline), "and underlined")
  }
}

extension OverlayAndTimeTests {
  func testAProgressSaveFailureShowsOnTheStatusLineUntilTheNextMessage() {
    var d = Driver(FixtureCourse.model())
    d.send(.progressSaveFailed("Progress not saved: cannot write /x/progress.json: read-only"))
    let last = d.screenText.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
    XCTAssertTrue(last.contains("Progress not saved: cannot write /x/progress.json"), String(last))
    d.keys(.down)
    XCTAssertTrue(d.screenText.hasSuffix("↑↓ move  Enter open  ? help  q quit"), d.screenText)
  }
}

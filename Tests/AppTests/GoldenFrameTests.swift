import App
import Lessons
import TerminalUI
import XCTest

/// Every screen at 80×24 and 120×40, in colour and in monochrome, against golden frames.
final class GoldenFrameTests: XCTestCase {
  static let sizes = [(80, 24), (120, 40)]
  static let modes: [(String, DisplayCapabilities)] = [("color", .full), ("mono", .monochrome)]

  /// Builds the state for `screen` by sending real messages from Home.
  func driver(_ screen: String, width: Int, height: Int, capabilities: DisplayCapabilities)
    -> Driver
  {
    var d = Driver(FixtureCourse.model(width: width, height: height, capabilities: capabilities))
    switch screen {
    case "home":
      d.keys(.down)
    case "home-broken":
      d.keys(.end, .up)
    case "reader":
      d.keys(.down, .enter, .char("n"), .tab)
    case "quiz":
      d.keys(.down, .enter, .tab, .enter, .down)
    case "quiz-wrong":
      d.keys(.down, .enter, .tab, .enter, .char("1"), .enter)
    case "quiz-right":
      d.keys(.down, .enter, .tab, .enter, .char("2"), .enter)
    case "quiz-numeric":
      d.keys(.down, .enter, .tab, .tab, .tab, .enter)
      d.type("0.025")
    case "preview":
      d.keys(.down, .enter, .tab, .tab, .tab, .tab, .char("s"))
      d.send(
        .schedulePreviewLoaded(labID: FixtureCourse.lab.id, .success(FixtureCourse.previewData)))
    case "help":
      d.keys(.down, .enter, .char("?"))
    default:
      XCTFail("unknown screen \(screen)")
    }
    return d
  }

  func testEveryScreenAtBothSizesInColourAndMono() {
    let screens = [
      "home", "home-broken", "reader", "quiz", "quiz-wrong", "quiz-right", "quiz-numeric",
      "preview", "help",
    ]
    for screen in screens {
      for (w, h) in Self.sizes {
        for (mode, caps) in Self.modes {
          let d = driver(screen, width: w, height: h, capabilities: caps)
          assertGolden(d.frame, "\(screen)-\(w)x\(h)-\(mode)")
        }
      }
    }
  }

  func testTooSmallAndAsciiFrames() {
    var small = Driver(FixtureCourse.model(width: 50, height: 12))
    small.keys(.down)
    assertGolden(small.frame, "too-small-50x12")
    let ascii = DisplayCapabilities(unicode: false, color: .none)
    var d = Driver(FixtureCourse.model(width: 80, height: 24, capabilities: ascii))
    d.keys(.down, .enter, .char("n"), .tab)
    assertGolden(d.frame, "reader-80x24-ascii")
    // The app's own glyphs are ASCII (lesson text may not be: the backend maps that).
    let appGlyphs = d.screenText.unicodeScalars.filter {
      (0x2500...0x259F).contains($0.value) || "•›…✓✗·".unicodeScalars.contains($0)
    }
    XCTAssertTrue(appGlyphs.isEmpty, d.screenText)
  }
}

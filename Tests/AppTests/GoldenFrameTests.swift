import App
import Lessons
import TerminalUI
import XCTest

/// Every screen at 80×24, 100×30 and 200×60, in colour and in monochrome, against golden frames;
/// and no frame cuts a word without an ellipsis.
final class GoldenFrameTests: XCTestCase {
  static let sizes = [(80, 24), (100, 30), (200, 60)]
  static let modes: [(String, DisplayCapabilities)] = [("color", .full), ("mono", .monochrome)]
  static let screens = [
    "home", "home-broken", "home-progress", "reader", "reader-end", "quiz", "quiz-wrong",
    "quiz-right", "quiz-numeric", "quiz-revealed", "preview", "help", "progress", "quit",
  ]

  /// Builds the state for `screen` by sending real messages from Home.
  func driver(_ screen: String, width: Int, height: Int, capabilities: DisplayCapabilities)
    -> Driver
  {
    let progress =
      ["home-progress", "reader-end", "progress"].contains(screen)
      ? FixtureCourse.twoCheckpoints : LearnerProgress()
    var d = Driver(
      FixtureCourse.model(
        width: width, height: height, capabilities: capabilities, progress: progress))
    switch screen {
    case "home":
      d.keys(.down)
    case "home-broken":
      d.keys(.end, .up, .up)
    case "home-progress":
      d.keys(.down, .down)
    case "reader":
      d.keys(.down, .enter, .char("n"), .tab)
    case "reader-end":
      d.keys(.down, .down, .enter, .char("G"))
    case "quiz":
      d.keys(.down, .enter, .tab, .enter, .down)
    case "quiz-wrong":
      d.keys(.down, .enter, .tab, .enter, .char("1"), .enter)
    case "quiz-right":
      d.keys(.down, .enter, .tab, .enter, .char("2"), .enter)
    case "quiz-numeric":
      d.keys(.down, .enter, .tab, .tab, .tab, .enter)
      d.type("0.025")
    case "quiz-revealed":
      d.keys(.down, .enter, .tab, .enter, .char("1"), .enter, .char("3"), .enter, .char("a"))
    case "preview":
      d.keys(.down, .enter, .tab, .tab, .tab, .tab, .char("s"))
      d.send(
        .schedulePreviewLoaded(labID: FixtureCourse.lab.id, .success(FixtureCourse.previewData)))
    case "help":
      d.keys(.down, .enter, .char("?"))
    case "progress":
      d.keys(.char("P"))
    case "quit":
      d.keys(.char("q"))
    default:
      XCTFail("unknown screen \(screen)")
    }
    return d
  }

  func testEveryScreenAtThreeSizesInColourAndMono() {
    for screen in Self.screens {
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
    let tiny = Driver(FixtureCourse.model(width: 20, height: 5))
    assertGolden(tiny.frame, "too-small-20x5")
    // Readable at 20×5: the size and the minimum, nothing drawn over anything else.
    XCTAssertTrue(tiny.screenText.contains("20×5"), tiny.screenText)
    XCTAssertTrue(tiny.screenText.contains("60×16"), tiny.screenText)
    let ascii = DisplayCapabilities(unicode: false, color: .none)
    var d = Driver(FixtureCourse.model(width: 80, height: 24, capabilities: ascii))
    d.keys(.down, .enter, .char("n"), .tab)
    assertGolden(d.frame, "reader-80x24-ascii")
    // The app's own glyphs are ASCII (lesson text may not be: the backend maps that).
    let appGlyphs = d.screenText.unicodeScalars.filter {
      (0x2500...0x259F).contains($0.value) || "•›…✓✗·↪".unicodeScalars.contains($0)
    }
    XCTAssertTrue(appGlyphs.isEmpty, d.screenText)
  }

  /// No frame at any size shows part of a word without an ellipsis: every letter run that is a
  /// proper prefix (or suffix) of a word seen whole must be followed by "…" (or be a wrapped
  /// code line's, marked "↪").
  func testNoFrameCutsAWordWithoutAnEllipsis() {
    func words(_ text: String) -> [Substring] {
      text.split { !$0.isLetter }.filter { $0.count >= 2 }
    }
    // Whole words: every frame at 200×60 (nothing is cut there) and the course's own words.
    var vocabulary: Set<Substring> = []
    for screen in Self.screens {
      vocabulary.formUnion(
        words(driver(screen, width: 200, height: 60, capabilities: .full).screenText))
    }
    XCTAssertGreaterThan(vocabulary.count, 100)
    var cuts: [String] = []
    for screen in Self.screens {
      for (w, h) in Self.sizes {
        let rows = driver(screen, width: w, height: h, capabilities: .full).screenText
          .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (r, row) in rows.enumerated() {
          var index = row.startIndex
          while index < row.endIndex {
            guard row[index].isLetter else {
              index = row.index(after: index)
              continue
            }
            let end = row[index...].firstIndex { !$0.isLetter } ?? row.endIndex
            let token = row[index..<end]
            defer { index = end }
            guard token.count >= 2, !vocabulary.contains(token) else { continue }
            let before = row[row.startIndex..<index]
            let after = row[end...]
            let isPrefix = vocabulary.contains { $0.count > token.count && $0.hasPrefix(token) }
            let isSuffix = vocabulary.contains { $0.count > token.count && $0.hasSuffix(token) }
            let marked =
              after.hasPrefix("…") || before.hasSuffix("↪ ")
              || (r + 1 < rows.count && rows[r + 1].contains("↪"))
            if (isPrefix || isSuffix) && !marked {
              cuts.append("\(screen) \(w)x\(h) row \(r): '\(token)' in \(row)")
            }
          }
        }
      }
    }
    XCTAssertEqual(cuts, [], cuts.joined(separator: "\n"))
  }
}

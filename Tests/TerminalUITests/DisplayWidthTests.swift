import XCTest

@testable import TerminalUI

final class DisplayWidthTests: XCTestCase {
  func testASCIIAndLatin() {
    XCTAssertEqual(displayWidth(of: "abc"), 3)
    XCTAssertEqual(displayWidth(of: "é"), 1)  // precomposed
    XCTAssertEqual(displayWidth(of: "e\u{301}"), 1)  // e + combining acute: one grapheme
    XCTAssertEqual(displayWidth(of: "\u{1}"), 0)
  }

  func testCJKAndHangulAreWide() {
    XCTAssertEqual(displayWidth(of: "日本語"), 6)
    XCTAssertEqual(displayWidth(of: "한국"), 4)
    XCTAssertEqual(displayWidth(of: "ｱ"), 1)  // halfwidth katakana
    XCTAssertEqual(displayWidth(of: "Ａ"), 2)  // fullwidth A
    XCTAssertEqual(displayWidth(of: "\u{3000}"), 2)  // ideographic space
  }

  func testEmoji() {
    XCTAssertEqual(displayWidth(of: "🚀"), 2)
    XCTAssertEqual(displayWidth(of: "👍🏽"), 2)  // skin-tone modifier
    XCTAssertEqual(displayWidth(of: "👨‍👩‍👧"), 2)  // ZWJ family is one grapheme
    XCTAssertEqual(displayWidth(of: "🇩🇪"), 2)  // flag
    XCTAssertEqual(displayWidth(of: "1\u{FE0F}\u{20E3}"), 2)  // keycap
    XCTAssertEqual(displayWidth(of: "❤\u{FE0F}"), 2)  // emoji presentation selector
    XCTAssertEqual(displayWidth(of: "❤"), 1)  // text presentation by default
    XCTAssertEqual(displayWidth(of: "☺\u{FE0E}"), 1)
  }

  func testBrailleBoxDrawingAndBlocksAreNarrow() {
    XCTAssertEqual(displayWidth(of: "⣿⠁─│┼▀▄█░…"), 10)
  }

  func testZeroWidthFormatCharacters() {
    XCTAssertEqual(displayWidth(of: Character("\u{200B}")), 0)  // zero-width space
    XCTAssertEqual(displayWidth(of: "a\u{200B}b"), 2)
  }
}

import XCTest

@testable import TerminalUI

final class TextLayoutTests: XCTestCase {
  func testGreedyWordWrap() {
    XCTAssertEqual(
      wrap("the quick brown fox jumps over", width: 10), ["the quick", "brown fox", "jumps over"])
  }

  func testLongWordIsBrokenBetweenGraphemes() {
    XCTAssertEqual(wrap("ab supercalifragilistic", width: 8), ["ab super", "califrag", "ilistic"])
  }

  func testWideCharactersStayWholeAndCJKBreaksAnywhere() {
    // 5 columns: two CJK characters (4 columns) fit, the third would straddle the edge.
    XCTAssertEqual(wrap("日本語の文章", width: 5), ["日本", "語の", "文章"])
    XCTAssertEqual(wrap("go 🚀🚀🚀", width: 5), ["go 🚀", "🚀🚀"])
  }

  func testCombiningMarksDoNotCountAsColumns() {
    let text = "cafe\u{301} cafe\u{301}"
    XCTAssertEqual(wrap(text, width: 5), ["cafe\u{301}", "cafe\u{301}"])
    XCTAssertEqual(wrap(text, width: 9), [text])
  }

  func testHangingIndentFromPrefixAndFromLeadingSpaces() {
    let item = StyledText("one two three four").wrapped(width: 9, prefix: "- ")
    XCTAssertEqual(plain(item), ["- one two", "  three", "  four"])
    XCTAssertEqual(
      wrap("    indented text wraps", width: 13), ["    indented", "    text", "    wraps"])
    let custom = StyledText("alpha beta").wrapped(width: 7, prefix: "> ", continuationPrefix: ">> ")
    XCTAssertEqual(plain(custom), ["> alpha", ">> beta"])
  }

  func testHardBreaksAndEmptyText() {
    XCTAssertEqual(wrap("a\nb c", width: 10), ["a", "b c"])
    XCTAssertEqual(wrap("", width: 10), [""])
    XCTAssertEqual(wrap("a\n\nb", width: 10), ["a", "", "b"])
  }

  func testWrapKeepsStyles() {
    let bold = Style(attributes: .bold)
    var text = StyledText("plain ")
    text.append("bold words", style: bold)
    let lines = text.wrapped(width: 10)
    XCTAssertEqual(plain(lines), ["plain bold", "words"])
    XCTAssertEqual(lines[0].spans, [Span("plain ", style: .plain), Span("bold", style: bold)])
    XCTAssertEqual(lines[1].spans, [Span("words", style: bold)])
  }

  func testTruncationWithEllipsis() {
    XCTAssertEqual(truncate("hello world", toWidth: 8), "hello w…")
    XCTAssertEqual(truncate("hello", toWidth: 5), "hello")
    XCTAssertEqual(truncate("日本語", toWidth: 4), "日…")  // the wide 本 cannot take 1 column
    XCTAssertEqual(truncate("hello world", toWidth: 8, ellipsis: "..."), "hello...")
    XCTAssertEqual(truncate("hello", toWidth: 0), "")
  }

  func testPaddingAndAlignment() {
    XCTAssertEqual(StyledText("ab").padded(toWidth: 6, alignment: .left).plainText, "ab    ")
    XCTAssertEqual(StyledText("ab").padded(toWidth: 6, alignment: .center).plainText, "  ab  ")
    XCTAssertEqual(StyledText("ab").padded(toWidth: 6, alignment: .right).plainText, "    ab")
    XCTAssertEqual(StyledText("日本").padded(toWidth: 5, alignment: .right).plainText, " 日本")
  }

  func testAlignedPutInRect() {
    let buffer = drawn(width: 10, height: 3) { b, _ in
      b.put("left", row: 0, in: Rect(x: 0, y: 0, width: 10, height: 3), alignment: .left)
      b.put("mid", row: 1, in: Rect(x: 0, y: 0, width: 10, height: 3), alignment: .center)
      b.put("right", row: 2, in: Rect(x: 0, y: 0, width: 10, height: 3), alignment: .right)
    }
    XCTAssertEqual(buffer.plainText(), "left\n   mid\n     right")
  }
}

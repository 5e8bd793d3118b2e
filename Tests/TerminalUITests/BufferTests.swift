import XCTest

@testable import TerminalUI

final class BufferTests: XCTestCase {
  func testWideCharacterTakesTwoCellsAndClipsCleanly() {
    var buffer = Buffer(width: 5, height: 1)
    let end = buffer.put("a日b", x: 0, y: 0)
    XCTAssertEqual(end, 4)
    XCTAssertEqual(buffer[1, 0].width, 2)
    XCTAssertEqual(buffer[2, 0].width, 0)
    XCTAssertEqual(buffer.plainText(), "a日b")
    // A wide grapheme straddling the edge becomes a space.
    var clipped = Buffer(width: 3, height: 1)
    clipped.put("ab日", x: 0, y: 0)
    XCTAssertEqual(clipped.plainText(), "ab")
  }

  func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
    var buffer = Buffer(width: 4, height: 1)
    buffer.put("日本", x: 0, y: 0)
    buffer.put("x", x: 1, y: 0)
    XCTAssertEqual(buffer.plainText(), " x本")
  }

  func testNoChangesBetweenEqualBuffers() {
    var a = Buffer(width: 6, height: 2)
    a.put("hello", x: 0, y: 0)
    XCTAssertEqual(a.changes(from: a), [])
  }

  func testChangesAreRunsPerRow() {
    var a = Buffer(width: 8, height: 2)
    a.put("abcdefgh", x: 0, y: 0)
    var b = a
    b.put("XY", x: 2, y: 0)
    b.put("Z", x: 6, y: 0)
    b.put("q", x: 0, y: 1)
    let changes = b.changes(from: a)
    XCTAssertEqual(
      changes.map { "\($0.x),\($0.y):" + String($0.cells.map(\.grapheme)) },
      ["2,0:XY", "6,0:Z", "0,1:q"])
  }

  func testStyleOnlyChangeIsReported() {
    var a = Buffer(width: 3, height: 1)
    a.put("abc", x: 0, y: 0)
    var b = a
    b.restyle(Rect(x: 1, y: 0, width: 1, height: 1)) { $0.attributes.insert(.bold) }
    let changes = b.changes(from: a)
    XCTAssertEqual(changes.count, 1)
    XCTAssertEqual(changes[0].x, 1)
    XCTAssertEqual(changes[0].cells, [Cell("b", style: Style(attributes: .bold))])
  }

  func testWideCellsSkipTheirContinuation() {
    let a = Buffer(width: 6, height: 1)
    var b = a
    b.put("日本", x: 1, y: 0)
    let changes = b.changes(from: a)
    XCTAssertEqual(changes.count, 1)
    XCTAssertEqual(changes[0].x, 1)
    XCTAssertEqual(changes[0].cells.map(\.grapheme), ["日", "本"])
    XCTAssertEqual(changes[0].cells.map(\.width), [2, 2])
    // Replacing the wide character by two narrow ones reports both cells.
    var c = b
    c.put("ab", x: 1, y: 0)
    XCTAssertEqual(c.changes(from: b).map(\.cells.count), [2])
  }

  func testSizeChangeRedrawsEverything() {
    let a = Buffer(width: 2, height: 1)
    let b = Buffer(width: 3, height: 2)
    XCTAssertEqual(b.changes(from: a).map(\.cells.count), [3, 3])
  }

  func testStyledTextDump() {
    var buffer = Buffer(width: 6, height: 2)
    buffer.put("ab", x: 0, y: 0, style: Style(attributes: .bold))
    buffer.put("日", x: 3, y: 0, style: Style(foreground: .indexed(39)))
    buffer.put("c", x: 0, y: 1, style: Style(attributes: .bold))
    let dump = buffer.styledText()
    XCTAssertEqual(dump.text, "ab 日\nc")
    XCTAssertEqual(dump.styles, "aa.bb\na")
    XCTAssertEqual(dump.legend, "a = fg=default bg=default bold\nb = fg=idx39 bg=default")
    XCTAssertEqual(
      dump.combined,
      "--- text\nab 日\nc\n--- styles\naa.bb\na\n--- legend\na = fg=default bg=default bold\nb = fg=idx39 bg=default\n"
    )
  }

  func testFillCuttingWideCharactersLeavesNoOrphanHalves() {
    var buffer = Buffer(width: 6, height: 1)
    buffer.put("日本語", x: 0, y: 0)
    buffer.fill(Rect(x: 1, y: 0, width: 4, height: 1), with: Cell("x"))
    XCTAssertEqual(buffer.plainText(), " xxxx")
    XCTAssertEqual(buffer.cells.map(\.width), [1, 1, 1, 1, 1, 1])
  }
}

import XCTest

@testable import App

/// The key decoder on byte sequences: known sequences map to their meaning, unknown ones are
/// ignored — never taken as Esc (which goes back, or quits on Home).
final class InputDecoderTests: XCTestCase {
  /// Decodes `text` (what follows the ESC) as complete input.
  func decode(_ text: String, final: Bool = true) -> InputDecoder.Result {
    InputDecoder.decode(text.unicodeScalars.map(\.value), final: final)
  }

  func event(_ text: String) -> InputDecoder.Event? {
    if case .event(let event, _) = decode(text) { return event }
    return nil
  }

  func testALoneEscIsEsc() {
    XCTAssertEqual(decode(""), .event(.key(.escape), consumed: 0))
    // Esc Esc quickly: this one is Esc and leaves the second ESC to be read as its own press.
    XCTAssertEqual(decode("\u{1B}"), .event(.key(.escape), consumed: 0))
    XCTAssertEqual(decode("\u{1B}[A"), .event(.key(.escape), consumed: 0))
    XCTAssertEqual(event("\u{1B}"), .key(.escape))
  }

  func testKeypadKeysMapToTheirMeaning() {
    XCTAssertEqual(event("OM"), .key(.enter), "keypad Enter is Enter")
    XCTAssertEqual(event("Ow"), .key(.char("7")))
    XCTAssertEqual(event("Op"), .key(.char("0")))
    XCTAssertEqual(event("Ok"), .key(.char("+")))
    XCTAssertEqual(event("On"), .key(.char(".")))
    XCTAssertEqual(event("OE"), .ignored, "keypad 5 means nothing here")
    XCTAssertEqual(event("[E"), .ignored, "keypad 5 (CSI form)")
    XCTAssertEqual(event("OA"), .key(.up))
    XCTAssertEqual(event("OP"), .key(.function(1)))
  }

  func testCursorEditingAndFunctionKeys() {
    XCTAssertEqual(event("[A"), .key(.up))
    XCTAssertEqual(event("[1;5C"), .key(.right), "Ctrl+Right is Right")
    XCTAssertEqual(event("[H"), .key(.home))
    XCTAssertEqual(event("[4~"), .key(.end))
    XCTAssertEqual(event("[3~"), .key(.delete))
    XCTAssertEqual(event("[5~"), .key(.pageUp))
    XCTAssertEqual(event("[6;3~"), .key(.pageDown))
    XCTAssertEqual(event("[15~"), .key(.function(5)))
    XCTAssertEqual(event("[24~"), .key(.function(12)))
    XCTAssertEqual(event("[Z"), .key(.backTab))
    XCTAssertEqual(event("[2~"), .ignored, "Insert")
  }

  func testAltKeysAndFocusAreIgnored() {
    XCTAssertEqual(decode("x"), .event(.ignored, consumed: 1), "Alt+x")
    XCTAssertEqual(decode("q"), .event(.ignored, consumed: 1), "Alt+q never quits")
    XCTAssertEqual(event("[I"), .ignored, "focus in")
    XCTAssertEqual(event("[O"), .ignored, "focus out")
  }

  func testMouseInEveryEncoding() {
    // SGR (1006): 1-based, M press / m release.
    XCTAssertEqual(event("[<0;10;5M"), .mouse(MouseEvent(.press, x: 9, y: 4)))
    XCTAssertEqual(event("[<0;10;5m"), .mouse(MouseEvent(.release, x: 9, y: 4)))
    XCTAssertEqual(event("[<64;1;1M"), .mouse(MouseEvent(.wheelUp, x: 0, y: 0)))
    XCTAssertEqual(event("[<65;3;2M"), .mouse(MouseEvent(.wheelDown, x: 2, y: 1)))
    XCTAssertEqual(event("[<32;3;2M"), .ignored, "motion")
    XCTAssertEqual(event("[<2;3;2M"), .ignored, "right button")
    // X10 / normal: bytes offset by 32.
    let x10: [UInt32] = [0x5B, 0x4D, 32 + 0, 33 + 9, 33 + 4]
    XCTAssertEqual(
      InputDecoder.decode(x10), .event(.mouse(MouseEvent(.press, x: 9, y: 4)), consumed: 5))
    XCTAssertEqual(InputDecoder.decode([0x5B, 0x4D, 32 + 64]), .needMore)
    // urxvt (1015).
    XCTAssertEqual(event("[32;10;5M"), .mouse(MouseEvent(.press, x: 9, y: 4)))
  }

  func testCSIuAndModifyOtherKeys() {
    XCTAssertEqual(event("[13u"), .key(.enter))
    XCTAssertEqual(event("[57414u"), .key(.enter), "kitty keypad Enter")
    XCTAssertEqual(event("[27u"), .key(.escape))
    XCTAssertEqual(event("[99;5u"), .key(.ctrlC))
    XCTAssertEqual(event("[97u"), .key(.char("a")))
    XCTAssertEqual(event("[97;3u"), .ignored, "Alt+a")
    XCTAssertEqual(event("[100;5u"), .ignored, "Ctrl+d")
    XCTAssertEqual(event("[27;5;99~"), .key(.ctrlC))
    XCTAssertEqual(event("[9;2u"), .key(.backTab))
  }

  func testUnknownAndUnfinishedSequencesAreIgnoredWhole() {
    XCTAssertEqual(decode("[?1;2c"), .event(.ignored, consumed: 6), "device attributes reply")
    XCTAssertEqual(decode("[200~"), .event(.pasteStart, consumed: 5))
    XCTAssertEqual(decode("[201~"), .event(.ignored, consumed: 5))
    XCTAssertEqual(decode("[12;", final: false), .needMore)
    XCTAssertEqual(decode("[12;", final: true), .event(.ignored, consumed: 4))
    XCTAssertEqual(decode("O", final: false), .needMore)
    XCTAssertEqual(decode("O", final: true), .event(.ignored, consumed: 1), "Alt+O")
    XCTAssertEqual(
      decode(String(repeating: "1", count: 80).withPrefix("["), final: false),
      .event(.ignored, consumed: 81), "a run of parameters is garbage")
    // Bytes after the sequence are not consumed (they are the next keys).
    XCTAssertEqual(decode("[Aq"), .event(.key(.up), consumed: 2))
  }

  func testPasteCollectorFindsTheEndAndKeepsTheText() {
    var paste = PasteCollector()
    let body = "x = 1\n\u{1B}[31mnot an end\u{1B}[201x\u{1B}[20"
    for scalar in body.unicodeScalars { XCTAssertFalse(paste.feed(scalar.value)) }
    XCTAssertEqual(paste.finish(), "x = 1\n\u{1B}[31mnot an end\u{1B}[201x[20")
    var collector = PasteCollector()
    let input = Array(("a\u{1B}b" + "\u{1B}[201~" + "after").unicodeScalars.map(\.value))
    var finishedAt: Int?
    for (i, c) in input.enumerated() where collector.feed(c) {
      finishedAt = i
      break
    }
    XCTAssertEqual(finishedAt, 8)
    XCTAssertEqual(collector.finish(), "a\u{1B}b")
    var bounded = PasteCollector(limit: 3)
    for c in "abcdef".unicodeScalars { bounded.feed(c.value) }
    XCTAssertEqual(bounded.finish(), "abc")
    XCTAssertTrue(bounded.truncated)
  }

  func testAPasteLandsInTheEditorInOneEdit() {
    var editor = LabCodeEditor(text: "ab")
    editor.column = 1
    editor.paste("1\r\n2\t3\n\u{1B}]52;c;x\u{07}4")
    XCTAssertEqual(editor.lines, ["a1", "2   3", "\u{FFFD}4b"])
    XCTAssertEqual(editor.row, 2)
    XCTAssertEqual(editor.column, 2)
    var big = LabCodeEditor(text: "")
    let text = (0..<9000).map { "x\($0) = \($0)" }.joined(separator: "\n")
    big.paste(text)
    XCTAssertEqual(big.lines.count, 9000)
    XCTAssertEqual(big.text, text)
  }
}

extension String {
  fileprivate func withPrefix(_ prefix: String) -> String { prefix + self }
}

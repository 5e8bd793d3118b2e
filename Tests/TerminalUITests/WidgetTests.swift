import XCTest

@testable import TerminalUI

final class WidgetTests: XCTestCase {
  let tenLines: [StyledText] = (1...10).map { StyledText("line \($0)") }

  func testScrollViewShowsOffsetAndScrollbar() {
    let buffer = drawn(width: 10, height: 4) { b, a in
      ScrollView(lines: tenLines, offset: 3).draw(into: &b, area: a)
    }
    XCTAssertEqual(buffer.plainText(), "line 4   │\nline 5   │\nline 6   █\nline 7   │")
    XCTAssertEqual(buffer.styledText().styles, ".........a\n.........a\n\n.........a")
  }

  func testScrollViewClampsOffsetAndUsesASCII() {
    let buffer = drawn(width: 10, height: 4) { b, a in
      ScrollView(lines: tenLines, offset: 99, glyphs: .ascii).draw(into: &b, area: a)
    }
    XCTAssertEqual(buffer.plainText(), "line 7   |\nline 8   |\nline 9   |\nline 10  #")
    XCTAssertEqual(ScrollView.maxOffset(lineCount: 10, height: 4), 6)
    XCTAssertEqual(
      ScrollView.contentWidth(for: Rect(x: 0, y: 0, width: 10, height: 4), lineCount: 3), 10)
    XCTAssertEqual(
      ScrollView.contentWidth(for: Rect(x: 0, y: 0, width: 10, height: 4), lineCount: 5), 9)
  }

  func testScrollViewWithoutOverflowHasNoScrollbar() {
    let buffer = drawn(width: 8, height: 3) { b, a in
      ScrollView(lines: ["a", "b"]).draw(into: &b, area: a)
    }
    XCTAssertEqual(buffer.plainText(), "a\nb\n")
  }

  func testListKeepsSelectionVisibleWithMarks() {
    let list = ListView(
      items: ["Intro", "StepLR", "Cosine", "OneCycle"], selected: 3, marks: [0: "✓", 1: "•"])
    let buffer = drawn(width: 16, height: 3) { b, a in list.draw(into: &b, area: a) }
    XCTAssertEqual(buffer.plainText(), "  • StepLR\n    Cosine\n▶   OneCycle")
    XCTAssertEqual(buffer.styledText().styles, "\n\naabbbbbbbbbbbbbb")
    XCTAssertEqual(
      buffer.styledText().legend,
      "a = fg=default bg=default bold,reverse\nb = fg=default bg=default reverse")
    XCTAssertEqual(list.itemIndex(atRow: 0, area: Rect(x: 0, y: 0, width: 16, height: 3)), 1)
    XCTAssertNil(list.itemIndex(atRow: 5, area: Rect(x: 0, y: 0, width: 16, height: 3)))
  }

  func testTableColumnsAlignmentHeaderAndSelection() {
    let table = TableView(
      columns: [
        TableColumn("name"), TableColumn("loss", alignment: .right),
        TableColumn("note", width: .flex(1)),
      ],
      rows: [["cos", "0.12", "best run so far"], ["step", "1.5", "ok"]], selected: 1)
    let buffer = drawn(width: 20, height: 4) { b, a in table.draw(into: &b, area: a) }
    XCTAssertEqual(
      buffer.plainText(), "name loss note\n──── ──── ──────────\ncos  0.12 best run …\nstep  1.5 ok"
    )
    XCTAssertEqual(
      buffer.styledText().styles, "aaaa.aaaa.aaaa\nbbbbbbbbbbbbbbbbbbbb\n\ncccccccccccccccccccc")
    XCTAssertEqual(table.columnWidths(totalWidth: 20), [4, 4, 10])
  }

  func testTableShrinksWidestColumnWhenTooWide() {
    let table = TableView(
      columns: [TableColumn("a"), TableColumn("b")], rows: [["abcdefghij", "xyz"]],
      showsHeader: false)
    XCTAssertEqual(table.columnWidths(totalWidth: 9), [5, 3])
    let buffer = drawn(width: 9, height: 1) { b, a in table.draw(into: &b, area: a) }
    XCTAssertEqual(buffer.plainText(), "abcd… xyz")
  }

  func testCodeViewBoxedAndHighlighted() {
    let code = CodeView(code: "x = 1e-3  # lr\nprint(\"hi\")", language: "python", theme: .ansi256)
    let buffer = drawn(width: 30, height: 5) { b, a in code.draw(into: &b, area: a) }
    XCTAssertEqual(
      buffer.plainText(),
      """
      ┌─ python ───────────────────┐
      │ x = 1e-3  # lr             │
      │ print("hi")                │
      └────────────────────────────┘

      """)
    let dump = buffer.styledText()
    XCTAssertEqual(
      dump.styles,
      """
      aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
      a.bbbbccccbbdddd.............a
      a.eeeeebffffb................a
      aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa

      """)
    XCTAssertTrue(dump.legend.contains("c = fg=idx215"))  // number
    XCTAssertTrue(dump.legend.contains("f = fg=idx114"))  // string
  }

  func testCodeViewWrapsLongLinesKeepingIndentAndNumbersLines() {
    let code = CodeView(
      code: "def f():\n    return some_long_name + other", boxed: false, showsLineNumbers: true)
    XCTAssertEqual(
      plain(code.lines(width: 20)),
      ["1 def f():", "2     return", "      ↪ some_long_name", "      ↪ + other"],
      "continuation rows are marked")
  }

  func testStatusBarDropsHintsThenTruncatesMessage() {
    let hints = [KeyHint("q", "back"), KeyHint("?", "help"), KeyHint("↑↓", "scroll")]
    let wide = drawn(width: 30, height: 1) { b, a in
      StatusBar(message: "Lesson 2", hints: hints).draw(into: &b, area: a)
    }
    XCTAssertEqual(wide.plainText(), " Lesson 2      q back  ? help")
    XCTAssertEqual(wide.styledText().styles, "aaaaaaaaaaaaaaabaaaaaaabaaaaaa")
    let narrow = drawn(width: 20, height: 1) { b, a in
      StatusBar(message: "Lesson 2: schedulers", hints: hints).draw(into: &b, area: a)
    }
    XCTAssertEqual(narrow.plainText(), " Lesson 2: … q back")
    let all = drawn(width: 40, height: 1) { b, a in
      StatusBar(hints: hints, glyphs: .ascii).draw(into: &b, area: a)
    }
    XCTAssertEqual(all.plainText(), "              q back  ? help  ↑↓ scroll")
  }

  func testModalIsCentredAndWrapsItsBody() {
    let modal = Modal(
      title: "Help", body: ["q  back", "?  this help, which is long"], footer: "Esc to close")
    let buffer = drawn(width: 26, height: 9) { b, a in
      b.fill(a, with: Cell("x"))
      modal.draw(into: &b, area: a)
    }
    XCTAssertEqual(
      buffer.plainText(),
      """
      xxxxxxxxxxxxxxxxxxxxxxxxxx
      ┌─ Help ─────────────────┐
      │ q  back                │
      │ ?  this help, which is │
      │ long                   │
      │                        │
      │      Esc to close      │
      └────────────────────────┘
      xxxxxxxxxxxxxxxxxxxxxxxxxx
      """)
  }

  func testModalInASCIIAndTooSmallArea() {
    let modal = Modal(title: "T", body: ["one", "two", "three"], glyphs: .ascii)
    let buffer = drawn(width: 9, height: 4) { b, a in modal.draw(into: &b, area: a) }
    XCTAssertEqual(buffer.plainText(), "+- T ---+\n| one   |\n| tw... |\n+-------+")
  }

  func testGaugeAndBorderBox() {
    let gauge = drawn(width: 12, height: 1) { b, a in
      Gauge(fraction: 0.5, label: "50%").draw(into: &b, area: a)
    }
    XCTAssertEqual(gauge.plainText(), "████░░░░ 50%")
    let nan = drawn(width: 4, height: 1) { b, a in
      Gauge(fraction: .nan, glyphs: .ascii).draw(into: &b, area: a)
    }
    XCTAssertEqual(nan.plainText(), "....")
    let box = drawn(width: 12, height: 3) { b, a in
      BorderBox(title: "Title long", glyphs: .ascii).draw(into: &b, area: a)
    }
    XCTAssertEqual(box.plainText(), "+- Tit... -+\n|          |\n+----------+")
    XCTAssertEqual(
      BorderBox().inner(Rect(x: 0, y: 0, width: 12, height: 3)),
      Rect(x: 1, y: 1, width: 10, height: 1))
  }
}

final class RectTests: XCTestCase {
  func testSplitsAndCentering() {
    let r = Rect(x: 2, y: 1, width: 10, height: 6)
    XCTAssertEqual(r.splitTop(2).top, Rect(x: 2, y: 1, width: 10, height: 2))
    XCTAssertEqual(r.splitTop(2).rest, Rect(x: 2, y: 3, width: 10, height: 4))
    XCTAssertEqual(r.splitBottom(1).bottom, Rect(x: 2, y: 6, width: 10, height: 1))
    XCTAssertEqual(r.splitLeft(3).rest, Rect(x: 5, y: 1, width: 7, height: 6))
    XCTAssertEqual(r.centered(width: 4, height: 2), Rect(x: 5, y: 3, width: 4, height: 2))
    XCTAssertEqual(r.centered(width: 40, height: 20), r)
    XCTAssertEqual(r.inset(by: 1), Rect(x: 3, y: 2, width: 8, height: 4))
    XCTAssertEqual(r.inset(by: 9).isEmpty, true)
    XCTAssertTrue(r.contains(x: 2, y: 1))
    XCTAssertFalse(r.contains(x: 12, y: 1))
  }
}

final class CodeViewWrapTests: XCTestCase {
  func testAWrappedCodeLineMarksItsContinuation() {
    let code = CodeView(
      code: "    scheduler = StepLR(optimizer, step_size=10, gamma=0.5)  # every ten epochs\n",
      language: "python", glyphs: .unicode, theme: .monochrome)
    let lines = code.lines(width: 40).map(\.plainText)
    XCTAssertGreaterThan(lines.count, 3, lines.joined(separator: "\n"))
    let body = lines.dropFirst().dropLast()
    XCTAssertTrue(body.dropFirst().allSatisfy { $0.contains("↪") }, body.joined(separator: "\n"))
    XCTAssertFalse(body.first!.contains("↪"))
    XCTAssertTrue(lines.allSatisfy { $0.count <= 40 })
    let ascii = CodeView(code: String(repeating: "x_y ", count: 20), glyphs: .ascii)
    XCTAssertTrue(ascii.lines(width: 30).map(\.plainText).contains { $0.contains(">> ") })
  }
}

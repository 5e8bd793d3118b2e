import Foundation
import Markdown
import XCTest

@testable import TerminalUI

final class ScratchTests: XCTestCase {
  func show(_ b: Buffer) {
    print(
      b.plainText().split(separator: "\n", omittingEmptySubsequences: false).map { "|\($0)|" }
        .joined(separator: "\n"))
    print(b.styledText().styles)
    print(b.styledText().legend)
    print("====")
  }
  func testShowWidgets() {
    let lines: [StyledText] = (1...10).map { StyledText("line \($0)") }
    show(
      drawn(width: 10, height: 4) { b, a in
        ScrollView(lines: lines, offset: 3).draw(into: &b, area: a)
      })
    show(
      drawn(width: 10, height: 4) { b, a in
        ScrollView(lines: lines, offset: 99, glyphs: .ascii).draw(into: &b, area: a)
      })
    show(
      drawn(width: 16, height: 3) { b, a in
        ListView(
          items: ["Intro", "StepLR", "Cosine", "OneCycle"], selected: 3, marks: [0: "✓", 1: "•"]
        ).draw(into: &b, area: a)
      })
    show(
      drawn(width: 20, height: 4) { b, a in
        TableView(
          columns: [
            TableColumn("name"), TableColumn("loss", alignment: .right),
            TableColumn("note", width: .flex(1)),
          ], rows: [["cos", "0.12", "best run so far"], ["step", "1.5", "ok"]], selected: 1
        ).draw(into: &b, area: a)
      })
    show(
      drawn(width: 30, height: 5) { b, a in
        CodeView(code: "x = 1e-3  # lr\nprint(\"hi\")", language: "python", theme: .ansi256).draw(
          into: &b, area: a)
      })
    show(
      drawn(width: 30, height: 1) { b, a in
        StatusBar(
          message: "Lesson 2",
          hints: [KeyHint("q", "back"), KeyHint("?", "help"), KeyHint("↑↓", "scroll")]
        ).draw(into: &b, area: a)
      })
    show(
      drawn(width: 20, height: 1) { b, a in
        StatusBar(
          message: "Lesson 2: schedulers",
          hints: [KeyHint("q", "back"), KeyHint("?", "help"), KeyHint("↑↓", "scroll")]
        ).draw(into: &b, area: a)
      })
    show(
      drawn(width: 24, height: 8) { b, a in
        Modal(
          title: "Help", body: ["q  back", "?  this help, which is long"], footer: "Esc to close"
        ).draw(into: &b, area: a)
      })
    show(
      drawn(width: 12, height: 1) { b, a in
        Gauge(fraction: 0.5, label: "50%").draw(into: &b, area: a)
      })
    show(
      drawn(width: 12, height: 3) { b, a in
        BorderBox(title: "Title long", glyphs: .ascii).draw(into: &b, area: a)
      })
  }
}

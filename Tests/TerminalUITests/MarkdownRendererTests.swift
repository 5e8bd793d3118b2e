import Markdown
import XCTest

@testable import TerminalUI

final class MarkdownRendererTests: XCTestCase {
  let at = SourcePosition(line: 1, column: 1)

  func paragraph(_ inlines: [Inline]) -> Block { Block(.paragraph(inlines), at: at) }

  var lesson: Document {
    Document(blocks: [
      Block(.heading(level: 1, content: [.text("Learning-rate schedulers")]), at: at),
      paragraph([
        .text("A "), .strong([.text("scheduler")]), .text(" changes the "),
        .emphasis([.text("learning rate")]), .text(" during training; see "),
        .link(text: [.text("the docs")], destination: "https://pytorch.org"), .text(" and call "),
        .code("scheduler.step()"), .text(" after "), .code("optimizer.step()"), .text("."),
      ]),
      Block(.heading(level: 2, content: [.text("StepLR")]), at: at),
      Block(
        .bulletList([
          ListItem(blocks: [
            paragraph([
              .text(
                "multiplies the rate by gamma every step_size epochs, which is a long sentence to wrap"
              )
            ]),
            Block(.bulletList([ListItem(blocks: [paragraph([.text("nested")])])]), at: at),
          ]),
          ListItem(checked: true, blocks: [paragraph([.text("done task")])]),
        ]), at: at),
      Block(
        .orderedList(
          start: 9,
          items: [
            ListItem(blocks: [paragraph([.text("nine")])]),
            ListItem(blocks: [paragraph([.text("ten")])]),
          ]),
        at: at),
      Block(
        .code(
          FencedCode(
            language: "python", arguments: "",
            text: "for epoch in range(10):\n    train()  # one epoch\n    scheduler.step()\n",
            fencePosition: at, contentLine: 2)), at: at),
      Block(
        .table(
          Markdown.Table(
            alignments: [.left, .right], header: [[.text("scheduler")], [.text("lr")]],
            rows: [
              [[.text("StepLR")], [.text("0.1")]],
              [[.text("CosineAnnealingLR with a long name")], [.text("0.001")]],
            ])), at: at),
      Block(
        .quote([paragraph([.text("Quoted wisdom that wraps across more than one line of text.")])]),
        at: at),
      Block(.thematicBreak, at: at),
      Block(.heading(level: 3, content: [.text("Sub")]), at: at),
    ])
  }

  func testLessonAt40ColumnsUnicodeMonochrome() {
    let rendered = MarkdownRenderer(theme: .monochrome, glyphs: .unicode, numbersHeadings: true)
      .render(lesson, width: 40)
    XCTAssertEqual(
      plain(rendered.lines).map {
        $0.replacingOccurrences(of: " +$", with: "", options: .regularExpression)
      },
      [
        "Learning-rate schedulers", "════════════════════════", "",
        "A scheduler changes the learning rate", "during training; see the docs",
        "(https://pytorch.org) and call", "scheduler.step() after optimizer.step().", "",
        "1 StepLR", "────────", "",
        "• multiplies the rate by gamma every", "  step_size epochs, which is a long",
        "  sentence to wrap",
        "  ◦ nested", "• [✓] done task", "",
        " 9. nine", "10. ten", "",
        "┌─ python ─────────────────────────────┐",
        "│ for epoch in range(10):              │",
        "│     train()  # one epoch             │",
        "│     scheduler.step()                 │",
        "└──────────────────────────────────────┘", "",
        "scheduler                        │    lr",
        "─────────────────────────────────┼──────",
        "StepLR                           │   0.1",
        "CosineAnnealingLR with a long    │ 0.001",
        "name                             │", "",
        "│ Quoted wisdom that wraps across more", "│ than one line of text.", "",
        String(repeating: "─", count: 40), "",
        "1.1 Sub",
      ])
    XCTAssertEqual(
      rendered.headings,
      [
        HeadingAnchor(level: 1, title: "Learning-rate schedulers", number: "", line: 0),
        HeadingAnchor(level: 2, title: "StepLR", number: "1", line: 8),
        HeadingAnchor(level: 3, title: "Sub", number: "1.1", line: 37),
      ])
    XCTAssertEqual(rendered.blocks.count, 10)
    XCTAssertEqual(rendered.blocks[5], RenderedBlock(blockIndex: 5, lines: 20..<25))
    XCTAssertTrue(rendered.lines.allSatisfy { $0.width <= 40 })
    // Inline code is styled, not backticked: underlined without colour.
    let code = rendered.lines[6].spans.filter { $0.style.attributes.contains(.underline) }
    XCTAssertEqual(code.map(\.text).joined(), "scheduler.step()optimizer.step()")
  }

  func testASCIIModeUsesASCIIGlyphs() {
    let rendered = MarkdownRenderer(theme: .ansi256, glyphs: .ascii).render(lesson, width: 40)
    let text = plain(rendered.lines)
    XCTAssertEqual(text[1], "========================")
    // Inline code never shows backticks (it is coloured, or underlined in monochrome).
    XCTAssertEqual(text[8], "StepLR")  // not numbered by default
    XCTAssertEqual(text[9], "------")
    XCTAssertEqual(text[11], "* multiplies the rate by gamma every")
    XCTAssertEqual(text[14], "  - nested")
    XCTAssertEqual(text[15], "* [x] done task")
    XCTAssertEqual(text[20], "+- python -----------------------------+")
    XCTAssertEqual(text[32], "| Quoted wisdom that wraps across more")
    XCTAssertTrue(text.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
    XCTAssertEqual(text[6], "scheduler.step() after optimizer.step().")
  }

  func testInlineStylesInMonochrome() {
    let renderer = MarkdownRenderer(theme: .monochrome)
    let text = renderer.inline([
      .text("a "), .strong([.text("b "), .emphasis([.text("c")])]), .text(" "),
      .strikethrough([.text("d")]), .lineBreak, .link(text: [.text("e")], destination: "u"),
    ])
    XCTAssertEqual(text.plainText, "a b c ~d~\ne (u)")
    XCTAssertEqual(
      text.spans,
      [
        Span("a ", style: .plain), Span("b ", style: Style(attributes: .bold)),
        Span("c", style: Style(attributes: [.bold, .italic])), Span(" ", style: .plain),
        Span("~d~", style: Style(attributes: .dim)), Span("\n", style: .plain),
        Span("e", style: Style(attributes: .underline)),
        Span(" (u)", style: Style(attributes: .dim)),
      ])
    XCTAssertEqual(
      plain(renderer.inlineLines([.text("one two three")], width: 8, prefix: "1) ")),
      ["1) one", "   two", "   three"])
  }

  func testLinksAsFootnotes() {
    let doc = Document(blocks: [
      paragraph([
        .link(text: [.text("docs")], destination: "https://a.example"), .text(" and "),
        .link(text: [.text("again")], destination: "https://a.example"), .text(" "),
        .link(text: [.text("https://b.example")], destination: "https://b.example"),
      ])
    ])
    let rendered = MarkdownRenderer(links: .footnotes).render(doc, width: 40)
    XCTAssertEqual(
      plain(rendered.lines),
      ["docs[1] and again[1] https://b.example", "", "[1] https://a.example"])
  }

  func testCustomFenceRenderer() {
    let doc = Document(blocks: [
      Block(
        .code(
          FencedCode(language: "lab", arguments: "", text: "x", fencePosition: at, contentLine: 2)),
        at: at),
      Block(
        .code(
          FencedCode(
            language: "text", arguments: "", text: "plain", fencePosition: at, contentLine: 5)),
        at: at),
    ])
    let renderer = MarkdownRenderer(fenceRenderer: { fence, width in
      fence.language == "lab" ? [StyledText("[ Run lab: \(fence.text) ] w=\(width)")] : nil
    })
    let rendered = renderer.render(doc, width: 20)
    XCTAssertEqual(
      plain(rendered.lines),
      [
        "[ Run lab: x ] w=20", "", "┌─ text ───────────┐", "│ plain            │",
        "└──────────────────┘",
      ])
  }

  func testNestedQuoteListAndNarrowWidthNeverOverflow() {
    let doc = Document(blocks: [
      Block(
        .quote([
          Block(
            .bulletList([
              ListItem(blocks: [paragraph([.text("日本語のテキストと emoji 🚀🚀 inside a quote")])])
            ]), at: at)
        ]), at: at)
    ])
    for width in [4, 7, 12, 30] {
      let rendered = MarkdownRenderer().render(doc, width: width)
      XCTAssertTrue(rendered.lines.allSatisfy { $0.width <= max(4, width) }, "width \(width)")
    }
    XCTAssertEqual(
      plain(MarkdownRenderer().render(doc, width: 14).lines),
      ["│ • 日本語のテ", "│   キストと", "│   emoji 🚀🚀", "│   inside a", "│   quote"])
  }

  func testNestedListsTasksAndColourStyles() {
    let doc = Document(blocks: [
      Block(.heading(level: 1, content: [.text("Title")]), at: at),
      Block(
        .orderedList(
          start: 1,
          items: [
            ListItem(blocks: [
              paragraph([.text("step")]),
              Block(
                .bulletList([
                  ListItem(checked: false, blocks: [paragraph([.text("todo item that wraps")])]),
                  ListItem(blocks: [
                    paragraph([.text("deeper")]),
                    Block(.bulletList([ListItem(blocks: [paragraph([.text("deepest")])])]), at: at),
                  ]),
                ]), at: at),
            ])
          ]), at: at),
    ])
    let rendered = MarkdownRenderer(theme: .ansi256).render(doc, width: 20)
    XCTAssertEqual(
      plain(rendered.lines),
      [
        // Bullets follow the nesting depth, the ordered list counting as the first level.
        "Title", "═════", "", "1. step", "   ◦ [ ] todo item", "         that wraps", "   ◦ deeper",
        "     ▪ deepest",
      ])
    XCTAssertEqual(
      rendered.lines[0].spans, [Span("Title", style: Theme.ansi256[.heading(level: 1)])])
    XCTAssertEqual(Theme.ansi256[.heading(level: 1)].attributes, [.bold, .underline])
    XCTAssertEqual(rendered.lines[4].spans[1], Span("◦ ", style: Theme.ansi256[.accent]))
    XCTAssertEqual(rendered.lines[4].spans[2], Span("[ ] ", style: Theme.ansi256[.muted]))
  }
}

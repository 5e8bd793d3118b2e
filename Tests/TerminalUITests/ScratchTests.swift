import Foundation
import Markdown
import XCTest

@testable import TerminalUI

final class ScratchTests: XCTestCase {
  func testShowMarkdown() {
    let p = SourcePosition(line: 1, column: 1)
    let doc = Document(blocks: [
      Block(.heading(level: 1, content: [.text("Learning-rate schedulers")]), at: p),
      Block(
        .paragraph([
          .text("A "), .strong([.text("scheduler")]), .text(" changes the "),
          .emphasis([.text("learning rate")]), .text(" during training; see "),
          .link(text: [.text("the docs")], destination: "https://pytorch.org"), .text(" and call "),
          .code("scheduler.step()"), .text(" after "), .code("optimizer.step()"), .text("."),
        ]), at: p),
      Block(.heading(level: 2, content: [.text("StepLR")]), at: p),
      Block(
        .bulletList([
          ListItem(blocks: [
            Block(
              .paragraph([
                .text(
                  "multiplies the rate by gamma every step_size epochs, which is a long sentence to wrap"
                )
              ]), at: p),
            Block(
              .bulletList([ListItem(blocks: [Block(.paragraph([.text("nested")]), at: p)])]), at: p),
          ]),
          ListItem(checked: true, blocks: [Block(.paragraph([.text("done task")]), at: p)]),
        ]), at: p),
      Block(
        .orderedList(
          start: 9,
          items: [
            ListItem(blocks: [Block(.paragraph([.text("nine")]), at: p)]),
            ListItem(blocks: [Block(.paragraph([.text("ten")]), at: p)]),
          ]), at: p),
      Block(
        .code(
          FencedCode(
            language: "python", arguments: "",
            text: "for epoch in range(10):\n    train()  # one epoch\n    scheduler.step()\n",
            fencePosition: p, contentLine: 2)), at: p),
      Block(
        .table(
          Markdown.Table(
            alignments: [.left, .right], header: [[.text("scheduler")], [.text("lr")]],
            rows: [
              [[.text("StepLR")], [.text("0.1")]],
              [[.text("CosineAnnealingLR with a long name")], [.text("0.001")]],
            ])), at: p),
      Block(
        .quote([
          Block(
            .paragraph([.text("Quoted wisdom that wraps across more than one line of text.")]),
            at: p)
        ]), at: p),
      Block(.thematicBreak, at: p),
      Block(.heading(level: 3, content: [.text("Sub")]), at: p),
    ])
    for (theme, glyphs) in [(Theme.monochrome, Glyphs.unicode), (Theme.ansi256, Glyphs.ascii)] {
      let r = MarkdownRenderer(theme: theme, glyphs: glyphs, numbersHeadings: true).render(
        doc, width: 40)
      var b = Buffer(width: 40, height: r.lines.count)
      for (i, l) in r.lines.enumerated() { b.put(l, x: 0, y: i) }
      print(b.plainText())
      print(r.headings)
      print(r.blocks.map { "\($0.blockIndex):\($0.lines)" })
    }
  }
}

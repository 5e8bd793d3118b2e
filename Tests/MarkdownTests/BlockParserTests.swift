import XCTest

@testable import Markdown

final class BlockParserTests: XCTestCase {
  private func kinds(_ text: String) -> [BlockKind] {
    MarkdownParser.parse(text).blocks.map(\.kind)
  }

  func testHeadingsAndParagraphs() {
    let doc = MarkdownParser.parse("# Title #\n\nSome *text*\nwrapped.\n\n### Sub\n#nospace")
    XCTAssertEqual(
      doc.blocks.map(\.kind),
      [
        .heading(level: 1, content: [.text("Title")]),
        .paragraph([.text("Some "), .emphasis([.text("text")]), .text(" wrapped.")]),
        .heading(level: 3, content: [.text("Sub")]),
        .paragraph([.text("#nospace")]),
      ])
    XCTAssertEqual(doc.blocks.map(\.position.line), [1, 3, 6, 7])
  }

  func testFirstLineOffsetsPositions() {
    let doc = MarkdownParser.parse("para\n\n  ## h", firstLine: 8)
    XCTAssertEqual(
      doc.blocks.map(\.position),
      [SourcePosition(line: 8, column: 1), SourcePosition(line: 10, column: 3)])
  }

  func testFencedCode() {
    let doc = MarkdownParser.parse("text\n```Python extra=1\nx = 1\n\n  y\n```\n~~~\nraw ``` \n~~~")
    guard case .code(let code) = doc.blocks[1].kind, case .code(let tilde) = doc.blocks[2].kind
    else { return XCTFail("\(doc)") }
    XCTAssertEqual(code.language, "python")
    XCTAssertEqual(code.arguments, "extra=1")
    XCTAssertEqual(code.text, "x = 1\n\n  y")
    XCTAssertEqual(code.fencePosition, SourcePosition(line: 2, column: 1))
    XCTAssertEqual(code.contentLine, 3)
    XCTAssertEqual(tilde.text, "raw ``` ")
    XCTAssertEqual(tilde.language, "")
  }

  func testUnterminatedFenceRunsToEnd() {
    let doc = MarkdownParser.parse("```lab id=x\na\n# not a heading")
    XCTAssertEqual(doc.blocks.count, 1)
    guard case .code(let code) = doc.blocks[0].kind else { return XCTFail() }
    XCTAssertEqual(code.text, "a\n# not a heading")
  }

  func testListsNestedAndTasks() {
    let text = """
      - one
        continued
      - [x] done
      - [ ] todo
        1. inner
        2) other
           ```python
           code()
           ```
      * new list
      """
    let blocks = kinds(text)
    XCTAssertEqual(blocks.count, 2)
    guard case .bulletList(let items) = blocks[0] else { return XCTFail("\(blocks)") }
    XCTAssertEqual(items.count, 3)
    XCTAssertEqual(items.map(\.checked), [nil, true, false])
    XCTAssertEqual(items[0].blocks.map(\.kind), [.paragraph([.text("one continued")])])
    XCTAssertEqual(items[2].blocks.count, 3)
    guard case .orderedList(let start, let inner) = items[2].blocks[1].kind,
      case .orderedList(2, let other) = items[2].blocks[2].kind
    else { return XCTFail("\(items[2])") }
    XCTAssertEqual(start, 1)
    XCTAssertEqual(inner.count, 1)
    XCTAssertEqual(
      other[0].blocks.map(\.kind),
      [
        .paragraph([.text("other")]),
        .code(
          FencedCode(
            language: "python", arguments: "", text: "code()",
            fencePosition: SourcePosition(line: 7, column: 6), contentLine: 8)),
      ])
    guard case .bulletList(let second) = blocks[1] else { return XCTFail() }
    XCTAssertEqual(second.count, 1)
  }

  func testLazyContinuationAndLooseList() {
    let blocks = kinds("1. a\nlazy\n\n3. b\n\n   para in b\nafter")
    XCTAssertEqual(
      blocks,
      [
        .orderedList(
          start: 1,
          items: [
            ListItem(blocks: [Block(.paragraph([.text("a lazy")]), at: .init(line: 1, column: 4))]),
            ListItem(blocks: [
              Block(.paragraph([.text("b")]), at: .init(line: 4, column: 4)),
              Block(.paragraph([.text("para in b after")]), at: .init(line: 6, column: 4)),
            ]),
          ])
      ])
  }

  func testTables() {
    let text = """
      | Scheduler | Call `step()` | Note |
      |:---|:---:|---:|
      | `StepLR` | per epoch | a \\| b |
      | `OneCycleLR` | per *batch* |
      | x | y | z | extra |
      not a row
      """
    let blocks = MarkdownParser.parse(text).blocks
    guard case .table(let table) = blocks[0].kind else { return XCTFail("\(blocks)") }
    XCTAssertEqual(table.alignments, [.left, .center, .right])
    XCTAssertEqual(table.header[1], [.text("Call "), .code("step()")])
    XCTAssertEqual(table.rows.count, 3)
    XCTAssertEqual(table.rows[0], [[.code("StepLR")], [.text("per epoch")], [.text("a | b")]])
    XCTAssertEqual(table.rows[1][2], [])
    XCTAssertEqual(table.rows[2].count, 3)
    XCTAssertEqual(blocks[1].kind, .paragraph([.text("not a row")]))
  }

  func testPipeInCodeSpanEscapedInTable() {
    let blocks = kinds("|a|b|\n|-|-|\n|`x \\| y`|z|")
    guard case .table(let table) = blocks[0] else { return XCTFail() }
    XCTAssertEqual(table.rows[0][0], [.code("x | y")])
  }

  func testQuotesAndBreaks() {
    let blocks = kinds("> quoted *a*\nlazy\n> > inner\n\n---\n***\n- - -")
    XCTAssertEqual(blocks.count, 4)
    guard case .quote(let inner) = blocks[0] else { return XCTFail() }
    XCTAssertEqual(
      inner.first?.kind, .paragraph([.text("quoted "), .emphasis([.text("a")]), .text(" lazy")]))
    XCTAssertEqual(blocks[1...].map { $0 }, [.thematicBreak, .thematicBreak, .thematicBreak])
  }

  func testCRLFTabsAndBOM() {
    let doc = MarkdownParser.parse("\u{FEFF}# Title\r\n\r\n-\titem\r\n\r\n```\r\n\tx\r\n```\r\n")
    XCTAssertEqual(doc.blocks[0].kind, .heading(level: 1, content: [.text("Title")]))
    guard case .bulletList(let items) = doc.blocks[1].kind,
      case .code(let code) = doc.blocks[2].kind
    else { return XCTFail("\(doc)") }
    XCTAssertEqual(items[0].blocks.map(\.kind), [.paragraph([.text("item")])])
    XCTAssertEqual(code.text, "    x")
    XCTAssertEqual(doc.blocks[2].position.line, 5)
  }

  func testLoneCRLineEndings() {
    XCTAssertEqual(kinds("a\rb\r\rc"), [.paragraph([.text("a b")]), .paragraph([.text("c")])])
  }

  func testDeeplyNestedQuotesDoNotOverflow() {
    let text = String(repeating: ">", count: 10_000) + " deep"
    let doc = MarkdownParser.parse(text)
    var depth = 0
    var blocks = doc.blocks
    while case .quote(let inner)? = blocks.first?.kind {
      depth += 1
      blocks = inner
    }
    XCTAssertEqual(depth, MarkdownParser.maxNestingDepth)
    guard case .paragraph(let inlines)? = blocks.first?.kind else { return XCTFail() }
    XCTAssertTrue(inlines.plainText.hasSuffix("> deep"))
  }

  func testDeeplyNestedListsDoNotOverflow() {
    var text = ""
    for level in 0..<300 { text += String(repeating: "  ", count: level) + "- x\n" }
    XCTAssertEqual(MarkdownParser.parse(text).blocks.count, 1)
  }

  func testLargeDocumentParses() {
    let chunk = """
      ## Section *one*

      Paragraph with `code`, [a link](u) and **strong** text, 学习率 🚀.

      - item one
      - item two

      | a | b |
      |---|---|
      | 1 | 2 |

      ```python
      x = 1
      ```

      """
    let count = 2 * 1024 * 1024 / chunk.utf8.count
    let doc = MarkdownParser.parse(String(repeating: chunk, count: count))
    XCTAssertEqual(doc.blocks.count, count * 5)
  }
}

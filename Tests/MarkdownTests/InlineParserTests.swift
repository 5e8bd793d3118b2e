import XCTest

@testable import Markdown

final class InlineParserTests: XCTestCase {
  private func inlines(_ text: String) -> [Inline] { MarkdownParser.parseInlines(text) }

  func testPlainText() {
    XCTAssertEqual(inlines("hello world"), [.text("hello world")])
  }

  func testEmphasisAndStrong() {
    XCTAssertEqual(
      inlines("a *b* __c__ _d_ **e**"),
      [
        .text("a "), .emphasis([.text("b")]), .text(" "), .strong([.text("c")]), .text(" "),
        .emphasis([.text("d")]), .text(" "), .strong([.text("e")]),
      ])
  }

  func testNestedEmphasis() {
    XCTAssertEqual(
      inlines("***both***"), [.emphasis([.strong([.text("both")])])])
    XCTAssertEqual(
      inlines("*a **b** c*"),
      [.emphasis([.text("a "), .strong([.text("b")]), .text(" c")])])
    XCTAssertEqual(
      inlines("**a *b* c**"),
      [.strong([.text("a "), .emphasis([.text("b")]), .text(" c")])])
    XCTAssertEqual(inlines("***a** b*"), [.emphasis([.strong([.text("a")]), .text(" b")])])
  }

  func testIntrawordUnderscoreIsText() {
    XCTAssertEqual(inlines("snake_case_name"), [.text("snake_case_name")])
    XCTAssertEqual(inlines("2*3*4"), [.text("2"), .emphasis([.text("3")]), .text("4")])
  }

  func testUnmatchedDelimitersAreText() {
    XCTAssertEqual(inlines("a * b"), [.text("a * b")])
    XCTAssertEqual(inlines("**open"), [.text("**open")])
    XCTAssertEqual(inlines("~single~"), [.text("~single~")])
  }

  func testStrikethrough() {
    XCTAssertEqual(inlines("~~gone~~ kept"), [.strikethrough([.text("gone")]), .text(" kept")])
  }

  func testCodeSpans() {
    XCTAssertEqual(inlines("use `lr=0.1` here"), [.text("use "), .code("lr=0.1"), .text(" here")])
    XCTAssertEqual(inlines("`` a`b ``"), [.code("a`b")])
    XCTAssertEqual(inlines("`*not em*`"), [.code("*not em*")])
    XCTAssertEqual(inlines("`unclosed"), [.text("`unclosed")])
    XCTAssertEqual(inlines("`a\\`"), [.code("a\\")])
  }

  func testLinks() {
    XCTAssertEqual(
      inlines("see [the *docs*](https://pytorch.org/docs) now"),
      [
        .text("see "),
        .link(
          text: [.text("the "), .emphasis([.text("docs")])],
          destination: "https://pytorch.org/docs"),
        .text(" now"),
      ])
    XCTAssertEqual(
      inlines("[a](<x y> \"title\")"), [.link(text: [.text("a")], destination: "x y")])
    XCTAssertEqual(inlines("[not a link] (x)"), [.text("[not a link] (x)")])
    XCTAssertEqual(
      inlines("[f(x)](https://e.org/f_(x))"),
      [.link(text: [.text("f(x)")], destination: "https://e.org/f_(x)")])
  }

  func testEscapes() {
    XCTAssertEqual(inlines("\\*not em\\* \\[x\\]"), [.text("*not em* [x]")])
    XCTAssertEqual(inlines("a\\b"), [.text("a\\b")])
  }

  func testHardAndSoftBreaks() {
    XCTAssertEqual(
      inlines("one  \ntwo\\\nthree\nfour"),
      [.text("one"), .lineBreak, .text("two"), .lineBreak, .text("three four")])
  }

  func testNonASCIIAndWide() {
    XCTAssertEqual(
      inlines("学习率 *调度* 🚀 café"),
      [.text("学习率 "), .emphasis([.text("调度")]), .text(" 🚀 café")])
  }

  func testDeepNestingStaysText() {
    let n = 10_000
    let text = String(repeating: "*a ", count: n) + "x" + String(repeating: " a*", count: n)
    let result = inlines(text)
    XCTAssertLessThanOrEqual(depth(result), InlineParser.maxDepth)
    XCTAssertEqual(result.plainText.filter { $0 == "a" }.count, 2 * n)
    let brackets = String(repeating: "[", count: n) + "x" + String(repeating: "](u)", count: n)
    XCTAssertLessThanOrEqual(depth(inlines(brackets)), InlineParser.maxDepth)
  }

  private func depth(_ inlines: [Inline]) -> Int {
    inlines.map { inline in
      switch inline {
      case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(let c, _):
        1 + depth(c)
      default: 0
      }
    }.max() ?? 0
  }
}

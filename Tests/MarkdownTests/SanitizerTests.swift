import XCTest

@testable import Markdown

final class SanitizerTests: XCTestCase {
  func testEscapeSequencesBecomeOneReplacement() {
    XCTAssertEqual(Sanitizer.clean("a\u{1B}[31;1mred\u{1B}[0m"), "a\u{FFFD}red\u{FFFD}")
    XCTAssertEqual(Sanitizer.clean("\u{1B}]0;title\u{07}x"), "\u{FFFD}x")
    XCTAssertEqual(Sanitizer.clean("\u{1B}]8;;http://e\u{1B}\\link"), "\u{FFFD}link")
    XCTAssertEqual(Sanitizer.clean("\u{9B}2Jx\u{9D}osc\u{9C}y"), "\u{FFFD}x\u{FFFD}y")
    XCTAssertEqual(Sanitizer.clean("\u{1B}(Bz\u{1B}"), "\u{FFFD}z\u{FFFD}")
    XCTAssertEqual(Sanitizer.clean("\u{1B}]unterminated\nnext"), "\u{FFFD}\nnext")
    XCTAssertEqual(Sanitizer.clean("\u{1B}Pdcs\u{1B}\\ok"), "\u{FFFD}ok")
  }

  func testControlsDELC1AndBidiAreReplaced() {
    XCTAssertEqual(
      Sanitizer.clean("a\u{07}b\u{00}c\u{7F}d\u{85}e"), "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e")
    XCTAssertEqual(
      Sanitizer.clean("x\u{202E}y\u{2066}z\u{200F}"), "x\u{FFFD}y\u{FFFD}z\u{FFFD}")
  }

  func testNewlinesTabsAndCR() {
    XCTAssertEqual(Sanitizer.clean("a\r\nb\rc\n\td"), "a\nb\nc\n    d")
    XCTAssertEqual(Sanitizer.clean("ab\tc"), "ab  c")
    XCTAssertEqual(Sanitizer.cleanLine("a\nb"), "a b")
  }

  func testCleanTextIsUnchanged() {
    let text = "学习率 🚀 café — “quotes”"
    XCTAssertEqual(Sanitizer.clean(text), text)
  }

  func testParsedModelHoldsNoControls() {
    let hostile =
      "# T\u{1B}[2Jitle\n\npara \u{1B}]0;pwned\u{07} *em\u{202E}*\n\n```py\u{1B}[m\nx\u{9B}31m\n```\n\n| a\u{07} |\n|---|\n| \u{1B}c |\n\n- [x] \u{7F}item\n> q\u{85}"
    let doc = MarkdownParser.parse(hostile)
    let dump = String(describing: doc)
    for scalar in dump.unicodeScalars {
      XCTAssertFalse(Sanitizer.isForbidden(scalar) && scalar != "\n", "found \(scalar.value)")
    }
    XCTAssertTrue(dump.contains("\u{FFFD}"))
    // The description escapes nothing dangerous: check the raw model strings too.
    var strings: [String] = []
    collect(doc.blocks, into: &strings)
    XCTAssertFalse(strings.isEmpty)
    for s in strings {
      XCTAssertFalse(s.unicodeScalars.contains { Sanitizer.isForbidden($0) && $0 != "\n" }, s)
    }
  }

  private func collect(_ blocks: [Block], into out: inout [String]) {
    for block in blocks {
      switch block.kind {
      case .heading(_, let c), .paragraph(let c): collect(c, into: &out)
      case .bulletList(let items), .orderedList(_, let items):
        for item in items { collect(item.blocks, into: &out) }
      case .code(let code): out += [code.text, code.language, code.arguments]
      case .table(let t):
        for cell in t.header + t.rows.flatMap({ $0 }) { collect(cell, into: &out) }
      case .quote(let inner): collect(inner, into: &out)
      case .thematicBreak: break
      }
    }
  }

  private func collect(_ inlines: [Inline], into out: inout [String]) {
    for inline in inlines {
      switch inline {
      case .text(let s), .code(let s): out.append(s)
      case .emphasis(let c), .strong(let c), .strikethrough(let c): collect(c, into: &out)
      case .link(let c, let d):
        out.append(d)
        collect(c, into: &out)
      case .lineBreak: break
      }
    }
  }
}

final class SanitizerHardeningTests: XCTestCase {
  func testZeroWidthCharactersAreMadeVisible() {
    XCTAssertEqual(
      Sanitizer.clean("a\u{200B}b\u{200D}c\u{FEFF}d\u{2060}e"),
      "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e")
    XCTAssertEqual(Sanitizer.cleanLine("id\u{200C}x"), "id\u{FFFD}x")
  }

  func testCombiningStacksAreBounded() {
    let zalgo = "Z" + String(repeating: "\u{0301}", count: 50) + "a"
    let cleaned = Sanitizer.clean(zalgo)
    XCTAssertEqual(cleaned, "Z" + String(repeating: "\u{0301}", count: 4) + "\u{FFFD}a")
    // Ordinary accents and Vietnamese double marks are kept as they are.
    XCTAssertEqual(
      Sanitizer.clean("cafe\u{0301} Vie\u{0323}\u{0302}t"), "cafe\u{0301} Vie\u{0323}\u{0302}t")
  }

  func testNULAndOSCPayloadsNeverSurvive() {
    XCTAssertEqual(Sanitizer.clean("a\u{0}b"), "a\u{FFFD}b")
    XCTAssertEqual(Sanitizer.clean("\u{1B}]52;c;aGk=\u{07}x"), "\u{FFFD}x")
    XCTAssertEqual(Sanitizer.clean("\u{1B}]2;title\u{1B}\\x"), "\u{FFFD}x")
    XCTAssertEqual(Sanitizer.clean("\u{202E}evil"), "\u{FFFD}evil")
  }
}

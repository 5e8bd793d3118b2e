import XCTest

@testable import TerminalUI

final class PythonHighlighterTests: XCTestCase {
  func kinds(_ code: String) -> [[String]] {
    PythonHighlighter().tokenize(code).map { line in
      line.filter { $0.kind != .plain }.map { "\($0.kind):\($0.text)" }
    }
  }

  func testKeywordsBuiltinsNumbersStringsComments() {
    XCTAssertEqual(
      kinds("for i in range(10):  # loop"),
      [["keyword:for", "keyword:in", "builtin:range", "number:10", "comment:# loop"]])
    XCTAssertEqual(kinds("lr = 1.5e-3 + 0x1F"), [["number:1.5e-3", "number:0x1F"]])
    XCTAssertEqual(kinds("s = f'x{y}' + r\"\\d\""), [["string:f'x{y}'", "string:r\"\\d\""]])
    XCTAssertEqual(kinds("return None"), [["keyword:return", "keyword:None"]])
  }

  func testIdentifiersContainingDigitsOrKeywordsStayPlain() {
    XCTAssertEqual(kinds("x2 = form + iffy + self.len"), [["builtin:self"]])
    XCTAssertEqual(kinds("optimizer.step()"), [[]])
  }

  func testEscapedQuoteAndHashInsideString() {
    XCTAssertEqual(kinds("'a\\'#b' # c"), [["string:'a\\'#b'", "comment:# c"]])
  }

  func testTripleQuotedStringSpansLines() {
    XCTAssertEqual(
      kinds("x = \"\"\"doc\nstill # doc\n\"\"\" + 1"),
      [["string:\"\"\"doc"], ["string:still # doc"], ["string:\"\"\"", "number:1"]])
  }

  func testDecorator() {
    XCTAssertEqual(
      kinds("@torch.no_grad()\ndef f(): pass"),
      [["decorator:@torch.no_grad"], ["keyword:def", "keyword:pass"]])
  }
}

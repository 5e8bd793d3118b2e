import XCTest

@testable import Markdown

/// Random Markdown-ish input: the parser must not crash, must keep its invariants (no control
/// characters in the model, nesting within the caps), and must give the same result twice.
final class FuzzTests: XCTestCase {
  private let alphabet: [Unicode.Scalar] = Array(
    "*_~`[]()!#>-+1.)|\\\n\n\n\t :xy学🚀<\"'=\u{1B}\u{07}\u{9B}\r".unicodeScalars)

  func testRandomInputs() {
    var state: UInt64 = 0x1234_5678
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33)
    }
    for _ in 0..<300 {
      var scalars = String.UnicodeScalarView()
      for _ in 0..<(next() % 600) { scalars.append(alphabet[next() % alphabet.count]) }
      let text = String(scalars)
      let doc = MarkdownParser.parse(text)
      XCTAssertEqual(doc, MarkdownParser.parse(text))
      let dump = String(describing: doc)
      XCTAssertFalse(
        dump.unicodeScalars.contains { $0 != "\n" && Sanitizer.isForbidden($0) },
        text.debugDescription)
      XCTAssertLessThanOrEqual(blockDepth(doc.blocks), MarkdownParser.maxNestingDepth + 1)
    }
  }

  private func blockDepth(_ blocks: [Block]) -> Int {
    blocks.map { block in
      switch block.kind {
      case .quote(let inner): 1 + blockDepth(inner)
      case .bulletList(let items), .orderedList(_, let items):
        1 + (items.map { blockDepth($0.blocks) }.max() ?? 0)
      default: 0
      }
    }.max() ?? 0
  }
}

import XCTest

@testable import App

final class LabASCIITests: XCTestCase {
  func testASCIIModeDrawsOnlySevenBitCharacters() {
    let ascii = DisplayCapabilities(unicode: false, color: .none)
    var d = LabDriver(engine: .standard, width: 100, height: 30, capabilities: ascii)
    d.key("1")
    d.tick(60)
    d.key(" ")
    d.key("c")
    d.key("t")
    d.tick(200)
    for frame in [render(d.model)] {
      let text = frame.plainText()
      let area = d.model.contentArea
      for (row, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      where row >= area.y && row < area.maxY {
        XCTAssertTrue(line.allSatisfy(\.isASCII), "row \(row): \(line)")
      }
    }
    d.key("m")
    let after = render(d.model).plainText().split(separator: "\n").dropFirst().dropLast()
    XCTAssertTrue(after.allSatisfy { $0.allSatisfy(\.isASCII) }, after.joined(separator: "\n"))
  }
}

import XCTest

final class PlaceholderMarkdownTests: XCTestCase {
  func testPlaceholder() { XCTAssertTrue(true) }
}

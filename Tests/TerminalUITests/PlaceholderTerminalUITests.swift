import XCTest

final class PlaceholderTerminalUITests: XCTestCase {
  func testPlaceholder() { XCTAssertTrue(true) }
}

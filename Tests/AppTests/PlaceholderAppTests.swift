import XCTest

final class PlaceholderAppTests: XCTestCase {
  func testPlaceholder() { XCTAssertTrue(true) }
}

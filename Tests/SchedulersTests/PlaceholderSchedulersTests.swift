import XCTest

final class PlaceholderSchedulersTests: XCTestCase {
  func testPlaceholder() { XCTAssertTrue(true) }
}

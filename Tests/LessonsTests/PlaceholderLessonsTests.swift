import XCTest

final class PlaceholderLessonsTests: XCTestCase {
  func testPlaceholder() { XCTAssertTrue(true) }
}

import XCTest

final class PlaceholderTrainingTests: XCTestCase {
  func testPlaceholder() { XCTAssertTrue(true) }
}

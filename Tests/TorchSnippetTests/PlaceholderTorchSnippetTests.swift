import XCTest

final class PlaceholderTorchSnippetTests: XCTestCase {
  func testPlaceholder() { XCTAssertTrue(true) }
}

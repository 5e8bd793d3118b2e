import XCTest

final class BinaryExistsTests: XCTestCase {
  func testBinaryPrintsHelp() throws {
    let result = try runLrlab(["--help"])
    XCTAssertEqual(result.status, 0)
    XCTAssertTrue(result.stdout.contains("USAGE"), result.stdout)
  }
}

import XCTest

/// The binary's top level: help, and usage errors exiting 2 like every other bad input.
final class UsageErrorTests: XCTestCase {
  func testHelpListsEverySubcommand() throws {
    let result = try runLrlab(["--help"])
    XCTAssertEqual(result.status, 0)
    for name in ["lab", "schedule", "simulate", "range-test", "lessons", "progress"] {
      XCTAssertTrue(result.stdout.contains(name), "help lacks \(name): \(result.stdout)")
    }
  }

  func testUnknownFlagExitsTwoWithAMessage() throws {
    let result = try runLrlab(["schedule", "--no-such-flag", "StepLR(optimizer, 5)"])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("--no-such-flag"), result.stderr)
  }
}

import GoldenFixtures
import Schedulers
import XCTest

/// Every case of the PyTorch golden file, built directly in Swift and matched row by row.
final class GoldenScheduleTests: XCTestCase {
  static let recipes = basicRecipes.merging(compositeRecipes) { first, _ in first }

  func testEveryGoldenCaseHasARecipe() throws {
    let golden = try GoldenFile.load()
    XCTAssertEqual(golden.cases.count, 108)
    let missing = golden.cases.map(\.id).filter { Self.recipes[$0] == nil }
    XCTAssertEqual(missing, [], "golden cases without a Swift recipe")
    XCTAssertEqual(Self.recipes.count, 108, "recipes for ids not in the golden file")
  }

  func testEveryGoldenCaseMatchesPyTorch() throws {
    let golden = try GoldenFile.load()
    for golden in golden.cases {
      guard let recipe = Self.recipes[golden.id] else { continue }
      assertMatches(runRecipe(recipe, steps: golden.steps, metrics: golden.metrics), golden)
    }
  }
}

#if os(Linux)
  /// On Linux (glibc's libm, as the recording) the port is not just within 1e-12: every value
  /// is the same double PyTorch produced.
  final class GoldenBitIdentityTests: XCTestCase {
    func testEveryRecordedValueIsBitIdentical() throws {
      for golden in try GoldenFile.load().cases {
        guard let recipe = GoldenScheduleTests.recipes[golden.id] else { continue }
        let result = runRecipe(recipe, steps: golden.steps, metrics: golden.metrics)
        XCTAssertEqual(result.lr, Array(golden.lr.prefix(result.lr.count)), golden.id)
        if let momentum = golden.momentum {
          XCTAssertEqual(result.momentum, Array(momentum.prefix(result.momentum.count)), golden.id)
        }
      }
    }
  }
#endif

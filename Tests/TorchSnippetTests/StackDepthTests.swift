import Foundation
import Schedulers
import TorchSnippet
import XCTest

/// The nesting limits keep the worst case (maximal nesting inside maximal lambda recursion)
/// within 1 MiB of stack in a debug build — an eighth of a Linux thread's default 8 MiB — so
/// hostile input cannot overflow the stack of whichever thread reads it.
final class StackDepthTests: XCTestCase {
  /// The deepest parenthesization the parser accepts.
  func deepestParentheses() -> Int {
    var n = 1
    while parseError(
      "x = " + String(repeating: "(", count: n + 1) + "1" + String(repeating: ")", count: n + 1))
      == nil
    {
      n += 1
    }
    return n
  }

  func testWorstCaseFitsASmallStack() throws {
    let n = deepestParentheses() - 2
    XCTAssertGreaterThan(n, 10)
    let body = String(repeating: "(", count: n) + "f(s)" + String(repeating: ")", count: n)
    let source = "f = lambda s: \(body)\nscheduler = LambdaLR(optimizer, f)"
    let chain =
      "x = " + Array(repeating: "1", count: 40).joined(separator: " + ")
      + "\nscheduler = StepLR(optimizer, x)"
    nonisolated(unsafe) var results: [SnippetError?] = []
    let thread = Thread {
      results.append(buildError(source))
      results.append(buildError(chain))
      results.append(parseError("x = " + Array(repeating: "1", count: 5000).joined(separator: "+")))
      results.append(parseError("x = a" + String(repeating: ".b", count: 5000)))
    }
    thread.stackSize = 1024 * 1024
    thread.start()
    while !thread.isFinished { Thread.sleep(forTimeInterval: 0.01) }
    XCTAssertEqual(results.count, 4)
    XCTAssertEqual(results[0]?.pythonError?.type, "RecursionError")
    XCTAssertNil(results[1] ?? nil, "a 40-term sum is fine")
    XCTAssertEqual(results[2]?.message, "too deeply nested")
    XCTAssertEqual(results[3]?.message, "too deeply nested")
  }
}

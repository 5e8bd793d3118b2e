import XCTest

@testable import TerminalUI

final class AxisTicksTests: XCTestCase {
  func testNiceSteps() {
    XCTAssertEqual(AxisTicks.niceStep(span: 10, maxCount: 5), 2)
    XCTAssertEqual(AxisTicks.niceStep(span: 1, maxCount: 5), 0.2, accuracy: 1e-15)
    XCTAssertEqual(AxisTicks.niceStep(span: 0.07, maxCount: 4), 0.02, accuracy: 1e-15)
    XCTAssertEqual(AxisTicks.niceStep(span: 3000, maxCount: 6), 500)
    XCTAssertEqual(AxisTicks.niceStep(span: 9, maxCount: 1), 10)
  }

  func testLinearTicks() {
    XCTAssertEqual(AxisTicks.linear(0...10, maxCount: 6).ticks, [0, 2, 4, 6, 8, 10])
    XCTAssertEqual(AxisTicks.linear(0...10, maxCount: 3).ticks, [0, 5, 10])
    XCTAssertEqual(AxisTicks.linear(-1...1, maxCount: 5).ticks, [-1, -0.5, 0, 0.5, 1])
    XCTAssertEqual(AxisTicks.linear(3...3, maxCount: 5).ticks, [3])
    let steps = AxisTicks.linear(0...1000, maxCount: 4)
    XCTAssertEqual(steps.ticks, [0, 500, 1000])
    XCTAssertEqual(steps.step, 500)
  }

  func testLogTicksAreDecades() {
    XCTAssertEqual(AxisTicks.log(1e-3...0.1, maxCount: 5), [1e-3, 1e-2, 1e-1].map { $0 })
    let many = AxisTicks.log(1e-5...10, maxCount: 3)
    XCTAssertEqual(many.count, 3)
    XCTAssertEqual(many[0], 1e-5, accuracy: 1e-20)
    XCTAssertEqual(many[1], 1e-2, accuracy: 1e-17)
    XCTAssertEqual(many[2], 10, accuracy: 1e-12)
  }

  func testLogTicksWithinOneDecadeUse125() {
    XCTAssertEqual(AxisTicks.log(0.015...0.09, maxCount: 5), [0.02, 0.05])
    XCTAssertEqual(AxisTicks.log(0.009...0.06, maxCount: 5), [0.01, 0.02, 0.05])
  }

  func testLabels() {
    XCTAssertEqual(AxisTicks.logLabel(1e-3), "1e-3")
    XCTAssertEqual(AxisTicks.logLabel(0.1), "0.1")
    XCTAssertEqual(AxisTicks.logLabel(1), "1")
    XCTAssertEqual(AxisTicks.logLabel(1000), "1000")
    XCTAssertEqual(AxisTicks.logLabel(1e4), "1e4")
    XCTAssertEqual(AxisTicks.logLabel(2e-5), "2e-5")
    XCTAssertEqual(AxisTicks.logLabel(0.05), "5e-2")
    XCTAssertEqual(AxisTicks.label(0.25, step: 0.05), "0.25")
    XCTAssertEqual(AxisTicks.label(0.5, step: 0.5), "0.5")
    XCTAssertEqual(AxisTicks.label(1500, step: 500), "1500")
    XCTAssertEqual(AxisTicks.label(-2, step: 1), "-2")
    XCTAssertEqual(AxisTicks.label(0, step: 0.1), "0")
    XCTAssertEqual(AxisTicks.label(2e6, step: 1e6), "2e6")
    XCTAssertEqual(AxisTicks.label(3e-5, step: 1e-5), "3e-5")
    XCTAssertEqual(AxisTicks.scientific(2.5e-4), "2.5e-4")
    XCTAssertEqual(AxisTicks.scientific(9.96e-4), "1e-3")
  }

  func testNice125Bounds() {
    XCTAssertEqual(AxisTicks.nice125(atLeast: 0.10001), 0.2, accuracy: 1e-15)
    XCTAssertEqual(AxisTicks.nice125(atLeast: 0.1), 0.1, accuracy: 1e-15)
    XCTAssertEqual(AxisTicks.nice125(atMost: 6.25e-3), 5e-3, accuracy: 1e-18)
    XCTAssertEqual(AxisTicks.nice125(atMost: 1e-5), 1e-5, accuracy: 1e-20)
    XCTAssertEqual(AxisTicks.nice125(atLeast: 3), 5)
  }
}

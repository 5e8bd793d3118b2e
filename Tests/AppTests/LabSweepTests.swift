import TerminalUI
import Training
import XCTest

@testable import App

/// The Lab's sweep state, without a terminal: bounded slices per tick, the grid around the
/// peak, and the point Enter opens.
final class LabSweepTests: XCTestCase {
  func oneCycle(epochs: Int = 4) -> LabConfig {
    var config = LabConfig()
    config.epochs = epochs
    config.select(.oneCycleLR, stepsPerEpoch: 8)
    config.setKnob("max_lr", .number(0.05))
    return config
  }

  func testTheGridSurroundsThePeakAndFillsInTwoRunsPerTick() throws {
    var sweep = try LabSweepState.make(for: oneCycle()).get()
    XCTAssertEqual(sweep.plan.lrs.count, LabSweepState.points)
    XCTAssertEqual(sweep.plan.lrs.first!, 0.00167)
    XCTAssertEqual(sweep.plan.lrs.last!, 0.15)
    XCTAssertEqual(sweep.result.scheduleNames, ["constant", "OneCycleLR"])
    XCTAssertTrue(sweep.wantsTicks)
    sweep.tick()
    XCTAssertEqual(sweep.completedRuns, 2)
    XCTAssertEqual(sweep.result.cells[0].completed, 2)
    XCTAssertTrue(sweep.statusText.hasPrefix("Sweep (training 2/54)"), sweep.statusText)
    while sweep.wantsTicks { sweep.tick() }
    XCTAssertEqual(sweep.completedRuns, 54)
    // The same numbers as the plan trained in one go on every core (one computation).
    XCTAssertEqual(sweep.result, sweep.plan.runAll())
  }

  func testEnterOpensThePointUnderTheCursor() throws {
    var sweep = try LabSweepState.make(for: oneCycle()).get()
    XCTAssertEqual(sweep.cursor.schedule, 1)
    sweep.move(lr: 2)
    sweep.move(schedule: -1)
    let constant = sweep.cursorSetup
    XCTAssertEqual(constant.template, .constant)
    XCTAssertEqual(constant.lr, sweep.plan.lrs[6])
    sweep.move(schedule: 1)
    let point = sweep.cursorSetup
    XCTAssertEqual(point.template, .oneCycleLR)
    XCTAssertEqual(point.peak, sweep.plan.lrs[6])
    XCTAssertEqual(point.seed, 0)
  }

  func testTypedCodeIsRefused() {
    var config = LabConfig()
    config.schedule = .code("scheduler = StepLR(optimizer, step_size=2)")
    guard case .failure(let problem) = LabSweepState.make(for: config) else {
      return XCTFail("typed code should be refused")
    }
    XCTAssertTrue(problem.message.contains("knobs"), problem.message)
  }
}

import XCTest

@testable import App

/// A deterministic stand-in for the simulator: loss 1/step, an epoch every `stepsPerEpoch`.
final class FakeSimulation: LabSimulation {
  let total: Int
  let stepsPerEpoch: Int
  private(set) var requests: [Int] = []

  init(total: Int, stepsPerEpoch: Int = 4) {
    self.total = total
    self.stepsPerEpoch = stepsPerEpoch
  }

  static func trace(total: Int, stepsPerEpoch: Int = 4) -> LabTrace {
    LabTrace(groupNames: ["0"], stepsPerEpoch: stepsPerEpoch, plannedSteps: total)
  }

  func advance(maxSteps: Int, into trace: inout LabTrace) {
    requests.append(maxSteps)
    for _ in 0..<maxSteps where trace.steps.count < total {
      let step = trace.steps.count + 1
      trace.steps.append(
        LabStepRecord(
          step: step, epoch: (step - 1) / stepsPerEpoch, lrs: [0.1], momenta: [0.9],
          trainLoss: 1 / Double(step)))
      if step % stepsPerEpoch == 0 {
        trace.epochs.append(
          LabEpochRecord(epoch: step / stepsPerEpoch - 1, lastStep: step, valLoss: 2 / Double(step))
        )
      }
    }
    if trace.steps.count >= total { trace.finished = true }
  }
}

final class LabPlaybackTests: XCTestCase {
  func makeRun(total: Int = 20, speedIndex: Int = 0, budget: Int = 2000) -> (LabRun, FakeSimulation)
  {
    let sim = FakeSimulation(total: total)
    let run = LabRun(
      trace: FakeSimulation.trace(total: total), simulation: sim,
      playback: LabPlayback(speedIndex: speedIndex, computeBudget: budget))
    return (run, sim)
  }

  func testPlayRevealsSpeedStepsPerTickAndStopsAtTheEnd() {
    var (run, _) = makeRun(total: 5, speedIndex: 1)  // 2 steps a tick
    XCTAssertFalse(run.wantsTicks)
    run.togglePlay()
    XCTAssertTrue(run.wantsTicks)
    run.tick()
    XCTAssertEqual(run.playback.revealed, 2)
    run.tick()
    XCTAssertEqual(run.playback.revealed, 4)
    run.tick()
    XCTAssertEqual(run.playback.revealed, 5)
    XCTAssertTrue(run.isComplete)
    XCTAssertFalse(run.playback.playing)
    XCTAssertFalse(run.wantsTicks)
  }

  func testPauseStopsTicksAndTicksWhilePausedDoNothing() {
    var (run, _) = makeRun()
    run.togglePlay()
    run.tick()
    run.togglePlay()
    XCTAssertFalse(run.wantsTicks)
    run.tick()
    XCTAssertEqual(run.playback.revealed, 1)
  }

  func testInstantSpeedIsBoundedByTheComputeBudgetPerTick() {
    var (run, sim) = makeRun(total: 25, speedIndex: LabPlayback.speeds.count - 1, budget: 10)
    run.togglePlay()
    run.tick()
    XCTAssertEqual(run.playback.revealed, 10)
    run.tick()
    run.tick()
    XCTAssertEqual(run.playback.revealed, 25)
    XCTAssertTrue(run.isComplete)
    XCTAssertEqual(sim.requests, [10, 10, 10])
  }

  func testSpeedChangesClampAtBothEnds() {
    var (run, _) = makeRun()
    run.changeSpeed(by: -1)
    XCTAssertEqual(run.playback.speed, 1)
    for _ in 0..<20 { run.changeSpeed(by: +1) }
    XCTAssertTrue(run.playback.isInstant)
  }

  func testStepOnceComputesOneStepAndPauses() {
    var (run, sim) = makeRun()
    run.stepOnce()
    run.stepOnce()
    XCTAssertEqual(run.playback.revealed, 2)
    XCTAssertEqual(run.cursorRecord?.step, 2)
    XCTAssertFalse(run.playback.playing)
    XCTAssertEqual(sim.requests, [1, 1])
  }

  func testScrubMovesTheCursorAndTheReadoutFollows() {
    var (run, _) = makeRun(total: 8, speedIndex: LabPlayback.speeds.count - 1)
    run.togglePlay()
    run.tick()
    XCTAssertTrue(run.isComplete)
    XCTAssertEqual(run.cursorRecord?.step, 8)
    run.scrub(by: -3)
    XCTAssertEqual(run.cursorRecord?.step, 5)
    run.scrubToStart()
    XCTAssertEqual(run.cursorRecord?.step, 1)
    run.scrub(by: -1)
    XCTAssertEqual(run.cursorRecord?.step, 1)
    run.scrub(by: 100)
    XCTAssertEqual(run.cursorRecord?.step, 8)
    run.scrub(by: -2)
    run.scrubToEnd()
    XCTAssertEqual(run.cursorRecord?.step, 8)
  }

  func testRestartReplaysWithoutRecomputing() {
    var (run, sim) = makeRun(total: 6, speedIndex: LabPlayback.speeds.count - 1)
    run.togglePlay()
    run.tick()
    run.restart()
    XCTAssertEqual(run.playback.revealed, 0)
    XCTAssertTrue(run.wantsTicks)
    run.tick()
    XCTAssertEqual(run.playback.revealed, 6)
    XCTAssertEqual(sim.requests.count, 1)
  }

  func testPlayAtTheEndReplaysFromTheStart() {
    var (run, _) = makeRun(total: 3, speedIndex: 0)
    run.togglePlay()
    for _ in 0..<3 { run.tick() }
    XCTAssertTrue(run.isComplete)
    run.togglePlay()
    XCTAssertEqual(run.playback.revealed, 0)
    run.tick()
    XCTAssertEqual(run.playback.revealed, 1)
  }

  func testDefaultSpeedPlaysARunInAFewSeconds() {
    XCTAssertEqual(LabPlayback.speeds[LabPlayback.speedIndex(forTotalSteps: 160, fps: 30)], 1)
    XCTAssertEqual(LabPlayback.speeds[LabPlayback.speedIndex(forTotalSteps: 20_000, fps: 30)], 200)
  }
}

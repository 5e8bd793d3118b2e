import App
import ArgumentParser
import Foundation
import Lessons
import TerminalUI
import TorchSnippet
import Training

/// `lrlab-bench lab`: the Lab's frame build time at 200×60 mid-run, and how many simulation
/// steps a second the Lab gets through while animating at instant speed (ticks + frames).
struct LabFrameBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lab",
    abstract: "Lab: frame build time at 200x60 mid-run; simulation steps/s while animating.")

  @Option(help: "Frames to build for the timing.") var frames = 2000
  @Option(help: "Epochs of the animated run (sine, 8 batches an epoch).") var epochs = 250

  func run() throws {
    let snippet = """
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
      scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, epochs=\(epochs), steps_per_epoch=len(train_loader))
      """
    func makeModel() -> AppModel {
      var config = LabConfig()
      config.epochs = epochs
      let recognized = LabEngine.standard.recognize(snippet, config)
      var model = AppModel(
        course: CourseSnapshot(lessons: []), capabilities: .full, width: 200, height: 60)
      model.stack.append(
        .lab(LabState(lab: nil, config: recognized, code: snippet, engine: .standard)))
      return model
    }
    func send(_ model: inout AppModel, _ msg: Msg) { _ = update(&model, msg) }
    func clock() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
    /// CPU time of this thread: steadier than wall time on a machine shared with other builds.
    func cpuClock() -> UInt64 {
      var ts = timespec()
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
      return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    // Animate at instant speed to the end, building every frame as the runtime would.
    var model = makeModel()
    for _ in 0..<12 { send(&model, .key(.char("+"))) }
    send(&model, .key(.char(" ")))
    var buffer = Buffer(width: 200, height: 60)
    var ticks = 0
    var tickNanos: UInt64 = 0
    let animateStart = cpuClock()
    while model.frameInterval != nil {
      let t0 = cpuClock()
      send(&model, .tick(Instant(nanoseconds: UInt64(ticks) * 33_333_333)))
      view(model, into: &buffer)
      tickNanos = max(tickNanos, cpuClock() - t0)
      ticks += 1
    }
    let animateNanos = cpuClock() - animateStart
    guard case .lab(let finished) = model.top else { return }
    let steps = finished.run.trace.steps.count

    // Mid-run frame: half the run revealed, cursor on, ghost kept, knobs and code on screen.
    var mid = makeModel()
    send(&mid, .key(.char(" ")))
    for _ in 0..<12 { send(&mid, .key(.char("+"))) }
    send(&mid, .tick(Instant(nanoseconds: 0)))
    send(&mid, .key(.char("c")))
    send(&mid, .key(.char("r")))
    send(&mid, .key(.char("-")))
    while case .lab(let s) = mid.top, s.run.playback.revealed < steps / 2, mid.frameInterval != nil
    {
      send(&mid, .tick(Instant(nanoseconds: 0)))
    }
    send(&mid, .key(.char(" ")))
    view(mid, into: &buffer)
    let start = clock()
    let cpuStart = cpuClock()
    for _ in 0..<frames { view(mid, into: &buffer) }
    let perFrame = Double(clock() - start) / Double(frames) / 1000
    let perFrameCPU = Double(cpuClock() - cpuStart) / Double(frames) / 1000

    // The simulator alone, for comparison: the same run pulled in the Lab's chunks.
    var rc = RunConfig(model: .sine)
    rc.epochs = epochs
    let built = try SnippetProgram.parse(snippet).build(
      SnippetContext(trainLoaderLength: rc.batchesPerEpoch, numEpochs: epochs))
    let training = try TrainingRun(config: rc, built: built)
    let rawStart = cpuClock()
    while !training.isFinished { _ = training.advance(maxSteps: 500) }
    let rawNanos = cpuClock() - rawStart
    let whole = try TrainingRun(
      config: rc,
      built: try SnippetProgram.parse(snippet).build(
        SnippetContext(trainLoaderLength: rc.batchesPerEpoch, numEpochs: epochs)))
    let wholeStart = cpuClock()
    whole.runToEnd()
    let wholeNanos = cpuClock() - wholeStart

    print(
      "lab frame 200x60 mid-run: \(String(format: "%.1f", perFrameCPU)) µs CPU/frame, "
        + "\(String(format: "%.1f", perFrame)) µs wall (\(frames) frames)")
    print(
      "lab animate (instant, budget 500 steps/tick): \(steps) steps in \(ticks) ticks, "
        + "\(String(format: "%.0f", Double(steps) / (Double(animateNanos) / 1e9))) steps/s, "
        + "slowest tick+frame (CPU) \(String(format: "%.2f", Double(tickNanos) / 1e6)) ms")
    print(
      "simulator alone (advance in 500-step chunks, CPU time): "
        + "\(String(format: "%.0f", Double(training.stepsTaken) / (Double(rawNanos) / 1e9))) steps/s; "
        + "runToEnd (no records): "
        + "\(String(format: "%.0f", Double(whole.stepsTaken) / (Double(wholeNanos) / 1e9))) steps/s"
    )
  }
}

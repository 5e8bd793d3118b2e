import ArgumentParser
import Foundation
import TorchSnippet
import Training

/// `lrlab-bench speed`: issue 15's three speed targets, side by side with PyTorch eager where
/// the target is a ratio (scripts/bench/pytorch_speed.py runs the same loops):
/// 1. the whole `lrlab simulate` process for the standard 20,000-step run, JSON out, ≥ 100×
///    PyTorch's loop;
/// 2. the whole `lrlab schedule --steps 1000000 --format csv` process, ≥ 100× PyTorch's
///    per-step cost of `optimizer.step(); scheduler.step()`;
/// 3. the sweep of 4 schedules × 12 LRs × 5 seeds on sine (240 runs of 2,000 steps) under
///    1 s on 2 cores, with results bit-identical on 1 and 2 threads.
/// Both wall clock and CPU time are shown: on a shared machine, wall time mostly measures the
/// other processes; CPU time (user + sys) is the fairer comparison, for both sides alike.
struct SpeedBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "speed",
    abstract: "Issue 15's speed targets (simulate, schedule CSV, sweep), side by side with PyTorch."
  )

  @Option(help: "Repetitions of each lrlab measurement (the fastest counts).")
  var repeats = 5

  @Option(help: "Python with torch for the side-by-side runs ('' to skip).")
  var python = "/work/venv-torch/bin/python"

  @Option(help: "PyTorch repetitions of the standard run.")
  var torchRepeats = 1

  @Option(help: "Steps of PyTorch's schedule loop (its per-step cost is what counts).")
  var torchScheduleSteps = 100_000

  @Option(help: "Which: all, simulate, schedule, sweep.")
  var only = "all"

  static let simulateSnippet = SimulateBench.snippet

  func run() throws {
    if only == "all" || only == "simulate" { try simulate() }
    if only == "all" || only == "schedule" { try schedule() }
    if only == "all" || only == "sweep" { try sweep() }
  }

  func simulate() throws {
    guard let lrlab = ProcessTiming.sibling("lrlab") else {
      print("simulate: build the lrlab product in the same configuration")
      return
    }
    let arguments = [
      lrlab, "simulate", "--epochs", "2500", "--format", "json", Self.simulateSnippet,
    ]
    let (wall, cpu) = try best(arguments)
    print(
      "1. standard run, whole process: lrlab simulate --epochs 2500 --format json (20000 steps)")
    print("   lrlab:   wall \(f(wall)) ms, CPU \(f(cpu)) ms (best of \(repeats))")
    if let torch = pytorch(["standard", String(torchRepeats)]) {
      let torchWall = torch["wall_min_ms"] ?? .nan
      let torchCPU = torch["cpu_min_ms"] ?? .nan
      print(
        "   PyTorch: wall \(f(torchWall)) ms, CPU \(f(torchCPU)) ms (eager, 1 thread, same loop)")
      print(
        "   ratio:   wall \(f(torchWall / wall))×, CPU \(f(torchCPU / cpu))× (target ≥ 100×; "
          + "vs the reference machine's 2800 ms: \(f(2800 / wall))× wall, \(f(2800 / cpu))× CPU)")
    }
  }

  func schedule() throws {
    guard let lrlab = ProcessTiming.sibling("lrlab") else { return }
    let arguments = [
      lrlab, "schedule", "--steps", "1000000", "--format", "csv",
      "OneCycleLR(optimizer, max_lr=0.1, total_steps=1000001)",
    ]
    let (wall, cpu) = try best(arguments)
    let wallPerStep = wall * 1e6 / 1_000_000
    let cpuPerStep = cpu * 1e6 / 1_000_000
    print("2. lrlab schedule --steps 1000000 --format csv (OneCycleLR), whole process")
    print(
      "   lrlab:   wall \(f(wall)) ms, CPU \(f(cpu)) ms → \(f(wallPerStep)) ns/step wall, "
        + "\(f(cpuPerStep)) ns/step CPU")
    if let torch = pytorch(["schedule", "1", String(torchScheduleSteps)]) {
      let torchWall = torch["wall_ns_per_step"] ?? .nan
      let torchCPU = torch["cpu_ns_per_step"] ?? .nan
      print(
        "   PyTorch: \(f(torchWall)) ns/step wall, \(f(torchCPU)) ns/step CPU "
          + "(optimizer.step(); scheduler.step(); get_last_lr(), \(torchScheduleSteps) steps)")
      print(
        "   ratio:   wall \(f(torchWall / wallPerStep))×, CPU \(f(torchCPU / cpuPerStep))× "
          + "(target ≥ 100×; vs the reference 10 µs/step: \(f(10_000 / wallPerStep))× wall)")
    }
  }

  func sweep() throws {
    var config = RunConfig(model: .sine)
    config.epochs = 250
    let schedules = ["constant", "step", "cosine", "onecycle"].map {
      SweepSchedule.preset($0, epochs: 250)!
    }
    let plan = try SweepPlan(
      config: config, schedules: schedules, lrs: SweepPlan.logSpaced(1e-3...1, points: 12),
      seeds: 5)
    print("3. sweep: 4 schedules × 12 LRs × 5 seeds on sine = \(plan.runCount) runs of 2000 steps")
    var reference: SweepResult?
    for threads in [2, 1] {
      var wall = Double.infinity
      var cpu = Double.infinity
      for _ in 0..<max(1, threads == 2 ? repeats : 1) {
        let cpuStart = ProcessTiming.processCPUMilliseconds()
        let start = DispatchTime.now().uptimeNanoseconds
        let result = plan.runAll(threads: threads)
        wall = min(wall, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        cpu = min(cpu, ProcessTiming.processCPUMilliseconds() - cpuStart)
        if let reference, reference != result {
          print("   ✗ results differ between thread counts")
          throw ExitCode(1)
        }
        reference = result
      }
      print(
        "   \(threads) thread\(threads == 1 ? " " : "s"): wall \(f(wall)) ms, CPU \(f(cpu)) ms "
          + "(CPU / 2 cores = \(f(cpu / 2)) ms; target < 1000 ms on 2 cores)")
    }
    print("   results bit-identical on 1 and 2 threads: yes")
  }

  /// The fastest of `repeats` runs of a process: (wall, CPU) in ms.
  func best(_ arguments: [String]) throws -> (Double, Double) {
    var wall = Double.infinity
    var cpu = Double.infinity
    for _ in 0..<max(1, repeats) {
      guard let sample = ProcessTiming.run(arguments), sample.status == 0 else {
        print("could not run \(arguments[0]) \(arguments[1])")
        throw ExitCode(1)
      }
      wall = min(wall, sample.wallMilliseconds)
      cpu = min(cpu, sample.cpuMilliseconds)
    }
    return (wall, cpu)
  }

  /// Runs the PyTorch side and reads its JSON line.
  func pytorch(_ arguments: [String]) -> [String: Double]? {
    guard !python.isEmpty, FileManager.default.isExecutableFile(atPath: python) else {
      print("   PyTorch: skipped (no \(python); pass --python)")
      return nil
    }
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("scripts/bench/pytorch_speed.py").path
    let output = FileManager.default.temporaryDirectory
      .appendingPathComponent("lrlab-bench-torch-\(getpid()).json").path
    defer { try? FileManager.default.removeItem(atPath: output) }
    guard let sample = ProcessTiming.run([python, script] + arguments, stdoutPath: output),
      sample.status == 0, let data = FileManager.default.contents(atPath: output),
      let line = String(decoding: data, as: UTF8.self).split(separator: "\n").first,
      let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    else {
      print("   PyTorch: \(script) failed")
      return nil
    }
    return object.compactMapValues { ($0 as? NSNumber)?.doubleValue }
  }

  func f(_ x: Double) -> String { String(format: x >= 100 ? "%.0f" : "%.2f", x) }
}

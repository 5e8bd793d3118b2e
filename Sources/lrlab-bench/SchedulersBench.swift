import ArgumentParser
import Schedulers

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Steps each of the 15 schedulers a million times and prints the cost of one step, against
/// PyTorch's ~10 µs for `optimizer.step(); scheduler.step()` on this machine.
struct SchedulersBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schedulers", abstract: "Nanoseconds per scheduler.step(), all 15 schedulers.")

  @Option(help: "Steps per scheduler and run.")
  var steps = 1_000_000

  @Option(help: "Runs per scheduler; the fastest counts (the machine is shared).")
  var runs = 5

  func run() throws {
    let steps = max(1, self.steps)
    let runs = max(1, self.runs)
    print("scheduler.step() × \(steps), one param group, release build, best of \(runs) runs")
    print(
      pad("scheduler", 28) + pad("ns/step", 10, left: true) + pad("cpu ns/step", 13, left: true)
        + pad("vs PyTorch 10 µs", 20, left: true))
    var checksum = 0.0
    for benchmark in benchmarks(steps: steps) {
      var wall = Double.infinity
      var cpu = Double.infinity
      for _ in 0..<runs {
        let optimizer = sgd()
        let timing = try benchmark.run(optimizer, steps)
        checksum += optimizer.groups[0].lr
        wall = min(wall, timing.wallNanoseconds / Double(steps))
        cpu = min(cpu, timing.cpuNanoseconds / Double(steps))
      }
      print(
        pad(benchmark.name, 28) + pad(format(wall), 10, left: true)
          + pad(format(cpu), 13, left: true)
          + pad("\(Int(10_000 / wall))× faster", 20, left: true))
    }
    print("checksum \(checksum)")
    print("ns/step: wall clock; cpu ns/step: this thread's CPU time (without the time other")
    print("processes held the cores). The ratio uses wall clock.")
  }
}

private struct Timing {
  let wallNanoseconds: Double
  let cpuNanoseconds: Double
}

/// One scheduler to time: builds it on the optimizer, then times `steps` calls to `step()`.
private struct SchedulerBenchmark {
  let name: String
  let run: (OptimizerState, Int) throws -> Timing

  /// Generic over the concrete class, so the timed loop calls its `step()` directly.
  init<S: LRScheduler>(name: String, make: @escaping (OptimizerState) throws -> S) {
    self.name = name
    run = { optimizer, steps in
      let scheduler = try make(optimizer)
      optimizer.stepCalled = true
      return try time { for _ in 0..<steps { try scheduler.step() } }
    }
  }

  init(
    name: String, make: @escaping (OptimizerState) throws -> ReduceLROnPlateau,
    metric: @escaping (Int) -> Double
  ) {
    self.name = name
    run = { optimizer, steps in
      let scheduler = try make(optimizer)
      return try time { for i in 0..<steps { try scheduler.step(metric: metric(i)) } }
    }
  }
}

private func time(_ body: () throws -> Void) throws -> Timing {
  let start = ContinuousClock.now
  let cpuStart = threadCPUNanoseconds()
  try body()
  let cpu = threadCPUNanoseconds() - cpuStart
  let elapsed = ContinuousClock.now - start
  return Timing(
    wallNanoseconds: Double(elapsed.components.seconds) * 1e9
      + Double(elapsed.components.attoseconds) / 1e9,
    cpuNanoseconds: Double(cpu))
}

private func sgd() -> OptimizerState {
  var group = ParamGroup(lr: 0.1)
  group.momentum = 0.9
  return OptimizerState(kind: .sgd, groups: [group])
}

/// Parameters keep every schedule finite and within range for `steps` calls (OneCycleLR gets
/// total_steps = steps + 1; decays stay clear of subnormals).
private func benchmarks(steps: Int) -> [SchedulerBenchmark] {
  [
    .init(name: "LambdaLR") { try LambdaLR(optimizer: $0) { 1.0 / Double($0 + 1) } },
    .init(name: "MultiplicativeLR") { try MultiplicativeLR(optimizer: $0) { _ in 0.9999999 } },
    .init(name: "StepLR") { try StepLR(optimizer: $0, stepSize: 1000, gamma: 0.99) },
    .init(name: "MultiStepLR") {
      try MultiStepLR(optimizer: $0, milestones: [1000, 200_000, 500_000, 800_000], gamma: 0.5)
    },
    .init(name: "ConstantLR") { try ConstantLR(optimizer: $0, factor: 0.5, totalIters: 1000) },
    .init(name: "LinearLR") {
      try LinearLR(optimizer: $0, startFactor: 0.01, totalIters: steps / 2)
    },
    .init(name: "ExponentialLR") { try ExponentialLR(optimizer: $0, gamma: 0.9999999) },
    .init(name: "PolynomialLR") {
      try PolynomialLR(optimizer: $0, totalIters: steps + 1, power: 2.0)
    },
    .init(name: "CosineAnnealingLR") {
      try CosineAnnealingLR(optimizer: $0, tMax: steps / 4, etaMin: 1e-6)
    },
    .init(name: "CosineAnnealingWarmRestarts") {
      try CosineAnnealingWarmRestarts(optimizer: $0, t0: 1000, tMult: 2, etaMin: 1e-6)
    },
    .init(name: "CyclicLR") {
      try CyclicLR(optimizer: $0, baseLR: 0.001, maxLR: 0.1, stepSizeUp: 2000, mode: "triangular2")
    },
    .init(name: "OneCycleLR") { try OneCycleLR(optimizer: $0, maxLR: 0.1, totalSteps: steps + 1) },
    .init(
      name: "ReduceLROnPlateau",
      make: { try ReduceLROnPlateau(optimizer: $0, factor: 0.5, patience: 5, minLR: 1e-8) },
      metric: { 1.0 / Double($0 % 1000 + 1) }),
    .init(name: "SequentialLR") {
      try SequentialLR(
        optimizer: $0,
        schedulers: [
          LinearLR(optimizer: $0, startFactor: 0.1, totalIters: 1000),
          CosineAnnealingLR(optimizer: $0, tMax: steps),
        ], milestones: [1000])
    },
    .init(name: "ChainedScheduler") {
      try ChainedScheduler(schedulers: [
        LinearLR(optimizer: $0, startFactor: 0.1, totalIters: 1000),
        ExponentialLR(optimizer: $0, gamma: 0.9999999),
      ])
    },
  ]
}

private func format(_ value: Double) -> String {
  let tenths = Int((value * 10).rounded())
  return "\(tenths / 10).\(tenths % 10)"
}

private func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
  let padding = String(repeating: " ", count: max(0, width - text.count))
  return left ? padding + text : text + padding
}

/// This thread's CPU time, so that other processes on a shared machine do not count.
private func threadCPUNanoseconds() -> Int {
  var time = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
  return time.tv_sec * 1_000_000_000 + time.tv_nsec
}

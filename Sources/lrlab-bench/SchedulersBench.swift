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

  @Option(help: "Steps per scheduler.")
  var steps = 1_000_000

  func run() throws {
    let steps = max(1, self.steps)
    print("scheduler.step() × \(steps), one param group, release build")
    print(
      pad("scheduler", 28) + pad("ns/step", 10, left: true) + pad("cpu ns/step", 13, left: true)
        + pad("vs PyTorch 10 µs", 20, left: true))
    var checksum = 0.0
    for benchmark in benchmarks(steps: steps) {
      let optimizer = sgd()
      let scheduler = try benchmark.make(optimizer)
      optimizer.stepCalled = true
      let start = ContinuousClock.now
      let cpuStart = threadCPUNanoseconds()
      if let metric = benchmark.metric {
        for i in 0..<steps { try scheduler.step(metric: metric(i)) }
      } else {
        for _ in 0..<steps { try scheduler.step() }
      }
      let cpu = Double(threadCPUNanoseconds() - cpuStart) / Double(steps)
      let elapsed = ContinuousClock.now - start
      checksum += optimizer.groups[0].lr
      let nanoseconds =
        Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
      let perStep = nanoseconds / Double(steps)
      print(
        pad(benchmark.name, 28) + pad(format(perStep), 10, left: true)
          + pad(format(cpu), 13, left: true)
          + pad("\(Int(10_000 / perStep))× faster", 20, left: true))
    }
    print("checksum \(checksum)")
    print("ns/step: wall clock; cpu ns/step: this thread's CPU time (excludes time other processes")
    print("held the cores). The ratio uses wall clock.")
  }
}

private struct SchedulerBenchmark {
  let name: String
  let make: (OptimizerState) throws -> any LRScheduler
  var metric: ((Int) -> Double)? = nil
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

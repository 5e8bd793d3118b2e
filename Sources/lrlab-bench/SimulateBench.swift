import ArgumentParser
import Foundation
import TorchSnippet
import Training

/// The standard run: sine, SGD(lr=0.1, momentum=0.9), OneCycleLR(max_lr=0.1, epochs=2500,
/// steps_per_epoch=len(train_loader)) stepped per batch, validation every epoch — 20,000 steps.
/// Eager PyTorch takes 2.8 s for this loop on the reference machine.
struct SimulateBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate", abstract: "Time the standard 20,000-step training run.")

  @Option(help: "Repetitions.")
  var repeats = 10

  static let snippet = """
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, epochs=2500, steps_per_epoch=len(train_loader))
    """

  func run() throws {
    var config = RunConfig(model: .sine)
    config.epochs = 2500
    let context = SnippetContext(
      trainLoaderLength: config.batchesPerEpoch, numEpochs: config.epochs)
    var loop: [Double] = []
    var csv: [Double] = []
    var total: [Double] = []
    var loopCPU: [Double] = []
    var finalLoss = 0.0
    for _ in 0..<max(1, repeats) {
      let start = DispatchTime.now().uptimeNanoseconds
      let built = try SnippetProgram.parse(Self.snippet).build(context)
      let run = try TrainingRun(config: config, built: built)
      let loopStart = DispatchTime.now().uptimeNanoseconds
      let cpuStart = cpuMilliseconds()
      run.runToEnd()
      loopCPU.append(cpuMilliseconds() - cpuStart)
      let trained = DispatchTime.now().uptimeNanoseconds
      let text = RunReport.csvBytes(run)
      let end = DispatchTime.now().uptimeNanoseconds
      precondition(run.stepsTaken == 20_000 && !text.isEmpty)
      finalLoss = run.history.epochs.last?.validationLoss ?? .nan
      loop.append(Double(trained - loopStart) / 1e6)
      csv.append(Double(end - trained) / 1e6)
      total.append(Double(end - start) / 1e6)
    }
    func report(_ name: String, _ xs: [Double]) {
      let sorted = xs.sorted()
      print(
        "\(name): min \(format(sorted[0])) ms, median \(format(sorted[sorted.count / 2])) ms")
    }
    print("standard run: sine, SGD(0.1, momentum 0.9), OneCycleLR per batch, 20000 steps")
    report("training loop (20000 steps + 2500 validations), wall", loop)
    report("training loop, CPU time", loopCPU)
    report("CSV formatting", csv)
    report("snippet + loop + CSV", total)
    let perStep = loop.min()! * 1000 / 20_000
    print(
      "per step: \(format(perStep)) µs; PyTorch eager 2800 ms → \(format(2800 / loop.min()!))× faster"
    )
    print("final validation loss: \(finalLoss)")
    try timeProcess()
  }

  /// The whole `lrlab simulate --epochs 2500 --format csv SNIPPET > /dev/null` process, when
  /// the `lrlab` binary sits beside this one (same build directory).
  func timeProcess() throws {
    guard let lrlab = ProcessTiming.sibling("lrlab") else {
      print("whole process: build the lrlab product in the same configuration to time it")
      return
    }
    var times: [Double] = []
    var cpu: [Double] = []
    let arguments = [lrlab, "simulate", "--epochs", "2500", "--format", "csv", Self.snippet]
    for _ in 0..<max(1, repeats) {
      guard let sample = ProcessTiming.run(arguments) else {
        print("whole process: could not start \(lrlab)")
        return
      }
      guard sample.status == 0 else {
        print("whole process: lrlab exited with status \(sample.status)")
        return
      }
      times.append(sample.wallMilliseconds)
      cpu.append(sample.cpuMilliseconds)
    }
    let sorted = times.sorted()
    print(
      "whole process (lrlab simulate … --format csv > /dev/null): min \(format(sorted[0])) ms, "
        + "median \(format(sorted[sorted.count / 2])) ms → \(format(2800 / sorted[0]))× PyTorch's loop"
    )
    let cpuSorted = cpu.sorted()
    print(
      "whole process, CPU time (user + sys): min \(format(cpuSorted[0])) ms, median "
        + "\(format(cpuSorted[cpuSorted.count / 2])) ms → \(format(2800 / cpuSorted[0]))×")
  }

  /// This process's CPU time: unlike wall time, barely moved by other work on the machine.
  func cpuMilliseconds() -> Double { ProcessTiming.processCPUMilliseconds() }

  func format(_ x: Double) -> String { String(format: "%.2f", x) }
}

import ArgumentParser
import Foundation
import Lessons
import Training

/// `lrlab export --pytorch`: the run `lrlab simulate` would train, as one runnable PyTorch script.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write a simulate run as a runnable PyTorch script.",
    discussion: """
      Takes the options of `lrlab simulate` and prints (or writes, with --output) one Python \
      script: the model and its data, the snippet's optimizer and scheduler as written, and \
      the loop with the same stepping, seed and mistake. It needs only `pip install torch`; \
      `python script.py SEED` reruns it for another seed. lrlab uses PyTorch's own random \
      stream (torch.manual_seed for the weights, a Generator(seed) for the data; each \
      epoch's batch order by randperm on that data generator for sine, as the reference runs \
      were recorded, and by DataLoader(shuffle=True) for linear and finetune), so a run and \
      its script start identically and agree to float32 rounding until chaos (an lr at the \
      edge of stability) separates them.

      Models: sine, linear and finetune (its pretrained body and head A are written into the \
      script). quadratic is an exact expected-loss recursion and has no PyTorch form.
      """)

  @Flag(name: .long, help: "Write a PyTorch script (the only export format).")
  var pytorch = false

  @Option(
    name: .shortAndLong,
    help:
      "Write the script to this regular file instead of standard output (- for standard output).")
  var output: String?

  @OptionGroup var options: RunOptions

  func run() throws {
    guard pytorch else { throw options.usage("say which export: --pytorch") }
    let config = try options.makeConfig()
    let (source, built, run) = try options.makeRun(config, command: "export --pytorch")
    let script: String
    do throws(TrainingError) {
      script = try PyTorchExport.script(
        snippet: source, config: config, stepEvery: run.stepEvery,
        needsMetric: built.scheduler.needsMetric,
        implicitOptimizer: built.optimizerWasImplicit
          ? (lr: built.optimizer.groups[0].lr, momentum: built.optimizer.groups[0].momentum) : nil)
    } catch {
      throw options.usage(error.description)
    }
    guard let output, output != "-" else {
      Output.write(script)
      return
    }
    // The progress export's writer: a regular file (or a new one), replaced atomically with its
    // mode kept; a device, FIFO or directory is refused (a plain atomic write would rename a
    // temporary file over /dev/full or a FIFO and replace it).
    do {
      try ProgressStore.export(Data(script.utf8), to: URL(fileURLWithPath: output))
    } catch {
      options.printError("error: \(error)")
      throw ExitCode(1)
    }
    printError("wrote \(output)")
  }
}

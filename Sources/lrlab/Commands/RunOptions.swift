import ArgumentParser
import Foundation
import TorchSnippet
import Training

/// The run a command trains: the snippet and the `lrlab simulate` options (shared by
/// `simulate` and `export --pytorch`, so both describe one run the same way).
struct RunOptions: ParsableArguments {
  @Argument(help: "The snippet, or - to read it from standard input.")
  var snippet: String?

  @Option(name: .long, help: "Read the snippet from this file.")
  var file: String?

  @Option(name: .long, help: "sine, linear, finetune or quadratic.")
  var model: String = "sine"

  // Numbers are read as text and checked here, so that a bad value exits 2 with our message.
  @Option(name: .long, help: "Epochs (default: the model's).")
  var epochs: String?

  @Option(name: .customLong("batch-size"), help: "Batch size (default: the model's).")
  var batchSize: String?

  @Option(name: .long, help: "Seed for data, initial weights and batch order.")
  var seed: String = "0"

  @Option(name: .long, help: "Label noise standard deviation (default: the model's).")
  var noise: String?

  @Option(name: .customLong("step-every"), help: "batch or epoch (default: by scheduler class).")
  var stepEvery: String?

  @Option(name: .long, help: "none, scheduler-first, onecycle-per-epoch or no-metric.")
  var mistake: String = "none"

  @Option(name: .customLong("plateau-metric"), help: "val or train: what ReduceLROnPlateau sees.")
  var plateauMetric: String = "val"

  @Option(name: .long, help: "The implicit optimizer's learning rate (no optimizer line).")
  var lr: String = "0.1"

  func makeConfig() throws -> RunConfig {
    guard let kind = ModelKind(rawValue: model) else {
      throw usage("--model must be one of \(names(ModelKind.allCases)); got '\(model)'")
    }
    var config = RunConfig(model: kind)
    guard let seedValue = UInt64(seed) else {
      throw usage("--seed must be a whole number from 0 to \(UInt64.max); got '\(seed)'")
    }
    config.seed = seedValue
    if let epochs {
      guard let value = Int(epochs) else {
        throw usage("--epochs must be a whole number; got '\(epochs)'")
      }
      config.epochs = value
    }
    if let batchSize {
      guard let value = Int(batchSize) else {
        throw usage("--batch-size must be a whole number; got '\(batchSize)'")
      }
      config.batchSize = value
    }
    if let noise {
      guard let value = Double(noise) else {
        throw usage("--noise must be a number; got '\(noise)'")
      }
      config.noise = value
    }
    if let stepEvery {
      guard let value = StepEvery(rawValue: stepEvery) else {
        throw usage("--step-every must be batch or epoch; got '\(stepEvery)'")
      }
      config.stepEvery = value
    }
    guard let mistakeValue = Mistake(rawValue: mistake) else {
      throw usage("--mistake must be one of \(names(Mistake.allCases)); got '\(mistake)'")
    }
    config.mistake = mistakeValue
    guard let metric = PlateauMetric(rawValue: plateauMetric) else {
      throw usage("--plateau-metric must be val or train; got '\(plateauMetric)'")
    }
    config.plateauMetric = metric
    do {
      try config.validate()
    } catch {
      throw usage(error.description)
    }
    return config
  }

  func names<T: RawRepresentable>(_ values: [T]) -> String where T.RawValue == String {
    values.map(\.rawValue).joined(separator: ", ")
  }

  /// The snippet, its built optimizer and scheduler, and the (not yet run) training run.
  func makeRun(_ config: RunConfig, command: String) throws -> (String, BuiltSchedule, TrainingRun)
  {
    guard let defaultLR = Double(lr), defaultLR >= 0, defaultLR.isFinite else {
      throw usage("--lr must be a non-negative number; got '\(lr)'")
    }
    let source = try SnippetSource(argument: snippet, file: file).read(
      command: command, usage: usage)
    let context = SnippetContext(
      trainLoaderLength: config.batchesPerEpoch, numEpochs: config.epochs, defaultLR: defaultLR)
    let built: BuiltSchedule
    do {
      built = try SnippetProgram.parse(source).build(context)
    } catch {
      throw usage(error.rendered())
    }
    let run: TrainingRun
    do {
      run = try TrainingRun(config: config, built: built)
    } catch {
      throw usage(error.description)
    }
    return (source, built, run)
  }

  func usage(_ message: String) -> ExitCode {
    printError(message.hasPrefix("error:") ? message : "error: \(message)")
    return ExitCode(2)
  }

  func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }
}

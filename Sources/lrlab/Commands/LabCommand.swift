import App
import ArgumentParser
import Foundation
import Lessons

/// `lrlab lab [SNIPPET]`: the Lab, opened directly on a snippet (or OneCycleLR on `sine`).
struct LabCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lab",
    abstract: "Open the Lab: watch a toy model train under your schedule, live.",
    discussion: """
      SNIPPET is PyTorch as in `lrlab schedule`: an optimizer line, then the scheduler \
      (`len(train_loader)` and `num_epochs` are bound to the run). Without one, the Lab opens on \
      OneCycleLR. Press ? in the Lab for every key.
      """)

  @Argument(help: "PyTorch code (use - to read stdin).") var snippet: String?
  @Option(name: .customLong("file"), help: "Read the snippet from a file.") var file: String?
  @Option(help: "sine, linear, finetune or quadratic.") var model: String?
  @Option(help: "Epochs to train.") var epochs: Int?
  @Option(name: .customLong("batch-size"), help: "Batch size (default: the model's).")
  var batchSize: Int?
  @Option(help: "Random seed.") var seed: Int?
  @Option(name: .customLong("step-every"), help: "batch or epoch (default: per the scheduler).")
  var stepEvery: String?
  @Option(help: "none, scheduler-first, onecycle-per-epoch or no-metric.") var mistake: String?
  @Option(help: "What ReduceLROnPlateau watches: val or train.") var metric: String?
  @Option(help: "Frames per second while animating.") var fps = 30
  @Option(
    name: .customLong("lessons"),
    help:
      "A directory of lesson files (repeatable; default: $LRLAB_LESSONS, else the bundled course).")
  var lessonDirectories: [String] = []
  @OptionGroup var display: DisplayOptions

  func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("lrlab lab: \(message)\n".utf8))
    return ExitCode(2)
  }

  func run() throws {
    var options: [String: String] = [:]
    func check<T: RawRepresentable>(_ value: String?, _ name: String, _ type: T.Type) throws
    where T.RawValue == String, T: CaseIterable {
      guard let value else { return }
      guard T(rawValue: value) != nil else {
        throw fail(
          "--\(name) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")); got '\(value)'"
        )
      }
      options[name] = value
    }
    try check(model, "model", LabConfig.Model.self)
    try check(stepEvery, "step-every", LabConfig.StepEvery.self)
    try check(mistake, "mistake", LabConfig.Mistake.self)
    try check(metric, "metric", LabConfig.Metric.self)
    for (name, value, minimum) in [
      ("epochs", epochs, 1), ("batch-size", batchSize, 1), ("seed", seed, 0),
    ] {
      guard let value else { continue }
      guard value >= minimum else {
        throw fail("--\(name) must be at least \(minimum); got \(value)")
      }
      options[name] = String(value)
    }
    guard (1...240).contains(fps) else { throw fail("--fps must be between 1 and 240; got \(fps)") }
    let code = try SnippetSource(argument: snippet, file: file).readIfGiven(usage: fail)

    var config = LabConfig()
    config.apply(options: options)
    var lab: LabState
    if let code {
      let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
      lab = LabState(
        lab: nil, config: LabEngine.standard.recognize(trimmed, config), code: trimmed,
        engine: .standard, fps: fps)
    } else {
      config.select(.oneCycleLR, stepsPerEpoch: LabEngine.standard.batchesPerEpoch(config))
      lab = LabState(
        lab: nil, config: config, code: LabCodeGen.code(for: config), engine: .standard, fps: fps)
    }
    lab.quitsOnBack = true

    _ = try LessonsLocation.existing(lessonDirectories)
    let directories = LessonLocator.directories(explicit: lessonDirectories)
    let course = Course.load(directories: directories)
    try launchApp(course: course, display: display) { $0.openLab(lab) }
  }
}

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
      OneCycleLR. `lrlab lab -` reads the snippet from standard input (a pipe or a file), \
      then runs the Lab on the controlling terminal (/dev/tty). Press ? in the Lab for every key.
      """)

  @Argument(help: "PyTorch code (use - to read stdin).") var snippet: String?
  @Option(name: .customLong("file"), help: "Read the snippet from a file.") var file: String?
  @Option(help: "sine, linear, finetune or quadratic.") var model: String?
  @Option(
    help: "Epochs to train (default: the schedule's whole length, as `lrlab schedule` shows it).")
  var epochs: Int?
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

  /// The longest run the Lab plays (its history holds every step).
  static let maxSteps = LabState.maxSteps

  func fail(_ message: String) -> ExitCode {
    printError("lrlab lab: \(message)")
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
    if snippet == "-" && isatty(STDIN_FILENO) == 0 {
      // The snippet came through standard input; the Lab reads keys from the terminal.
      let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
      guard tty >= 0, dup2(tty, STDIN_FILENO) >= 0 else {
        throw fail(
          "read the snippet from standard input, but there is no terminal (/dev/tty) to run the Lab on"
        )
      }
      close(tty)
    }

    var config = LabConfig()
    config.apply(options: options)
    // The Lab keeps every step of a run for its charts and readout (~300 B each): bound the
    // run so memory stays bounded; longer runs are `lrlab simulate`'s, which streams.
    let planned = config.epochs.multipliedReportingOverflow(
      by: max(1, LabEngine.standard.batchesPerEpoch(config)))
    guard !planned.overflow, planned.partialValue <= Self.maxSteps else {
      throw fail(
        "a Lab run plays at most \(Self.maxSteps) steps (epochs × batches per epoch); "
          + "use `lrlab simulate` for longer runs")
    }
    var lab: LabState
    if let code {
      let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
      // Without --epochs, the run is as long as the schedule (`lrlab schedule`'s length).
      if epochs == nil, let natural = LabEngine.standard.naturalEpochs(config, trimmed) {
        config.epochs = natural
      }
      lab = LabState(
        lab: nil,
        config: LabDoctor.stepping(LabEngine.standard.recognize(trimmed, config), code: trimmed),
        code: trimmed,
        engine: .standard, fps: fps)
      lab.epochsFixed = epochs != nil
    } else {
      config.select(.oneCycleLR, stepsPerEpoch: LabEngine.standard.batchesPerEpoch(config))
      lab = LabState(
        lab: nil, config: config, code: LabCodeGen.code(for: config), engine: .standard, fps: fps)
    }

    _ = try LessonsLocation.existing(lessonDirectories)
    let directories = LessonLocator.directories(explicit: lessonDirectories)
    let course = Course.load(directories: directories)
    try launchApp(course: course, display: display) { $0.openLab(lab) }
  }
}

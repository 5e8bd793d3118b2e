import ArgumentParser
import Doctor
import Foundation
import Markdown
import TerminalUI
import TorchSnippet

/// `lrlab doctor FILE.py`: the scheduler bugs in a whole training script, found without
/// running it.
struct DoctorCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "doctor",
    abstract: "Find the learning-rate scheduler bugs in a training script, without running it.",
    discussion: """
      Reads the whole script (never executes it), works out which loop runs over epochs and \
      which over batches — `for epoch in range(...)`, `for batch in train_loader`, \
      `enumerate(loader)`, `while` loops, helpers such as `train_one_epoch(...)` called from \
      the epoch loop, `def main()`, Lightning's `training_step` + `configure_optimizers` — \
      where `optimizer.step()` and each `scheduler.step()` run, and checks: step-order, \
      per-batch-scheduler-stepped-per-epoch, epoch-scheduler-stepped-per-batch, \
      plateau-without-metric, plateau-metric-is-train-loss, length-mismatch, \
      warmup-too-long, scheduler-never-stepped, accumulation-mismatch, lr-not-logged.

      --simulate draws each scheduler as the script steps it beside the schedule it was \
      sized for (a braille chart; CSV or JSON rows with --format csv|json).

      Exit status: 1 when a finding is an error, 0 otherwise; 2 when the file cannot be read \
      or parsed (the parse error at line:column).
      """)

  @Argument(help: "The training script (or - for standard input).")
  var file: String

  @Option(name: .long, help: "text (default) or json; with --simulate: chart, csv or json.")
  var format: String?

  @Flag(name: .long, help: "The schedule as the script steps it, beside the one it was sized for.")
  var simulate = false

  @Option(
    name: .customLong("steps-per-epoch"),
    help: "--simulate: len(train_loader) where the script does not say it.")
  var stepsPerEpoch: String?

  @Option(name: .long, help: "--simulate: the epoch count where the script does not say it.")
  var epochs: String?

  func run() throws {
    let source = try SnippetSource(
      argument: file == "-" ? "-" : nil, file: file == "-" ? nil : file
    )
    .read(command: "doctor", usage: usage)
    let name = file == "-" ? "<stdin>" : file
    let report: DoctorReport
    let assume = Assumptions(
      batchesPerEpoch: try count("--steps-per-epoch", stepsPerEpoch),
      epochs: try count("--epochs", epochs))
    do {
      report = try Doctor.examine(source, file: name, assume: assume)
    } catch {
      throw usage(
        "\(Sanitizer.cleanLine(name)):\(error.line):\(error.column): "
          + Sanitizer.clean(error.rendered()))
    }
    if simulate {
      try runSimulation(report)
    } else {
      switch format ?? "text" {
      case "text": write(report.text())
      case "json": write(jsonEscapingUnsafe(report.json()))
      default: throw usage("--format must be text or json, not '\(format ?? "")'")
      }
    }
    if report.hasError { throw ExitCode(1) }
  }

  func runSimulation(_ report: DoctorReport) throws {
    let simulations = DoctorSimulation.run(report)
    switch format ?? "chart" {
    case "chart", "text":
      if simulations.isEmpty {
        write(
          "\(Sanitizer.cleanLine(report.file)): nothing to simulate (no stepped scheduler whose "
            + "construction the doctor could evaluate; --steps-per-epoch N and --epochs N fill in "
            + "what the script does not say)\n")
      }
      for simulation in simulations { write(chart(simulation)) }
    case "csv": write(DoctorSimulation.csv(simulations))
    case "json": write(jsonEscapingUnsafe(DoctorSimulation.json(simulations, file: report.file)))
    default: throw usage("--format with --simulate must be chart, csv or json")
    }
  }

  func chart(_ simulation: DoctorSimulation) -> String {
    let environment = ProcessInfo.processInfo.environment
    let width = environment["COLUMNS"].flatMap { Int($0) }.map { max(30, min($0, 1000)) } ?? 80
    let height = 18
    let series = [
      ChartSeries(name: "as the script steps it", ys: simulation.actual),
      ChartSeries(name: "as sized (\(simulation.sizedDescription))", ys: simulation.sized),
    ]
    let chart = LineChart(
      series: series, markers: [],
      title: Sanitizer.cleanLine(
        "\(simulation.className) (line \(simulation.line)): learning rate per optimizer step"),
      xName: "optimizer step", showsLegend: true)
    var buffer = Buffer(width: width, height: height)
    chart.draw(into: &buffer, area: Rect(x: 0, y: 0, width: width, height: height))
    var text = buffer.plainText() + "\n"
    text += Sanitizer.cleanLine(simulation.note) + "\n\n"
    return text
  }

  func count(_ name: String, _ text: String?) throws -> Int? {
    guard let text else { return nil }
    guard let value = Int(text), value > 0, value <= 1_000_000 else {
      throw usage("\(name): '\(text)' is not a positive integer (at most 1000000)")
    }
    return value
  }

  /// Through `Output`: sanitised, and a failed write exits 1 with a message instead of trapping.
  func write(_ text: String) {
    Output.write(text)
  }

  func usage(_ message: String) -> ExitCode {
    printError(message.hasPrefix("error:") ? message : "error: \(message)")
    return ExitCode(2)
  }
}

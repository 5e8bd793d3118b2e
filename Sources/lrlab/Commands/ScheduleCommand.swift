import ArgumentParser
import FastFormat
import Foundation
import Plots
import Schedulers
import TerminalUI
import TorchSnippet

/// `lrlab schedule`: read a PyTorch scheduler snippet, step it, print the learning rates.
struct ScheduleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schedule",
    abstract: "Print the learning rates a pasted PyTorch scheduler snippet produces.",
    discussion: """
      The snippet is the optimizer and scheduler lines of a PyTorch script. Without an \
      optimizer line, `optimizer` is SGD(model.parameters(), lr=--lr, momentum=0.9). \
      `len(train_loader)` is --steps-per-epoch and `num_epochs` is --epochs. Loops, \
      `scheduler.step()` and training calls are read but not run: lrlab steps the schedule. \
      Hugging Face transformers' schedules (`from transformers import \
      get_linear_schedule_with_warmup`, `get_scheduler("cosine", …)`, …) are read too.

      CSV: a header, then one row per step from 0 (right after construction) to N: `step`, \
      `lr` (or `lr0,lr1,…` for several param groups), then `momentum` (or `momentum0,…`) when \
      the schedule cycles momentum. Numbers round-trip exactly.

      Exit status: 0 on success; 1 when PyTorch would raise mid-run (the rows up to that step \
      are printed, then the error); 2 on bad input (including an error PyTorch raises while \
      constructing). A whole training script may be given: what does not build the optimizer \
      or schedulers (the model class, loaders, training loops, `main()`'s loops) is read and \
      skipped, never run; --verbose lists what was skipped.
      """)

  enum Format: String, CaseIterable {
    case table, csv, json, chart, svg
  }

  // Numbers and the format are read as text and checked in `run`, so a bad value exits with
  // status 2 like every other bad input (ArgumentParser's own errors exit with 64).

  @Argument(help: "The snippet, or - to read it from standard input.")
  var snippet: String?

  @Option(name: .long, help: "Read the snippet from this file.")
  var file: String?

  @Option(
    name: .long,
    help: "scheduler.step() calls after construction (default: the schedule's natural length).")
  var steps: String?

  @Option(
    name: .long, parsing: .unconditional,
    help:
      "Comma-separated values for ReduceLROnPlateau.step(metric); the last repeats (negative values as written: --metric -0.5,-0.4)."
  )
  var metric: String?

  @Flag(name: .long, help: "List on stderr what reading the snippet skipped, and why.")
  var verbose = false

  @Option(name: .long, help: "The implicit optimizer's learning rate (default 0.1).")
  var lr: String?

  @Option(name: .customLong("steps-per-epoch"), help: "len(train_loader) (default 8).")
  var stepsPerEpoch: String?

  @Option(name: .long, help: "num_epochs (default 10).")
  var epochs: String?

  @Option(name: .long, help: "table (default), csv, json, chart or svg.")
  var format: String?

  @Flag(name: .customLong("log-y"), help: "Chart: logarithmic y axis.")
  var logY = false

  /// The largest number of values (steps × param groups) a run may produce.
  static let maxSteps = 10_000_000

  func run() throws {
    guard let format = Format(rawValue: format ?? "table") else {
      throw usage("--format must be table, csv, json, chart or svg, not '\(format ?? "")'")
    }
    let lr = try number("--lr", self.lr, default: 0.1)
    let stepsPerEpoch = try count("--steps-per-epoch", self.stepsPerEpoch, default: 8)
    let epochs = try count("--epochs", self.epochs, default: 10)
    guard lr >= 0, lr.isFinite else { throw usage("--lr must be a non-negative number") }
    let source = try SnippetSource(argument: snippet, file: file).read(
      command: "schedule", usage: usage)
    let metrics = try parseMetrics()
    let context = SnippetContext(
      trainLoaderLength: stepsPerEpoch, numEpochs: epochs, defaultLR: lr)
    let built: BuiltSchedule
    do {
      built = try SnippetProgram.parse(source).build(context)
    } catch {
      throw usage(error.rendered())
    }
    if verbose {
      for note in built.notes { printError("note: \(note)") }
    }
    if built.scheduler.needsMetric && metrics.isEmpty {
      throw usage(
        "\(built.className).step() needs the monitored metric: pass --metric V1,V2,… "
          + "(the last value repeats)")
    }
    let count = try self.count("--steps", steps, default: built.naturalLength)
    let groups = max(1, built.optimizer.groups.count)
    guard count <= Self.maxSteps / groups else {
      throw usage(
        groups == 1
          ? "--steps must be at most \(Self.maxSteps)"
          : "\(groups) param groups × \(count) steps is more than \(Self.maxSteps) values; "
            + "use at most \(Self.maxSteps / groups) steps")
    }
    // Rows are streamed: constant memory in the number of steps, whatever the format.
    let header = ScheduleRunner.header(built)
    let failure: ScheduleTrace.StepFailure?
    switch format {
    case .csv:
      // Numbers straight into bytes (ASCII only: nothing to sanitise), streamed to stdout.
      Output.flush()
      let out = ByteOutput(fileDescriptor: STDOUT_FILENO)
      failure = ScheduleRunner.writeCSV(built, steps: count, metrics: metrics, to: out)
      out.flush()
      if out.writeFailed { Output.failedWrite(errno: out.writeError) }
    case .json:
      Output.write(jsonEscapingUnsafe(header.jsonHead()))
      var first = true
      failure = ScheduleRunner.stream(built, steps: count, metrics: metrics) {
        Output.bytes(Array(header.jsonRow($0, first: first).utf8))
        first = false
      }
      Output.write(jsonEscapingUnsafe(header.jsonTail(failure)))
    case .table:
      // Two passes over a deterministic schedule: the column widths, then the rows.
      var widths = header.tableHeader().map(\.count)
      _ = ScheduleRunner.stream(built, steps: count, metrics: metrics) { row in
        for (i, cell) in header.cells(row).enumerated() where i < widths.count {
          widths[i] = max(widths[i], cell.count)
        }
      }
      let again = try SnippetProgram.parse(source).build(context)
      Output.write(ScheduleTrace.tableLine(header.tableHeader(), widths: widths))
      failure = ScheduleRunner.stream(again, steps: count, metrics: metrics) {
        Output.bytes(Array(ScheduleTrace.tableLine(header.cells($0), widths: widths).utf8))
      }
    case .chart:
      var series = (0..<header.groupCount).map { _ in DecimatedSeries(steps: count) }
      failure = ScheduleRunner.stream(built, steps: count, metrics: metrics) { row in
        for g in series.indices where g < row.lr.count {
          series[g].append(x: row.step, y: row.lr[g])
        }
      }
      Output.write(chart(header, series: series, built: built))
    case .svg:
      // Every row up to DecimatedSeries.exactLimit steps (the CSV's numbers); beyond, each
      // bucket's extremes: the rows are streamed like the other formats' (keeping them all
      // took 940 MB and wrote a 250 MB SVG at 3,000,000 steps).
      var kept = DecimatedRows(steps: count)
      failure = ScheduleRunner.stream(built, steps: count, metrics: metrics) { kept.append($0) }
      kept.flush()
      var trace = header
      trace.rows = kept.rows
      trace.failure = failure
      Output.write(
        Charts.schedule(
          trace, markers: milestones(built).map { PlotMarker(x: $0, label: "milestone") },
          logY: logY))
    }
    if let failure {
      printError("error: \(failure.error) (at step \(failure.step))")
      throw ExitCode(1)
    }
  }

  func number(_ name: String, _ text: String?, default fallback: Double) throws -> Double {
    guard let text else { return fallback }
    guard let value = DecimalNumber.parse(text) else {
      throw usage("\(name): '\(text)' is not a finite decimal number")
    }
    return value
  }

  func count(_ name: String, _ text: String?, default fallback: Int) throws -> Int {
    guard let text else { return fallback }
    guard let value = Int(text), value >= 0 else {
      throw usage("\(name): '\(text)' is not a non-negative integer")
    }
    return value
  }

  func parseMetrics() throws -> [Double] {
    guard let metric else { return [] }
    var values: [Double] = []
    for field in metric.split(separator: ",", omittingEmptySubsequences: false) {
      let text = field.trimmingCharacters(in: .whitespaces)
      guard let value = DecimalNumber.parse(text) else {
        throw usage("--metric: '\(text)' is not a number")
      }
      values.append(value)
    }
    return values
  }

  /// The learning rates as a braille line chart as wide as the terminal.
  func chart(_ trace: ScheduleTrace, series decimated: [DecimatedSeries], built: BuiltSchedule)
    -> String
  {
    let environment = ProcessInfo.processInfo.environment
    let width = environment["COLUMNS"].flatMap { Int($0) }.map { max(20, min($0, 1000)) } ?? 80
    let height = 20
    let series = decimated.enumerated().map { group, points in
      points.series(name: trace.groupCount == 1 ? "lr" : "lr\(group) (\(trace.groupNames[group]))")
    }
    let markers = milestones(built).map { ChartMarker(x: $0, label: "milestone") }
    // The x axis spans every step, also the ones a log axis cannot draw (lr 0 where a warmup
    // starts or a schedule ends); the chart's own extent would start at the first positive lr.
    let ends = series.filter { $0.count > 0 }.flatMap { [$0.x(at: 0), $0.x(at: $0.count - 1)] }
    let xRange = ends.min().flatMap { lo in ends.max().map { lo...$0 } }
    let chart = LineChart(
      series: series, markers: markers, yScale: logY ? .log10 : .linear, xRange: xRange,
      title: "\(trace.className): learning rate", xName: "step",
      showsLegend: trace.groupCount > 1)
    var buffer = Buffer(width: width, height: height)
    chart.draw(into: &buffer, area: Rect(x: 0, y: 0, width: width, height: height))
    return buffer.plainText() + "\n"
  }

  /// SequentialLR's milestones, marked on the charts.
  func milestones(_ built: BuiltSchedule) -> [Double] {
    (built.scheduler as? SequentialLR)?.milestones.map(Double.init) ?? []
  }

  /// A bad-input error: its message on stderr, exit status 2.
  func usage(_ message: String) -> ExitCode {
    printError(message.hasPrefix("error:") ? message : "error: \(message)")
    return ExitCode(2)
  }
}

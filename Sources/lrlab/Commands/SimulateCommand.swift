import ArgumentParser
import Foundation
import Plots
import Schedulers
import TerminalUI
import TorchSnippet
import Training

/// `lrlab simulate`: train a toy model under a pasted optimizer + scheduler snippet.
struct SimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Train a toy model with a pasted PyTorch optimizer and scheduler.",
    discussion: """
      The loop is the lesson's: epochs of shuffled mini-batches, optimizer.step() then \
      scheduler.step() — per batch for OneCycleLR and CyclicLR, per epoch otherwise \
      (--step-every overrides) — and ReduceLROnPlateau fed the validation loss each epoch. \
      In the snippet, `len(train_loader)` is the model's batches per epoch and `num_epochs` \
      is --epochs. Param groups named `backbone` and `head` map to the network's body and \
      output layer; any other group trains every parameter.

      Models — PyTorch's own, with its default initialisation, float32 and PyTorch's random \
      stream (`lrlab export --pytorch` writes the same run as a script): sine, \
      nn.Sequential(nn.Linear(1, 32), nn.Tanh(), nn.Linear(32, 1)) on 256 points y = sin x + \
      0.1·N(0, 1), batch 32, 250 epochs; linear, nn.Linear(20, 1, bias=False) on \
      ill-conditioned Gaussian features, batch 4, 40 epochs; finetune, a pretrained \
      nn.Linear(1, 256) + tanh body with a new nn.Linear(256, 1) head on 64 task-B points, \
      batch 16, 250 epochs, reporting the frozen head A's task-A loss; quadratic, the noisy \
      quadratic model's exact expected loss (SGD only). A run diverges when a training loss \
      is not finite or exceeds 1e6.

      CSV: one row per optimizer step — step,epoch,lr (lr0,lr1,… for several groups),\
      train_loss,val_loss (and task_a_loss for finetune); the validation columns are filled \
      on each epoch's last step. JSON: steps, epochs, events, summary.

      Mistakes: scheduler-first (scheduler.step() before optimizer.step()), \
      onecycle-per-epoch, no-metric (ReduceLROnPlateau.step() without the metric).

      Exit status: 0 when the run ends (a divergence is a result, reported as an event); \
      1 when PyTorch would raise mid-run (the output so far is printed, then the error); \
      2 on bad input.
      """)

  @OptionGroup var options: RunOptions

  @Option(name: .long, help: "table, csv, json, chart or svg.")
  var format: String = "table"

  @Flag(name: .long, help: "List on stderr what reading the snippet skipped, and why.")
  var verbose = false

  func run() throws {
    let config = try options.makeConfig()
    guard let format = OutputFormat(rawValue: format) else {
      throw usage("--format must be one of table, csv, json, chart, svg; got '\(format)'")
    }
    let (_, built, run) = try options.makeRun(config, command: "simulate")
    if verbose {
      for note in built.notes { options.printError("note: \(note)") }
    }
    stream(run, format: format)
    if let failure = run.failure {
      printError("error: \(failure)")
      throw ExitCode(1)
    }
  }

  /// Runs and writes in chunks, letting go of each chunk's per-step values once written:
  /// constant memory in the number of steps, for every format.
  func stream(_ run: TrainingRun, format: OutputFormat) {
    let chunk = 1 << 15
    let groups = run.history.groupCount
    switch format {
    case .svg:
      // The chart needs every point: run to the end, then draw.
      run.runToEnd()
      Output.write(Charts.run(run))
    case .csv:
      Output.write(RunReport.csvHeader(run))
      var cursor = 0
      var bytes: [UInt8] = []
      repeat {
        run.runSteps(chunk)
        bytes.removeAll(keepingCapacity: true)
        RunReport.appendCSVRows(run, epochCursor: &cursor, to: &bytes)
        Output.bytes(bytes)
        run.forgetStoredSteps()
      } while !run.isFinished
    case .json:
      Output.write(jsonEscapingUnsafe(RunReport.jsonHead(run)))
      var first = true
      var bytes: [UInt8] = []
      repeat {
        run.runSteps(chunk / 8)
        bytes.removeAll(keepingCapacity: true)
        RunReport.appendJSONSteps(run, first: &first, to: &bytes)
        Output.bytes(bytes)
        run.forgetStoredSteps()
      } while !run.isFinished
      RunReport.writeJSONTail(
        run, hadSteps: !first, { Output.write(jsonEscapingUnsafe($0)) }, bytes: Output.bytes)
    case .table:
      var epochLRs: [Double] = []
      repeat {
        run.runSteps(chunk)
        keepEpochLRs(run, into: &epochLRs, groups: groups)
        run.forgetStoredSteps()
      } while !run.isFinished
      Output.write(RunReport.table(run, epochLRs: epochLRs))
    case .chart:
      let steps = run.config.totalSteps
      var loss = DecimatedSeries(steps: steps)
      var lrs = (0..<groups).map { _ in DecimatedSeries(steps: steps) }
      var epochLRs: [Double] = []
      repeat {
        run.runSteps(chunk)
        let history = run.history
        for step in history.firstStoredStep..<history.stepCount {
          let local = step - history.firstStoredStep
          let value = history.trainLoss[local]
          loss.append(x: step, y: value.isFinite ? value : .nan)
          for g in 0..<groups { lrs[g].append(x: step, y: history.lr[local * groups + g]) }
        }
        keepEpochLRs(run, into: &epochLRs, groups: groups)
        run.forgetStoredSteps()
      } while !run.isFinished
      Output.write(
        SimulationChart.render(run, trainLoss: loss, lrs: lrs, epochLRs: epochLRs))
    }
  }

  /// The lr of each epoch's last step (for the table), before the steps are let go of.
  func keepEpochLRs(_ run: TrainingRun, into lrs: inout [Double], groups: Int) {
    let history = run.history
    for record in history.epochs.dropFirst(lrs.count / max(1, groups)) {
      let base = (record.lastStep - history.firstStoredStep) * groups
      for g in 0..<groups { lrs.append(history.lr[base + g]) }
    }
  }

  enum OutputFormat: String { case table, csv, json, chart, svg }

  func usage(_ message: String) -> ExitCode {
    printError(message.hasPrefix("error:") ? message : "error: \(message)")
    return ExitCode(2)
  }
}

/// `--format chart`: the losses (log scale, events marked) over the learning rate.
enum SimulationChart {
  static func render(
    _ run: TrainingRun, trainLoss: DecimatedSeries, lrs: [DecimatedSeries], epochLRs: [Double]
  ) -> String {
    let environment = ProcessInfo.processInfo.environment
    let width = environment["COLUMNS"].flatMap { Int($0) }.map { max(20, min($0, 1000)) } ?? 80
    let history = run.history
    let epochs = history.epochs
    var lossSeries = [
      trainLoss.series(name: "train loss"),
      ChartSeries(
        name: "val loss", xs: epochs.map { Double($0.lastStep) },
        ys: epochs.map(\.validationLoss)),
    ]
    if run.config.model == .finetune {
      lossSeries.append(
        ChartSeries(
          name: "task A loss", xs: epochs.map { Double($0.lastStep) },
          ys: epochs.map { $0.taskALoss ?? .nan }))
    }
    let markers = history.events.filter { $0.kind != .finished && $0.kind != .warning }.map {
      ChartMarker(x: Double($0.step), label: $0.kind.rawValue)
    }
    let lossChart = LineChart(
      series: lossSeries, markers: markers, yScale: .log10,
      title: "\(run.config.model.rawValue): loss", xName: "step", showsLegend: true)
    let groups = history.groupCount
    let lrSeries = (0..<groups).map { g in
      lrs[g].series(name: groups == 1 ? "lr" : "lr\(g) (\(run.groupNames[g]))")
    }
    let lrChart = LineChart(
      series: lrSeries, markers: [],
      yScale: .linear,
      title: "\(run.scheduler?.className ?? "constant"): learning rate", xName: "step",
      showsLegend: groups > 1)
    var out = ""
    for (chart, height) in [(lossChart, 18), (lrChart, 10)] {
      var buffer = Buffer(width: width, height: height)
      chart.draw(into: &buffer, area: Rect(x: 0, y: 0, width: width, height: height))
      out += buffer.plainText() + "\n"
    }
    if let summary = RunReport.table(run, epochLRs: epochLRs).components(
      separatedBy: "\nsummary: "
    ).last {
      out += "summary: " + summary
    }
    return out
  }
}

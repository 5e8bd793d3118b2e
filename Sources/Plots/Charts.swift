import TerminalUI
import TorchSnippet
import Training

/// The SVG charts of the commands, each holding the same numbers as the command's CSV.
public enum Charts {
  /// `lrlab schedule`: the lr of each group over the steps; the cycled momenta in a second
  /// panel. `markers`: milestones and the like.
  public static func schedule(
    _ trace: ScheduleTrace, markers: [PlotMarker] = [], logY: Bool = false
  )
    -> String
  {
    let xs = trace.rows.map { Double($0.step) }
    let lr = (0..<trace.groupCount).map { g in
      PlotSeries(
        name: trace.groupCount == 1 ? "lr" : "lr\(g) (\(trace.groupNames[g]))", xs: xs,
        ys: trace.rows.map { $0.lr[g] })
    }
    var plots = [
      SVGPlot(
        title: "\(trace.className): learning rate", xLabel: "step", yLabel: "learning rate",
        yScale: logY ? .log10 : .linear, series: lr, markers: markers)
    ]
    if trace.cyclesMomentum {
      let momentum = (0..<trace.groupCount).map { g in
        PlotSeries(
          name: trace.groupCount == 1 ? "momentum" : "momentum\(g) (\(trace.groupNames[g]))",
          xs: xs, ys: trace.rows.map { $0.momentum?[g] ?? .nan })
      }
      plots.append(
        SVGPlot(
          title: "\(trace.className): momentum", xLabel: "step", yLabel: "momentum",
          series: momentum, markers: markers))
    }
    return SVGDocument.render(plots)
  }

  /// `lrlab simulate`: the losses (log y; train per step, validation and task A per epoch)
  /// with the run's events marked, then each group's lr. `ghosts`: earlier runs' losses.
  public static func run(_ run: TrainingRun, ghosts: [PlotSeries] = []) -> String {
    let history = run.history
    let epochs = history.epochs
    let epochXs = epochs.map { Double($0.lastStep) }
    var losses = [
      PlotSeries(
        name: "train loss", xs: (0..<history.stepCount).map(Double.init), ys: history.trainLoss),
      PlotSeries(name: "val loss", xs: epochXs, ys: epochs.map(\.validationLoss)),
    ]
    if run.config.model == .finetune {
      losses.append(
        PlotSeries(name: "task A loss", xs: epochXs, ys: epochs.map { $0.taskALoss ?? .nan }))
    }
    let markers = history.events.filter { $0.kind != .finished && $0.kind != .warning }.map {
      PlotMarker(x: Double($0.step), label: $0.kind.rawValue)
    }
    let groups = history.groupCount
    let lr = (0..<groups).map { g in
      PlotSeries(
        name: groups == 1 ? "lr" : "lr\(g) (\(run.groupNames[g]))",
        xs: (0..<history.stepCount).map(Double.init),
        ys: stride(from: g, to: history.lr.count, by: groups).map { history.lr[$0] })
    }
    return SVGDocument.render([
      SVGPlot(
        title: "\(run.config.model.rawValue): loss", xLabel: "step", yLabel: "loss",
        yScale: .log10, series: losses, ghosts: ghosts, markers: markers),
      SVGPlot(
        title: "\(run.scheduler?.className ?? "constant"): learning rate", xLabel: "step",
        yLabel: "learning rate", series: lr, markers: markers),
    ])
  }

  /// `lrlab range-test`: raw and smoothed loss over the lr (log x, log y), the minimum and
  /// the two suggestions marked.
  public static func rangeTest(_ r: RangeTestResult, model: ModelKind) -> String {
    SVGDocument.render([
      SVGPlot(
        title: "LR range test on \(model.rawValue)", xLabel: "learning rate", yLabel: "loss",
        xScale: .log10, yScale: .log10,
        series: [
          PlotSeries(name: "loss", xs: r.lrs, ys: r.rawLosses),
          PlotSeries(name: "smoothed loss", xs: r.lrs, ys: r.smoothedLosses),
        ],
        markers: [
          PlotMarker(x: r.suggestionMinimumOver10, label: "minimum ÷ 10"),
          PlotMarker(x: r.suggestionSteepest, label: "steepest"),
          PlotMarker(x: r.lrAtMinimum, label: "minimum"),
        ])
    ])
  }

  /// `lrlab sweep`: each schedule's median final validation loss over the peak LR (log x,
  /// log y); each schedule's best LR circled, diverged cells crossed on the top edge.
  public static func sweep(_ result: SweepResult) -> String {
    SVGDocument.render([sweepPlot(result)])
  }

  public static func sweepPlot(_ result: SweepResult) -> SVGPlot {
    var points: [PlotPoint] = []
    let series = result.scheduleNames.indices.map { s in
      let cells = result.cells(ofSchedule: s)
      if let best = result.best(ofSchedule: s), let median = best.finalValidationLoss?.median {
        points.append(
          PlotPoint(
            x: best.lr, y: median,
            label: "\(result.scheduleNames[s]): best lr \(SweepReport.short(best.lr))",
            seriesIndex: s))
      }
      for cell in cells where cell.finalValidationLoss == nil && cell.completed > 0 {
        points.append(
          PlotPoint(
            x: cell.lr, y: nil,
            label: "\(result.scheduleNames[s]): diverged at lr \(SweepReport.short(cell.lr))",
            seriesIndex: s))
      }
      return PlotSeries(
        name: result.scheduleNames[s], xs: cells.map(\.lr),
        ys: cells.map { $0.finalValidationLoss?.median ?? .nan })
    }
    return SVGPlot(
      title:
        "sweep on \(result.model.rawValue): final validation loss (median of \(result.seeds) seed\(result.seeds == 1 ? "" : "s"))",
      xLabel: "peak learning rate", yLabel: "final validation loss", xScale: .log10,
      yScale: .log10, series: series, points: points)
  }
}

import Foundation
import Plots
import TerminalUI
import Training

/// The Lab's sweep keys and its SVG export (kept apart from the Lab's own files).
extension LabState {
  mutating func enterSweep() {
    switch LabSweepState.make(for: config) {
    case .success(let state):
      run.pause()
      rangeTest = nil
      sweep = state
    case .failure(let p):
      message = "Sweep: \(p.message)"
    }
  }

  /// Keys in sweep mode: arrows move over the points, Enter opens one, `w` leaves.
  mutating func sweepKey(_ key: Key) -> LabOutcome? {
    switch key {
    case .char("w"), .escape, .char("q"):
      sweep = nil
    case .left, .char("h"): sweep?.move(lr: -1)
    case .right, .char("l"): sweep?.move(lr: 1)
    case .up, .char("k"): sweep?.move(schedule: 1)
    case .down, .char("j"): sweep?.move(schedule: -1)
    case .enter:
      guard let sweep else { return nil }
      let setup = sweep.cursorSetup
      self.sweep = nil
      config = setup
      code = LabCodeGen.code(for: setup)
      notice = "Opened \(setup.shortLabel) at peak lr \(labNumber(setup.peak)) from the sweep."
      startRun(playing: true)
    case .char("g"):
      guard let sweep else { return nil }
      return export("sweep", "svg", Charts.sweep(sweep.result))
    default:
      return nil
    }
    return LabOutcome(handled: true)
  }

  /// The run as a standalone SVG: losses (log y) with the events and the ghosts, then the LR.
  func svgExport() -> String {
    LabSVG.render(run.trace, shown: run.playback.revealed, ghosts: ghosts)
  }
}

enum LabSVG {
  static func render(_ trace: LabTrace, shown: Int, ghosts: [LabGhost]) -> String {
    let steps = Array(trace.steps.prefix(max(0, shown)))
    let lastStep = steps.last?.step ?? -1
    let epochs = trace.epochs.filter { $0.lastStep <= lastStep }
    func losses(_ t: LabTrace, _ name: String) -> [PlotSeries] {
      [
        PlotSeries(
          name: "\(name)train loss", xs: t.steps.map { Double($0.step) },
          ys: t.steps.map(\.trainLoss)),
        PlotSeries(
          name: "\(name)val loss", xs: t.epochs.map { Double($0.lastStep) },
          ys: t.epochs.map { $0.valLoss ?? .nan }),
      ]
    }
    var current = trace
    current.steps = steps
    current.epochs = epochs
    let markers = trace.events.filter { $0.step <= lastStep }.map {
      PlotMarker(x: Double($0.step), label: $0.markerLabel)
    }
    let groups = trace.groupNames.count
    let lr = (0..<groups).map { g in
      PlotSeries(
        name: groups == 1 ? "lr" : "lr\(g) (\(trace.groupNames[g]))",
        xs: steps.map { Double($0.step) },
        ys: steps.map { $0.lrs.indices.contains(g) ? $0.lrs[g] : .nan })
    }
    let ghostLosses = ghosts.map { ghost in
      PlotSeries(
        name: "ghost: \(ghost.label)", xs: ghost.trace.epochs.map { Double($0.lastStep) },
        ys: ghost.trace.epochs.map { $0.valLoss ?? .nan })
    }
    let ghostLR = ghosts.map { ghost in
      PlotSeries(
        name: "ghost: \(ghost.label)", xs: ghost.trace.steps.map { Double($0.step) },
        ys: ghost.trace.steps.map { $0.lrs.first ?? .nan })
    }
    let xRange = 0...Double(max(trace.plannedSteps, 1))
    return SVGDocument.render([
      SVGPlot(
        title: "Lab run: loss", xLabel: "step", yLabel: "loss", yScale: .log10,
        series: losses(current, ""), ghosts: ghostLosses, markers: markers, xRange: xRange),
      SVGPlot(
        title: "Lab run: learning rate", xLabel: "step", yLabel: "learning rate", series: lr,
        ghosts: ghostLR, markers: markers, xRange: xRange),
    ])
  }
}

import Foundation
import TerminalUI

/// The Lab's layout: charts on the left, readout / plateau / compare / knobs on the right, the
/// PyTorch code across the bottom with one line for notices above it.
struct LabLayout: Equatable {
  var lrChart: Rect
  var lossChart: Rect
  var readout: Rect
  var plateau: Rect?
  var compare: Rect?
  var knobs: Rect
  var noticeRow: Rect
  var code: Rect

  init(area: Rect, codeLines: Int, hasPlateau: Bool, ghostCount: Int) {
    let codeHeight = min(max(codeLines + 2, 4), max(4, area.height / 3))
    let (upper, code) = area.splitBottom(codeHeight)
    let (main, notice) = upper.splitBottom(1)
    let rightWidth = min(max(area.width * 34 / 100, 34), 60, max(area.width - 30, 0))
    let (chartsAndGap, right) = main.splitLeft(main.width - rightWidth)
    let left = Rect(
      x: chartsAndGap.x, y: chartsAndGap.y, width: chartsAndGap.width - 1,
      height: chartsAndGap.height)
    let lrHeight = left.height / 2
    let (lr, loss) = left.splitTop(lrHeight)
    var rest = right
    let (readout, r1) = rest.splitTop(min(9, rest.height))
    rest = r1
    var plateau: Rect?
    if hasPlateau, rest.height > 8 {
      let (p, r2) = rest.splitTop(4)
      plateau = p
      rest = r2
    }
    var compare: Rect?
    if ghostCount > 0, rest.height > 8 {
      let (c, r3) = rest.splitTop(ghostCount + 4)
      compare = c
      rest = r3
    }
    self.lrChart = lr
    self.lossChart = loss
    self.readout = readout
    self.plateau = plateau
    self.compare = compare
    self.knobs = rest
    self.noticeRow = notice
    self.code = code
  }
}

extension LabState {
  /// Draws the Lab into `context.area` (the app draws the title bar and the status line).
  public func view(into buffer: inout Buffer, context: LabContext) {
    let area = context.area
    guard area.width >= 40, area.height >= 12 else {
      buffer.put(
        "Enlarge the terminal for the Lab.", x: area.x + 1, y: area.y,
        style: AppTheme(capabilities: context.capabilities).warning)
      return
    }
    let style = LabStyle(context: context)
    let codeRows =
      showsModel && editor == nil
      ? modelPanelLines(width: area.width - 4, style: style)
      : codePanelLines(width: area.width - 4, style: style)
    let layout = LabLayout(
      area: area, codeLines: codeRows.count, hasPlateau: currentPlateau != nil,
      ghostCount: ghosts.count)
    if let sweep {
      sweep.draw(
        into: &buffer, area: layout.lrChart.union(layout.lossChart), theme: style.chartTheme,
        glyphs: style.chartGlyphs)
    } else if let test = rangeTest {
      drawRangeTest(test, into: &buffer, area: layout.lrChart.union(layout.lossChart), style: style)
    } else {
      drawCharts(into: &buffer, layout: layout, style: style)
    }
    drawReadout(into: &buffer, area: layout.readout, style: style)
    if let rect = layout.plateau { drawPlateau(into: &buffer, area: rect, style: style) }
    if let rect = layout.compare { drawCompare(into: &buffer, area: rect, style: style) }
    drawKnobs(into: &buffer, area: layout.knobs, style: style)
    drawNotice(into: &buffer, area: layout.noticeRow, style: style)
    drawCode(codeRows, into: &buffer, area: layout.code, style: style)
    if !style.unicode { asciify(&buffer, area) }
  }

  /// In ASCII mode (a non-UTF-8 locale, `--ascii`) every cell of the Lab ends up 7-bit: the few
  /// symbols the panels use map to look-alikes, anything else to "?".
  func asciify(_ buffer: inout Buffer, _ area: Rect) {
    let map: [Character: Character] = [
      "·": "-", "→": ">", "←": "<", "↑": "^", "↓": "v", "✗": "x", "≤": "<", "…": ".", "–": "-",
      "×": "x", "■": "#", "□": ".", "◌": ".", "◍": ":", "○": "o", "●": "*", "◂": "<", "▸": ">",
      "❚": "|", "▶": ">", "›": ">", "─": "-", "│": "|", "╭": "+", "╮": "+", "╰": "+", "╯": "+",
    ]
    for y in area.y..<min(area.maxY, buffer.height) {
      for x in area.x..<min(area.maxX, buffer.width) {
        let cell = buffer[x, y]
        guard cell.width != 0, !cell.grapheme.isASCII else { continue }
        let replacement = map[cell.grapheme] ?? "?"
        buffer[x, y] = Cell(replacement, style: cell.style)
        if cell.width == 2, x + 1 < buffer.width { buffer[x + 1, y] = Cell(" ", style: cell.style) }
      }
    }
  }

  func drawCharts(into buffer: inout Buffer, layout: LabLayout, style: LabStyle) {
    let trace = run.trace
    let shown = run.playback.revealed
    let steps = trace.steps.prefix(shown)
    let planned = max(trace.plannedSteps, shown, 1)
    let xRange = 1...Double(max(planned, 2))
    let cursor: Double? =
      run.playback.playing || shown == 0 ? nil : run.cursorRecord.map { Double($0.step) }
    let markers = trace.events.filter { $0.step <= (steps.last?.step ?? 0) }.map {
      ChartMarker(x: Double($0.step), label: $0.markerLabel)
    }
    let epochAxis = SecondaryXAxis(
      name: "epoch", primaryPerUnit: Double(max(trace.stepsPerEpoch, 1)))
    // At most a few points per braille dot column: the chart's cost stays flat on long runs.
    let maxPoints = max(layout.lrChart.width * 4, 16)
    var lrSeries: [ChartSeries] = []
    for group in trace.groupNames.indices {
      let name = trace.groupNames.count == 1 ? "lr" : "lr \(trace.groupNames[group])"
      lrSeries.append(envelope(name, steps, maxPoints: maxPoints) { $0.lrs[safe: group] ?? .nan })
    }
    let lrChart = LineChart(
      series: lrSeries,
      ghosts: ghosts.map { g in
        envelope(g.label, g.trace.steps[...], maxPoints: maxPoints) { $0.lrs.first ?? .nan }
      },
      markers: markers, cursorX: cursor, yScale: logLR ? .log10 : .linear, xRange: xRange,
      title: "learning rate (\(logLR ? "log" : "linear"))", xName: "step", secondaryX: epochAxis,
      mode: style.chartMode, glyphs: style.chartGlyphs, theme: style.chartTheme)
    lrChart.draw(into: &buffer, area: layout.lrChart)

    var lossSeries = [trainSeries(steps, columns: layout.lossChart.width)]
    let epochs = trace.epochs.filter { $0.lastStep <= (steps.last?.step ?? 0) }
    let val = epochs.compactMap { e in e.valLoss.map { (Double(e.lastStep), $0) } }
    if !val.isEmpty {
      lossSeries.append(ChartSeries(name: "val", xs: val.map(\.0), ys: val.map(\.1)))
    }
    if trace.hasTaskA {
      let a = epochs.compactMap { e in e.taskALoss.map { (Double(e.lastStep), $0) } }
      lossSeries.append(ChartSeries(name: "task A", xs: a.map(\.0), ys: a.map(\.1)))
    }
    let lossChart = LineChart(
      series: lossSeries,
      ghosts: ghosts.map { g in
        let all = LabCompare.lossPoints(g.trace)
        let stride = max(1, all.count / maxPoints)
        let pts = Swift.stride(from: 0, to: all.count, by: stride).map { all[$0] }
        return ChartSeries(name: g.label, xs: pts.map { Double($0.step) }, ys: pts.map(\.value))
      },
      markers: markers, cursorX: cursor, yScale: .log10, xRange: xRange, title: "loss (log)",
      xName: "step", secondaryX: epochAxis, mode: style.chartMode, glyphs: style.chartGlyphs,
      theme: style.chartTheme)
    lossChart.draw(into: &buffer, area: layout.lossChart)
  }

  /// The training loss per step; on long runs, the mean of each run of steps sharing a braille
  /// column, so the noise reads as a band around a trend instead of a solid block.
  func trainSeries(_ steps: ArraySlice<LabStepRecord>, columns: Int) -> ChartSeries {
    let dots = max(columns * 2, 1)
    let planned = max(run.trace.plannedSteps, steps.count)
    let bucket = planned / dots
    guard bucket >= 2 else {
      return ChartSeries(name: "train", ys: steps.map(\.trainLoss), xStart: 1)
    }
    var xs: [Double] = []
    var ys: [Double] = []
    var start = steps.startIndex
    while start < steps.endIndex {
      let end = min(start + bucket, steps.endIndex)
      var sum = 0.0
      for i in start..<end { sum += steps[i].trainLoss }
      xs.append(Double(steps[start].step + steps[end - 1].step) / 2)
      ys.append(sum / Double(end - start))
      start = end
    }
    return ChartSeries(name: "train (mean of \(bucket))", xs: xs, ys: ys)
  }

  /// `value` of each step, thinned to at most `maxPoints` by keeping each bucket's lowest and
  /// highest point (in step order), so drops and spikes survive.
  func envelope(
    _ name: String, _ steps: ArraySlice<LabStepRecord>, maxPoints: Int,
    _ value: (LabStepRecord) -> Double
  ) -> ChartSeries {
    guard steps.count > maxPoints else {
      return ChartSeries(name: name, ys: steps.map(value), xStart: Double(steps.first?.step ?? 1))
    }
    let bucket = (steps.count + maxPoints / 2 - 1) / (maxPoints / 2)
    var xs: [Double] = []
    var ys: [Double] = []
    xs.reserveCapacity(maxPoints + 2)
    ys.reserveCapacity(maxPoints + 2)
    var start = steps.startIndex
    while start < steps.endIndex {
      let end = min(start + bucket, steps.endIndex)
      var lo = start
      var hi = start
      var loValue = value(steps[start])
      var hiValue = loValue
      for i in (start + 1)..<end {
        let v = value(steps[i])
        if v < loValue { (lo, loValue) = (i, v) }
        if v > hiValue { (hi, hiValue) = (i, v) }
      }
      for i in lo == hi ? [lo] : [min(lo, hi), max(lo, hi)] {
        xs.append(Double(steps[i].step))
        ys.append(i == lo ? loValue : hiValue)
      }
      start = end
    }
    return ChartSeries(name: name, xs: xs, ys: ys)
  }

  func drawRangeTest(
    _ test: LabRangeTestState, into buffer: inout Buffer, area: Rect, style: LabStyle
  ) {
    let pts = test.points.filter { $0.lr > 0 && $0.loss.isFinite }
    var markers: [ChartMarker] = []
    if test.isComplete, let lr = test.steepest, lr > 0 {
      markers.append(ChartMarker(x: log10(lr), label: "steepest \(labNumber(lr))"))
    }
    if test.isComplete, let lr = test.suggestedMaxLR, lr > 0 {
      markers.append(ChartMarker(x: log10(lr), label: "max_lr \(labNumber(lr))"))
    }
    let xs = test.allPoints.map { log10(max($0.lr, 1e-12)) }
    let chart = LineChart(
      series: [
        ChartSeries(name: "smoothed loss", xs: pts.map { log10($0.lr) }, ys: pts.map(\.loss))
      ],
      markers: markers, yScale: .log10, xRange: (xs.min() ?? -6)...(xs.max() ?? 1),
      title: "LR range test: smoothed loss vs log10(lr)", xName: "log10 lr",
      mode: style.chartMode, glyphs: style.chartGlyphs, theme: style.chartTheme)
    chart.draw(into: &buffer, area: area)
  }

  func drawNotice(into buffer: inout Buffer, area: Rect, style: LabStyle) {
    var text: String?
    var s = style.app.text
    if let message {
      text = message
      s = style.app.strong
    } else if let problem, editor == nil {
      text = "✗ " + problem.message
      s = style.app.wrong
    } else if let failure = run.trace.failure, run.isComplete {
      text = "✗ " + failure
      s = style.app.wrong
    } else if let notice {
      text = "! " + notice
      s = style.app.warning
    } else if let sweep {
      text = sweep.statusText
    } else if let test = rangeTest {
      text =
        test.isComplete
        ? "Suggested max_lr \(test.suggestedMaxLR.map(labNumber) ?? "-") (the minimum / 10; steepest descent at \(test.steepest.map(labNumber) ?? "-")): m sends it to OneCycleLR."
        : "Sweeping the LR exponentially; the run stops once the loss passes 4× its minimum."
      s = style.app.accent
    }
    guard let line = text else { return }
    buffer.put(line, x: area.x + 1, y: area.y, style: s, maxX: area.maxX - 1)
  }
}

extension Rect {
  func union(_ other: Rect) -> Rect {
    let x0 = min(x, other.x)
    let y0 = min(y, other.y)
    return Rect(x: x0, y: y0, width: max(maxX, other.maxX) - x0, height: max(maxY, other.maxY) - y0)
  }
}

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

/// A number for the readout: four significant digits, exponent only when needed.
func labNumber(_ value: Double) -> String {
  if value.isNaN { return "nan" }
  if value.isInfinite { return value > 0 ? "inf" : "-inf" }
  if value == 0 { return "0" }
  return String(format: "%.4g", value)
}

import Foundation
import TerminalUI

/// The Lab's layout. Large terminals: charts on the left, readout / plateau / compare / knobs on
/// the right, the PyTorch code across the bottom, notices (wrapped, up to three rows) above it.
/// Small terminals (`isCompact`, 80×24 among them): the two charts side by side across the
/// whole width, the notices, then one panel at a time on tabs (step + knobs, code, compare),
/// so the charts keep eight or more plot rows and the code box its whole snippet.
struct LabLayout: Equatable {
  var compact: Bool
  var lrChart: Rect
  var lossChart: Rect
  var readout: Rect?
  var plateau: Rect?
  var compare: Rect?
  var knobs: Rect?
  var noticeRows: Rect
  /// The compact layout's tab bar.
  var tabBar: Rect?
  var code: Rect?

  /// Below 26 rows or 90 columns of content, the panels share one tabbed area.
  static func isCompact(_ area: Rect) -> Bool { area.height < 24 || area.width < 90 }

  init(
    area: Rect, codeLines: Int, noticeLines: Int, hasPlateau: Bool, ghostCount: Int,
    tab: LabTab, readoutRows: Int = 9
  ) {
    let notices = min(max(noticeLines, 1), 3)
    compact = Self.isCompact(area)
    if compact {
      // Panel: the snippet (7 rows inside a frame) or the readout's 7 lines.
      let panelHeight = min(max(min(codeLines, 7), 7) + 2, max(area.height / 2 - 1, 6))
      let (upper, panelAndBar) = area.splitBottom(panelHeight + 1)
      let (bar, panel) = panelAndBar.splitTop(1)
      let (charts, notice) = upper.splitBottom(notices)
      let half = charts.width / 2
      let (lr, lossAndGap) = charts.splitLeft(half)
      lrChart = Rect(x: lr.x, y: lr.y, width: lr.width - 1, height: lr.height)
      lossChart = lossAndGap
      noticeRows = notice
      tabBar = bar
      switch tab {
      case .run:
        let readoutWidth = min(max(panel.width * 45 / 100, 34), panel.width - 24)
        let (r, k) = panel.splitLeft(readoutWidth)
        readout = r
        knobs = k
      case .code:
        code = panel
      case .compare:
        if hasPlateau {
          let (p, c) = panel.splitTop(min(4, panel.height))
          plateau = p
          compare = c.height >= 3 ? c : nil
        } else {
          compare = panel
        }
      }
      return
    }
    let codeHeight = min(max(codeLines + 2, 4), max(4, area.height / 3))
    let (upper, code) = area.splitBottom(codeHeight)
    let (main, notice) = upper.splitBottom(notices)
    let rightWidth = min(max(area.width * 34 / 100, 34), 60, max(area.width - 30, 0))
    let (chartsAndGap, right) = main.splitLeft(main.width - rightWidth)
    let left = Rect(
      x: chartsAndGap.x, y: chartsAndGap.y, width: chartsAndGap.width - 1,
      height: chartsAndGap.height)
    let lrHeight = left.height / 2
    let (lr, loss) = left.splitTop(lrHeight)
    var rest = right
    let (readout, r1) = rest.splitTop(min(readoutRows, rest.height))
    rest = r1
    if hasPlateau, rest.height > 8 {
      let (p, r2) = rest.splitTop(4)
      plateau = p
      rest = r2
    }
    if ghostCount > 0, rest.height > 8 {
      // Room for each run's name on its own line when the panel allows it.
      let want = 2 * (ghostCount + 1) + 3
      let (c, r3) = rest.splitTop(min(want, max(ghostCount + 4, rest.height - 8)))
      compare = c
      rest = r3
    }
    self.lrChart = lr
    self.lossChart = loss
    self.readout = readout
    self.knobs = rest
    self.noticeRows = notice
    self.code = code
  }
}

extension LabState {
  /// The layout of a frame in `area` (the view and mouse clicks use the same).
  func layout(in area: Rect, style: LabStyle) -> LabLayout {
    let compact = LabLayout.isCompact(area)
    let codeWidth = area.width - 4
    let noticeWidth = area.width - 2
    return LabLayout(
      area: area, codeLines: panelLines(width: codeWidth, style: style).count,
      noticeLines: noticeLines(width: noticeWidth, style: style).count,
      hasPlateau: currentPlateau != nil, ghostCount: ghosts.count,
      tab: compact && editor != nil ? .code : tab,
      readoutRows: seedBand == nil ? 9 : 10)
  }

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
    let layout = layout(in: area, style: style)
    if let sweep {
      sweep.draw(
        into: &buffer, area: layout.lrChart.union(layout.lossChart), theme: style.chartTheme,
        glyphs: style.chartGlyphs)
    } else if let test = rangeTest {
      drawRangeTest(test, into: &buffer, area: layout.lrChart.union(layout.lossChart), style: style)
    } else {
      drawCharts(into: &buffer, layout: layout, style: style)
    }
    if let rect = layout.readout { drawReadout(into: &buffer, area: rect, style: style) }
    if let rect = layout.plateau { drawPlateau(into: &buffer, area: rect, style: style) }
    if let rect = layout.compare { drawCompare(into: &buffer, area: rect, style: style) }
    if let rect = layout.knobs { drawKnobs(into: &buffer, area: rect, style: style) }
    if let rect = layout.tabBar {
      drawTabBar(into: &buffer, area: rect, selected: editor != nil ? .code : tab, style: style)
    }
    drawNotice(into: &buffer, area: layout.noticeRows, style: style)
    if let rect = layout.code {
      drawCode(
        panelLines(width: rect.width - 4, style: style), into: &buffer, area: rect, style: style
      )
    }
    if !style.unicode { asciify(&buffer, area) }
  }

  /// The compact layout's tabs: "Tab ▸ [step + knobs] code compare".
  func drawTabBar(into buffer: inout Buffer, area: Rect, selected: LabTab, style: LabStyle) {
    var x = buffer.put("Tab", x: area.x + 1, y: area.y, style: style.app.accent, maxX: area.maxX)
    x = buffer.put(" panels:", x: x, y: area.y, style: style.app.dim, maxX: area.maxX)
    for t in LabTab.allCases {
      var name = t.rawValue
      if t == .compare && !ghosts.isEmpty {
        name += " (\(ghosts.count) ghost\(ghosts.count == 1 ? "" : "s"))"
      }
      if t == .compare && currentPlateau != nil { name += " + plateau" }
      let text = t == selected ? "[\(name)]" : " \(name) "
      x = buffer.put(
        " " + text, x: x, y: area.y, style: t == selected ? style.app.selection : style.app.text,
        maxX: area.maxX)
    }
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
    let lastShown = steps.last?.step ?? 0
    let planned = max(trace.plannedSteps, shown, 1)
    let xRange = 1...Double(max(planned, 2))
    let cursor: Double? =
      run.playback.playing || shown == 0 ? nil : run.cursorRecord.map { Double($0.step) }
    // Short charts drop the epoch row under the step axis to keep their plot rows.
    let epochAxis: SecondaryXAxis? =
      layout.lrChart.height < 12 && layout.compact
      ? nil : SecondaryXAxis(name: "epoch", primaryPerUnit: Double(max(trace.stepsPerEpoch, 1)))
    // At most a few points per braille dot column: the chart's cost stays flat on long runs.
    let maxPoints = max(layout.lrChart.width * 4, 16)
    var lrSeries: [ChartSeries] = []
    for group in trace.groupNames.indices {
      let name = trace.groupNames.count == 1 ? "lr" : "lr \(trace.groupNames[group])"
      lrSeries.append(
        LabStaircase.series(name, steps, maxPoints: maxPoints) { $0.lrs[safe: group] ?? .nan })
    }
    var lrChart = LineChart(
      series: lrSeries,
      ghosts: ghosts.map { g in
        LabStaircase.series(g.label, g.trace.steps[...], maxPoints: maxPoints) {
          $0.lrs.first ?? .nan
        }
      },
      cursorX: cursor, yScale: logLR ? .log10 : .linear, xRange: xRange,
      title: "learning rate (\(logLR ? "log" : "linear"))", xName: "step", secondaryX: epochAxis,
      mode: style.chartMode, glyphs: style.chartGlyphs, theme: style.chartTheme)
    lrChart.labelsAvoidData = true
    let events = trace.events.filter { $0.step <= lastShown }
    let lrLayout = lrChart.layout(in: layout.lrChart)
    lrChart.markers = LabMarkers.markers(events) { lrLayout.column(forX: Double($0)) }
    lrChart.draw(into: &buffer, area: layout.lrChart)

    var lossChart = LineChart(
      series: lossSeries(steps, columns: layout.lossChart.width),
      ghosts: lossGhosts(maxPoints: maxPoints, upTo: lastShown, columns: layout.lossChart.width),
      cursorX: cursor, yScale: .log10, xRange: xRange,
      title: fiveSeeds
        ? "loss (log) · seeds \(seed)–\(seed + LabSeedBand.count - 1)" : "loss (log)",
      xName: "step", secondaryX: epochAxis, mode: style.chartMode, glyphs: style.chartGlyphs,
      theme: style.chartTheme)
    lossChart.labelsAvoidData = true
    let lossLayout = lossChart.layout(in: layout.lossChart)
    // The loss chart names only what ended the run; the LR chart labels the schedule's events.
    lossChart.markers = LabMarkers.markers(events) { lossLayout.column(forX: Double($0)) }.map {
      m in
      ChartMarker(x: m.x, label: m.label.hasPrefix("X") || m.label.hasPrefix("!") ? m.label : "")
    }
    lossChart.draw(into: &buffer, area: layout.lossChart)
  }

  /// The loss chart's series: training (per step, or per-column means), validation, task A —
  /// in "5 seeds" mode their medians across the seeds.
  func lossSeries(_ steps: ArraySlice<LabStepRecord>, columns: Int) -> [ChartSeries] {
    let trace = run.trace
    let lastShown = steps.last?.step ?? 0
    if let band = seedBand {
      let traces = band.traces(main: trace)
      let points = LabSeedStats.epochPoints(traces, upTo: lastShown)
      let name = trace.epochs.first?.valLoss != nil ? "val" : "loss"
      return [
        ChartSeries(
          name: "\(name) median", xs: points.map(\.x), ys: points.map(\.median), paletteIndex: 1)
      ]
    }
    var series = [trainSeries(steps, columns: columns)]
    let epochs = trace.epochs.filter { $0.lastStep <= lastShown }
    let val = epochs.compactMap { e in e.valLoss.map { (Double(e.lastStep), $0) } }
    if !val.isEmpty {
      series.append(ChartSeries(name: "val", xs: val.map(\.0), ys: val.map(\.1)))
    }
    if trace.hasTaskA {
      let a = epochs.compactMap { e in e.taskALoss.map { (Double(e.lastStep), $0) } }
      series.append(ChartSeries(name: "task A", xs: a.map(\.0), ys: a.map(\.1)))
    }
    return series
  }

  /// Drawn dimmed under the loss: kept ghosts, the seeds' min–max band, the quadratic's
  /// theoretical noise floor (dashed).
  func lossGhosts(maxPoints: Int, upTo lastShown: Int, columns: Int) -> [ChartSeries] {
    var out: [ChartSeries] = ghosts.map { g in
      let all = LabCompare.lossPoints(g.trace)
      let stride = max(1, all.count / maxPoints)
      let pts = Swift.stride(from: 0, to: all.count, by: stride).map { all[$0] }
      return ChartSeries(name: g.label, xs: pts.map { Double($0.step) }, ys: pts.map(\.value))
    }
    if let band = seedBand {
      let points = LabSeedStats.epochPoints(band.traces(main: run.trace), upTo: lastShown)
      out += Self.bandEdges(points, name: "min–max of \(LabSeedBand.count) seeds")
    }
    if let floor = run.trace.noiseFloor, floor.loss.isFinite, floor.loss > 0 {
      out.append(
        Self.dashedLine(
          y: floor.loss, from: 1, to: Double(max(run.trace.plannedSteps, 2)),
          dashes: max(columns / 3, 4),
          name: "noise floor at lr \(labNumber(floor.lr)) (theory) \(labNumber(floor.loss))"))
    }
    return out
  }

  /// The band's two edges (lowest and highest seed per epoch) as dim lines around the median,
  /// readable in monochrome too. A diverged seed (high = inf) tops the band at the highest
  /// finite value.
  static func bandEdges(_ points: [LabSeedStats.Point], name: String) -> [ChartSeries] {
    let finiteHigh = points.map(\.high).filter(\.isFinite).max() ?? .nan
    let xs = points.map(\.x)
    return [
      ChartSeries(name: name, xs: xs, ys: points.map { $0.high.isFinite ? $0.high : finiteHigh }),
      ChartSeries(name: "", xs: xs, ys: points.map(\.low)),
    ]
  }

  /// A horizontal dashed line: `dashes` short segments with gaps (a NaN breaks the line).
  static func dashedLine(y: Double, from x0: Double, to x1: Double, dashes: Int, name: String)
    -> ChartSeries
  {
    var xs: [Double] = []
    var ys: [Double] = []
    let period = (x1 - x0) / Double(max(dashes, 1))
    for k in 0..<max(dashes, 1) {
      let start = x0 + period * Double(k)
      xs += [start, start + period * 0.5, start + period * 0.75]
      ys += [y, y, .nan]
    }
    return ChartSeries(name: name, xs: xs, ys: ys)
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

  /// The one-off message, error, failure or notice of the moment, word-wrapped to `width`.
  func noticeLines(width: Int, style: LabStyle) -> [(text: String, style: Style)] {
    var text: String?
    var s = style.app.text
    if let message {
      text = message
      s = style.app.strong
    } else if let problem, editor == nil {
      text = "✗ " + problem.message
      s = style.app.wrong
    } else if let sweep {
      text = sweep.statusText
    } else if let test = rangeTest {
      text =
        test.isComplete
        ? "Suggested max_lr \(test.suggestedMaxLR.map(labNumber) ?? "-") (the minimum / 10; steepest descent at \(test.steepest.map(labNumber) ?? "-")): m sends it to OneCycleLR."
        : "Sweeping the LR exponentially; the run stops once the loss passes 4× its minimum."
      s = style.app.accent
    } else if let failure = run.trace.failure, run.isComplete {
      // (After the sweep and the range test: their readouts beat the paused run's notices.)
      // The error and its hint are two lines in the CLI; one wrapped notice here.
      text = "✗ " + failure.replacingOccurrences(of: "\n", with: " · ")
      s = style.app.wrong
    } else if let notice {
      text = "! " + notice
      s = style.app.warning
    } else if let full = truncatedKnobValue {
      text = full
      s = style.app.dim
    }
    guard let line = text else { return [] }
    return wrap(line, width: max(width, 10)).map { (text: $0, style: s) }
  }

  /// Wrapped notices: up to the rows the layout gave (three at most), the last one ending in an
  /// ellipsis if more was left.
  func drawNotice(into buffer: inout Buffer, area: Rect, style: LabStyle) {
    let lines = noticeLines(width: area.width - 2, style: style)
    for (i, line) in lines.prefix(area.height).enumerated() {
      let cut = i == area.height - 1 && lines.count > area.height
      buffer.draw(
        LabLine(line.text + (cut ? " " + style.ellipsis : ""), line.style), x: area.x + 1,
        y: area.y + i, maxX: area.maxX - 1, ellipsis: style.ellipsis)
    }
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

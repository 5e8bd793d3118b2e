import Foundation
import TerminalUI
import Training

/// The sensitivity curves of a sweep as a braille chart: median final validation loss over
/// the peak LR (log x, log y), one curve per schedule, each schedule's best LR marked (●),
/// diverged cells marked ✗ on the top row. Shared by `lrlab sweep --format chart` and the Lab.
public enum SweepChart {
  /// The chart's series: x is log10(lr), so the LineChart's linear axis is a log axis.
  public static func lineChart(
    _ result: SweepResult, theme: Theme = .monochrome, glyphs: Glyphs = .unicode
  )
    -> LineChart
  {
    let series = result.scheduleNames.indices.map { s in
      let cells = result.cells(ofSchedule: s)
      return ChartSeries(
        name: result.scheduleNames[s], xs: cells.map { log10($0.lr) },
        ys: cells.map { $0.finalValidationLoss?.median ?? .nan }, paletteIndex: s)
    }
    let lo = result.lrs.min().map(log10) ?? -3
    let hi = result.lrs.max().map(log10) ?? 0
    return LineChart(
      series: series, yScale: .log10, xRange: lo...(hi > lo ? hi : lo + 1),
      title: "\(result.model.rawValue): final val loss vs peak lr",
      xName: "lr", showsLegend: false, glyphs: glyphs, theme: theme)
  }

  /// Draws the chart into `area`: the LineChart, then the LR labels (10^k under the x axis),
  /// the best-LR marks and the diverged marks.
  public static func draw(
    _ result: SweepResult, into buffer: inout Buffer, area: Rect, theme: Theme = .monochrome,
    glyphs: Glyphs = .unicode, cursor: (schedule: Int, lr: Int)? = nil
  ) {
    var chart = lineChart(result, theme: theme, glyphs: glyphs)
    if let cursor, result.lrs.indices.contains(cursor.lr) {
      chart.cursorX = log10(result.lrs[cursor.lr])
    }
    chart.draw(into: &buffer, area: area)
    let layout = chart.layout(in: area.intersection(buffer.area))
    let plot = layout.plot
    guard plot.width > 2, plot.height > 0 else { return }
    // The x labels: the chart wrote log10 values; write the LRs instead.
    let labelRow = plot.maxY + 1
    if labelRow < area.maxY && labelRow < buffer.height {
      for x in plot.x..<min(plot.maxX, buffer.width) {
        buffer[x, labelRow] = Cell(" ", style: theme[.axis])
      }
      let k0 = Int(ceil(layout.xRange.lowerBound - 1e-9))
      let k1 = Int(floor(layout.xRange.upperBound + 1e-9))
      var nextFree = plot.x
      if k1 >= k0 {
        for k in k0...k1 {
          guard let column = layout.column(forX: Double(k)) else { continue }
          let text = AxisTicks.logLabel(pow(10, Double(k)))
          let start = max(plot.x, min(column - text.count / 2, plot.maxX - text.count))
          guard start >= nextFree else { continue }
          buffer.put(text, x: start, y: labelRow, style: theme[.axis], maxX: plot.maxX)
          nextFree = start + text.count + 1
        }
      }
      buffer.put(
        " lr", x: max(nextFree, plot.maxX - 3), y: labelRow, style: theme[.axis], maxX: area.maxX)
    }
    // The legend on the title row (a boxed legend would sit on the curves).
    var legendX = area.x + chart.title.count + 3
    for (s, name) in result.scheduleNames.enumerated() {
      let entry = (glyphs.isUnicode ? "━ " : "- ") + name
      guard legendX + entry.count < area.maxX else { break }
      buffer.put(entry, x: legendX, y: area.y, style: theme[.series(s)], maxX: area.maxX)
      legendX += entry.count + 3
    }
    let mapping = LogMapping(range: layout.yRange, rows: plot.height)
    let bestGlyph: Character = glyphs.isUnicode ? "◎" : "@"
    let divergedGlyph: Character = glyphs.isUnicode ? "✗" : "x"
    for s in result.scheduleNames.indices {
      let style = theme[.series(s)]
      for cell in result.cells(ofSchedule: s)
      where cell.completed > 0 && cell.finalValidationLoss == nil {
        // On the top row, unless the legend is there.
        if let column = layout.column(forX: log10(cell.lr)), isPlotCell(buffer[column, plot.y]) {
          buffer[column, plot.y] = Cell(divergedGlyph, style: style)
        }
      }
      if let best = result.best(ofSchedule: s), let median = best.finalValidationLoss?.median,
        let column = layout.column(forX: log10(best.lr)), let row = mapping.row(median)
      {
        buffer[column, plot.y + row] = Cell(bestGlyph, style: style)
      }
    }
  }

  static func isPlotCell(_ cell: Cell) -> Bool {
    let text = String(cell.grapheme)
    guard let scalar = text.unicodeScalars.first else { return true }
    return text == " " || text == "." || (0x2800...0x28FF).contains(scalar.value)
  }

  /// The whole chart as plain text, `width` columns wide (the CLI).
  public static func text(_ result: SweepResult, width: Int, height: Int = 20) -> String {
    var buffer = Buffer(width: width, height: height)
    draw(result, into: &buffer, area: Rect(x: 0, y: 0, width: width, height: height))
    var out = buffer.plainText() + "\n"
    out += "◎ best lr of each schedule   ✗ every seed diverged\n"
    for s in result.scheduleNames.indices {
      if let best = result.best(ofSchedule: s), let band = result.band(ofSchedule: s) {
        out +=
          "\(result.scheduleNames[s]): best lr \(SweepReport.short(best.lr)) "
          + "(val loss \(SweepReport.short(best.finalValidationLoss!.median))); within 10 %: "
          + "\(SweepReport.short(band.lo)) – \(SweepReport.short(band.hi))\n"
      } else {
        out += "\(result.scheduleNames[s]): every run diverged\n"
      }
    }
    return out
  }
}

/// Cell row of a value on a log axis (0 = top), as the chart places its dots.
struct LogMapping {
  var lower: Double
  var span: Double
  var rows: Int

  init(range: ClosedRange<Double>, rows: Int) {
    lower = log10(range.lowerBound)
    span = log10(range.upperBound) - lower
    self.rows = rows
  }

  func row(_ value: Double) -> Int? {
    guard value > 0, value.isFinite, span > 0 else { return nil }
    let f = (log10(value) - lower) / span
    guard f >= -1e-9, f <= 1 + 1e-9 else { return nil }
    let dots = rows * 4
    return (dots - 1 - Int((f * Double(dots - 1)).rounded())) / 4
  }
}

import Foundation
import TerminalUI

/// A chart to keep: standalone SVG (no scripts, no external references) with axes, ticks,
/// linear or log scales, a legend, event markers, ghosts and highlighted points.
///
/// Each series is one `<path class="series">` drawn in page coordinates (so every renderer
/// strokes it alike), carrying the exact numbers it draws — the CSV's, as `Double.description`
/// — in its `data-x` and `data-y` attributes. The plot's `<g class="data">` names the mapping
/// (`data-x-scale`, `data-x-domain` in axis units — log10 of the value on a log axis —
/// `data-x-pixels`, and the same for y), so a reader can check one against the other.
public struct SVGPlot: Sendable {
  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var xScale: AxisScale
  public var yScale: AxisScale
  public var series: [PlotSeries]
  /// Earlier runs, drawn dimmed and dashed under the series.
  public var ghosts: [PlotSeries]
  public var markers: [PlotMarker]
  public var points: [PlotPoint]
  /// Fixed ranges (data units); nil = from the data.
  public var xRange: ClosedRange<Double>?
  public var yRange: ClosedRange<Double>?

  public init(
    title: String, xLabel: String, yLabel: String, xScale: AxisScale = .linear,
    yScale: AxisScale = .linear, series: [PlotSeries], ghosts: [PlotSeries] = [],
    markers: [PlotMarker] = [], points: [PlotPoint] = [],
    xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.xScale = xScale
    self.yScale = yScale
    self.series = series
    self.ghosts = ghosts
    self.markers = markers
    self.points = points
    self.xRange = xRange
    self.yRange = yRange
  }
}

/// One line: y over x. Non-finite values (and values ≤ 0 on a log axis) leave gaps.
public struct PlotSeries: Sendable, Equatable {
  public var name: String
  public var xs: [Double]
  public var ys: [Double]

  public init(name: String, xs: [Double], ys: [Double]) {
    self.name = name
    let n = min(xs.count, ys.count)
    self.xs = Array(xs.prefix(n))
    self.ys = Array(ys.prefix(n))
  }

  /// y at x = 0, 1, 2, …
  public init(name: String, ys: [Double]) {
    self.init(name: name, xs: ys.indices.map(Double.init), ys: ys)
  }
}

/// A labelled vertical line ("warmup end", "diverged", "suggestion").
public struct PlotMarker: Sendable, Equatable {
  public var x: Double
  public var label: String
  public init(x: Double, label: String) {
    self.x = x
    self.label = label
  }
}

/// A labelled point (the best LR of a schedule) in the colour of series `seriesIndex`; with
/// `y` nil it sits on the top edge (a diverged cell).
public struct PlotPoint: Sendable, Equatable {
  public var x: Double
  public var y: Double?
  public var label: String
  public var seriesIndex: Int
  public init(x: Double, y: Double?, label: String, seriesIndex: Int) {
    self.x = x
    self.y = y
    self.label = label
    self.seriesIndex = seriesIndex
  }
}

/// Data → page coordinates of one plot (nil: not drawable, e.g. ≤ 0 on a log axis).
struct PageMapping {
  var xScale: AxisScale
  var u0: Double
  var left: Double
  var sx: Double
  var yScale: AxisScale
  var v0: Double
  var bottom: Double
  var sy: Double

  func x(_ value: Double) -> Double? {
    SVGDocument.coordinate(value, xScale).map { left + ($0 - u0) * sx }
  }

  func y(_ value: Double) -> Double? {
    SVGDocument.coordinate(value, yScale).map { bottom - ($0 - v0) * sy }
  }
}

/// Several plots stacked in one SVG page.
public enum SVGDocument {
  public static let width = 800.0
  public static let panelHeight = 420.0

  /// A palette readable in print and by most colour-blind readers (Okabe–Ito).
  static let palette = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442",
  ]

  public static func render(_ plots: [SVGPlot]) -> String {
    let height = panelHeight * Double(max(1, plots.count))
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(n(width))" height="\(n(height))" viewBox="0 0 \(n(width)) \(n(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
      <rect width="100%" height="100%" fill="#ffffff"/>

      """
    for (index, plot) in plots.enumerated() {
      out += render(plot, index: index, top: panelHeight * Double(index))
    }
    out += "</svg>\n"
    return out
  }

  /// The axis coordinate of a data value: itself, or its log10 (nil when not drawable).
  public static func coordinate(_ value: Double, _ scale: AxisScale) -> Double? {
    guard value.isFinite else { return nil }
    switch scale {
    case .linear: return value
    case .log10: return value > 0 ? log10(value) : nil
    }
  }

  static func render(_ plot: SVGPlot, index: Int, top: Double) -> String {
    let left = 80.0
    let right = width - 24
    let plotTop = top + 62
    let plotBottom = top + panelHeight - 56
    let xr = range(
      plot.xRange, plot.series + plot.ghosts, axis: \.xs, scale: plot.xScale,
      extra: plot.markers.map(\.x) + plot.points.map(\.x))
    let yr = range(
      plot.yRange, plot.series + plot.ghosts, axis: \.ys, scale: plot.yScale,
      extra: plot.points.compactMap(\.y))
    let (u0, u1) = (
      coordinate(xr.lowerBound, plot.xScale)!, coordinate(xr.upperBound, plot.xScale)!
    )
    let (v0, v1) = (
      coordinate(yr.lowerBound, plot.yScale)!, coordinate(yr.upperBound, plot.yScale)!
    )
    let sx = (right - left) / (u1 - u0)
    let sy = (plotBottom - plotTop) / (v1 - v0)
    func px(_ x: Double) -> Double? { coordinate(x, plot.xScale).map { left + ($0 - u0) * sx } }
    func py(_ y: Double) -> Double? {
      coordinate(y, plot.yScale).map { plotBottom - ($0 - v0) * sy }
    }
    let clip = "plot\(index)"
    var out = "<g class=\"panel\">\n"
    out +=
      "<text class=\"title\" x=\"\(n(left))\" y=\"\(n(top + 24))\" font-size=\"15\" font-weight=\"bold\">\(escape(plot.title))</text>\n"
    out +=
      "<clipPath id=\"\(clip)\"><rect x=\"\(n(left))\" y=\"\(n(plotTop))\" width=\"\(n(right - left))\" height=\"\(n(plotBottom - plotTop))\"/></clipPath>\n"
    // Grid and ticks.
    out += "<g class=\"axes\" stroke=\"#000000\" stroke-width=\"1\">\n"
    out +=
      "<rect x=\"\(n(left))\" y=\"\(n(plotTop))\" width=\"\(n(right - left))\" height=\"\(n(plotBottom - plotTop))\" fill=\"none\"/>\n"
    out += "</g>\n"
    let xTicks = ticks(xr, plot.xScale, count: 8)
    let yTicks = ticks(yr, plot.yScale, count: 6)
    out += "<g class=\"ticks\" font-size=\"11\" fill=\"#333333\">\n"
    for (tick, label) in xTicks {
      guard let x = px(tick) else { continue }
      out +=
        "<line x1=\"\(n(x))\" y1=\"\(n(plotTop))\" x2=\"\(n(x))\" y2=\"\(n(plotBottom))\" stroke=\"#e4e4e4\"/>"
      out +=
        "<line x1=\"\(n(x))\" y1=\"\(n(plotBottom))\" x2=\"\(n(x))\" y2=\"\(n(plotBottom + 5))\" stroke=\"#000000\"/>"
      out +=
        "<text x=\"\(n(x))\" y=\"\(n(plotBottom + 18))\" text-anchor=\"middle\">\(escape(label))</text>\n"
    }
    for (tick, label) in yTicks {
      guard let y = py(tick) else { continue }
      out +=
        "<line x1=\"\(n(left))\" y1=\"\(n(y))\" x2=\"\(n(right))\" y2=\"\(n(y))\" stroke=\"#e4e4e4\"/>"
      out +=
        "<line x1=\"\(n(left - 5))\" y1=\"\(n(y))\" x2=\"\(n(left))\" y2=\"\(n(y))\" stroke=\"#000000\"/>"
      out +=
        "<text x=\"\(n(left - 8))\" y=\"\(n(y + 4))\" text-anchor=\"end\">\(escape(label))</text>\n"
    }
    out += "</g>\n"
    let xName = plot.xLabel + (plot.xScale == .log10 ? " (log scale)" : "")
    let yName = plot.yLabel + (plot.yScale == .log10 ? " (log scale)" : "")
    out +=
      "<text class=\"x-label\" x=\"\(n((left + right) / 2))\" y=\"\(n(plotBottom + 38))\" text-anchor=\"middle\">\(escape(xName))</text>\n"
    out +=
      "<text class=\"y-label\" transform=\"translate(\(n(18)) \(n((plotTop + plotBottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(yName))</text>\n"
    // Event markers.
    if !plot.markers.isEmpty {
      out += "<g class=\"markers\" font-size=\"10\" fill=\"#555555\">\n"
      var lastLabelX = -Double.infinity
      var row = 0
      for marker in plot.markers {
        guard let x = px(marker.x), x >= left - 0.5, x <= right + 0.5 else { continue }
        out +=
          "<line class=\"marker\" x1=\"\(n(x))\" y1=\"\(n(plotTop))\" x2=\"\(n(x))\" y2=\"\(n(plotBottom))\" stroke=\"#888888\" stroke-dasharray=\"4 3\"><title>\(escape(marker.label))</title></line>"
        row = x - lastLabelX < 70 ? (row + 1) % 4 : 0
        if row == 0 { lastLabelX = x }
        out +=
          "<text x=\"\(n(x > right - 80 ? x - 3 : x + 3))\" y=\"\(n(plotTop + 12 + 11 * Double(row)))\" text-anchor=\"\(x > right - 80 ? "end" : "start")\">\(escape(marker.label))</text>\n"
      }
      out += "</g>\n"
    }
    // Data in page coordinates; the mapping is recorded for readers of the file.
    let mapping =
      "data-x-scale=\"\(plot.xScale.rawValue)\" data-x-domain=\"\(u0.description) \(u1.description)\" "
      + "data-x-pixels=\"\(left.description) \(right.description)\" "
      + "data-y-scale=\"\(plot.yScale.rawValue)\" data-y-domain=\"\(v0.description) \(v1.description)\" "
      + "data-y-pixels=\"\(plotBottom.description) \(plotTop.description)\""
    let map = PageMapping(
      xScale: plot.xScale, u0: u0, left: left, sx: sx, yScale: plot.yScale, v0: v0,
      bottom: plotBottom, sy: sy)
    out +=
      "<g clip-path=\"url(#\(clip))\">\n<g class=\"data\" \(mapping) fill=\"none\" stroke-linejoin=\"round\" stroke-linecap=\"round\">\n"
    for ghost in plot.ghosts {
      out += path(
        ghost, map, cls: "ghost", stroke: "#9a9a9a",
        extra: " stroke-width=\"1.5\" stroke-dasharray=\"5 4\"")
    }
    for (i, s) in plot.series.enumerated() {
      out += path(
        s, map, cls: "series", stroke: palette[i % palette.count], extra: " stroke-width=\"2\"")
    }
    out += "</g>\n"
    // Highlighted points, in page coordinates (circles stay round).
    for point in plot.points {
      guard let x = px(point.x) else { continue }
      let color = palette[max(0, point.seriesIndex) % palette.count]
      if let value = point.y, let y = py(value) {
        out +=
          "<circle class=\"point\" cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"5\" fill=\"\(color)\" stroke=\"#ffffff\" stroke-width=\"1.5\"><title>\(escape(point.label))</title></circle>\n"
      } else {
        // Stacked by series, so crosses of several schedules at one LR stay apart.
        let y = plotTop + 8 + 10 * Double(max(0, point.seriesIndex) % 8)
        out +=
          "<path class=\"diverged\" d=\"M\(n(x - 4)) \(n(y - 4))L\(n(x + 4)) \(n(y + 4))M\(n(x - 4)) \(n(y + 4))L\(n(x + 4)) \(n(y - 4))\" stroke=\"\(color)\" stroke-width=\"2\"><title>\(escape(point.label))</title></path>\n"
      }
    }
    out += "</g>\n"
    // Legend: a row between the title and the plot, so it never hides data or markers
    // (entries wrap to a second row when they do not fit).
    var entries = plot.series.enumerated().map {
      (palette[$0.offset % palette.count], $0.element.name, false)
    }
    if let ghost = plot.ghosts.first {
      entries.append(("#9a9a9a", plot.ghosts.count == 1 ? ghost.name : "ghosts", true))
    }
    if plot.points.contains(where: { $0.y == nil }) {
      entries.append(("#444444", "× diverged", false))
    }
    if !entries.isEmpty {
      out += "<g class=\"legend\" font-size=\"11\">\n"
      var x = left
      var y = top + 40
      for entry in entries {
        let width = 34 + 6.2 * Double(entry.1.count) + 14
        if x > left && x + width > right {
          x = left
          y += 14
        }
        let dash = entry.2 ? " stroke-dasharray=\"5 4\"" : ""
        out +=
          "<line x1=\"\(n(x))\" y1=\"\(n(y - 4))\" x2=\"\(n(x + 24))\" y2=\"\(n(y - 4))\" stroke=\"\(entry.0)\" stroke-width=\"2\"\(dash)/>"
        out += "<text x=\"\(n(x + 30))\" y=\"\(n(y))\">\(escape(entry.1))</text>\n"
        x += width
      }
      out += "</g>\n"
    }
    out += "</g>\n"
    return out
  }

  /// `<path class=… data-name=… data-x=… data-y=… d="M x,y L x,y …"/>`: one subpath per run
  /// of drawable points; `data-x`/`data-y` hold the drawn points' values.
  static func path(_ s: PlotSeries, _ map: PageMapping, cls: String, stroke: String, extra: String)
    -> String
  {
    var d = ""
    var xs = ""
    var ys = ""
    d.reserveCapacity(s.ys.count * 16)
    var pen = false
    for i in s.ys.indices {
      guard let x = map.x(s.xs[i]), let y = map.y(s.ys[i]) else {
        pen = false
        continue
      }
      d += pen ? "L" : "M"
      d += page(x)
      d += ","
      d += page(y)
      if !xs.isEmpty {
        xs += " "
        ys += " "
      }
      xs += s.xs[i].description
      ys += s.ys[i].description
      pen = true
    }
    return
      "<path class=\"\(cls)\" data-name=\"\(escape(s.name))\" data-x=\"\(xs)\" data-y=\"\(ys)\" d=\"\(d)\" stroke=\"\(stroke)\"\(extra)/>\n"
  }

  /// A page coordinate with three decimals (a thousandth of a pixel), trailing zeros dropped.
  static func page(_ x: Double) -> String {
    // Far off the page (a diverged loss) is as good as 10^7 px off: the plot is clipped.
    let thousandths = Int((min(max(x, -1e7), 1e7) * 1000).rounded())
    let sign = thousandths < 0 ? "-" : ""
    let magnitude = thousandths.magnitude
    let whole = magnitude / 1000
    var fraction = magnitude % 1000
    guard fraction != 0 else { return sign + String(whole) }
    var digits = 3
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    let text = String(fraction)
    return sign + String(whole) + "." + String(repeating: "0", count: digits - text.count) + text
  }

  /// The data range of an axis: fixed, or the drawable values padded to nice bounds.
  static func range(
    _ fixed: ClosedRange<Double>?, _ series: [PlotSeries], axis: KeyPath<PlotSeries, [Double]>,
    scale: AxisScale, extra: [Double]
  ) -> ClosedRange<Double> {
    if let fixed, coordinate(fixed.lowerBound, scale) != nil,
      coordinate(fixed.upperBound, scale) != nil, fixed.lowerBound < fixed.upperBound
    {
      return fixed
    }
    var lo = Double.infinity
    var hi = -Double.infinity
    for s in series {
      for i in s.ys.indices {
        // A point counts only when both of its coordinates are drawable.
        guard s.xs[i].isFinite, s.ys[i].isFinite else { continue }
        let v = s[keyPath: axis][i]
        guard coordinate(v, scale) != nil else { continue }
        lo = min(lo, v)
        hi = max(hi, v)
      }
    }
    for v in extra where coordinate(v, scale) != nil {
      lo = min(lo, v)
      hi = max(hi, v)
    }
    guard lo <= hi else { return scale == .log10 ? 1e-3...1 : 0...1 }
    switch scale {
    case .log10:
      let a = AxisTicks.nice125(atMost: lo)
      let b = AxisTicks.nice125(atLeast: hi)
      return b > a ? a...b : (a / 10)...(b * 10)
    case .linear:
      if lo == hi {
        let pad = lo == 0 ? 1 : abs(lo) * 0.1
        return (lo - pad)...(hi + pad)
      }
      let pad = (hi - lo) * 0.04
      // Keep a range starting at 0 at 0 (steps, learning rates).
      return (lo >= 0 && lo - pad < 0 ? 0 : lo - pad)...(hi + pad)
    }
  }

  static func ticks(_ r: ClosedRange<Double>, _ scale: AxisScale, count: Int) -> [(
    Double, String
  )] {
    switch scale {
    case .linear:
      let (ticks, step) = AxisTicks.linear(r, maxCount: count)
      return ticks.map { ($0, AxisTicks.label($0, step: step)) }
    case .log10:
      return AxisTicks.log(r, maxCount: count).map { ($0, AxisTicks.logLabel($0)) }
    }
  }

  /// A page coordinate: at most two decimals, no trailing zeros.
  static func n(_ x: Double) -> String {
    let r = (x * 100).rounded() / 100
    if r == r.rounded() && abs(r) < 1e15 { return String(Int(r)) }
    return String(format: "%.2f", r).replacingOccurrences(
      of: "0+$", with: "", options: .regularExpression)
  }

  /// XML text: the five entities escaped, control characters (not allowed in XML) dropped.
  public static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default:
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF {
          out += v == 0x09 || v == 0x0A ? " " : ""
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }
}

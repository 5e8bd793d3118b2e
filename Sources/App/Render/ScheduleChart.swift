import Foundation
import TerminalUI

/// A line chart of learning-rate series over steps: braille (2×4 dots a cell) in Unicode,
/// one mark per column in ASCII. Series differ by colour and, without colour, by mark.
struct ScheduleChart {
  var series: [[Double]]
  var theme: AppTheme
  var glyphs: Symbols
  var unicode: Bool

  func draw(in rect: Rect, into buffer: inout Buffer) {
    let values = series.flatMap { $0 }.filter(\.isFinite)
    guard let lo = values.min(), let hi = values.max(), rect.width > 12, rect.height > 3 else {
      return
    }
    let labels = [format(hi), format(lo)]
    let labelWidth = labels.map { displayWidth(of: $0) }.max() ?? 0
    let plot = Rect(
      x: rect.x + labelWidth + 1, y: rect.y, width: rect.width - labelWidth - 1,
      height: rect.height - 2)
    buffer.put(labels[0], x: rect.x, y: plot.y, style: theme.dim)
    buffer.put(labels[1], x: rect.x, y: plot.maxY - 1, style: theme.dim)
    for y in plot.y..<plot.maxY {
      buffer.put(String(glyphs.vertical), x: plot.x - 1, y: y, style: theme.dim)
    }
    let steps = series.map(\.count).max() ?? 0
    buffer.put(
      String(repeating: String(glyphs.horizontal), count: plot.width + 1), x: plot.x - 1,
      y: plot.maxY,
      style: theme.dim)
    buffer.put("0", x: plot.x, y: plot.maxY + 1, style: theme.dim)
    let last = "\(max(0, steps - 1))"
    buffer.put(last, x: plot.maxX - displayWidth(of: last), y: plot.maxY + 1, style: theme.dim)
    let span = hi - lo
    let dotsX = plot.width * (unicode ? 2 : 1)
    let dotsY = plot.height * (unicode ? 4 : 1)
    for (s, lrs) in series.enumerated() where !lrs.isEmpty {
      let style = theme.series[s % theme.series.count]
      var bits = [UInt8](repeating: 0, count: plot.width * plot.height)
      for dx in 0..<dotsX {
        let step = steps <= 1 ? 0 : dx * (steps - 1) / max(1, dotsX - 1)
        guard step < lrs.count, lrs[step].isFinite else { continue }
        let fraction = span == 0 ? 0.5 : (lrs[step] - lo) / span
        let dy = dotsY - 1 - Int((fraction * Double(dotsY - 1)).rounded())
        let cx = unicode ? dx / 2 : dx
        let cy = unicode ? dy / 4 : dy
        let index = cy * plot.width + cx
        if unicode {
          let bit: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
          bits[index] |= bit[dy % 4][dx % 2]
        } else {
          bits[index] = 1
        }
      }
      for cy in 0..<plot.height {
        for cx in 0..<plot.width where bits[cy * plot.width + cx] != 0 {
          let glyph: String
          if unicode {
            glyph = String(Character(Unicode.Scalar(0x2800 + UInt32(bits[cy * plot.width + cx]))!))
          } else {
            glyph = String(glyphs.seriesMarks[s % glyphs.seriesMarks.count])
          }
          buffer.put(glyph, x: plot.x + cx, y: plot.y + cy, style: style)
        }
      }
    }
  }
}

/// A learning rate in a short, exact-enough form: 0.1, 0.025, 1e-05.
func format(_ value: Double) -> String {
  if value == 0 { return "0" }
  let magnitude = abs(value)
  if magnitude >= 1e-3 && magnitude < 1e4 {
    var s = String(format: "%.6f", value)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
  }
  return String(format: "%.3g", value)
}

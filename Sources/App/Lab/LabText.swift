import TerminalUI

/// A line of differently styled pieces. The Lab draws its own text with `Buffer.put` only, so
/// it does not depend on the other screens' text helpers.
struct LabLine: Equatable {
  var pieces: [(text: String, style: Style)]

  init(_ pieces: [(String, Style)]) { self.pieces = pieces.map { (text: $0.0, style: $0.1) } }
  init(_ text: String, _ style: Style) { self.pieces = [(text: text, style: style)] }

  static func == (a: LabLine, b: LabLine) -> Bool {
    a.pieces.map(\.text) == b.pieces.map(\.text) && a.pieces.map(\.style) == b.pieces.map(\.style)
  }
}

extension Buffer {
  /// Draws `line` from (x, y), clipped at `maxX`; the last visible piece ends in `ellipsis`
  /// when something was cut.
  mutating func draw(_ line: LabLine, x: Int, y: Int, maxX: Int, ellipsis: String) {
    let total = line.pieces.reduce(0) { $0 + displayWidth(of: $1.text) }
    guard x + total > maxX else {
      var column = x
      for piece in line.pieces {
        column = put(piece.text, x: column, y: y, style: piece.style, maxX: maxX)
      }
      return
    }
    let limit = max(x, maxX - displayWidth(of: ellipsis))
    var column = x
    var lastStyle = Style.plain
    for piece in line.pieces where column < limit {
      column = put(piece.text, x: column, y: y, style: piece.style, maxX: limit)
      lastStyle = piece.style
    }
    put(ellipsis, x: column, y: y, style: lastStyle, maxX: maxX)
  }

  /// A frame around `rect` with a title in its top edge.
  mutating func labFrame(
    _ rect: Rect, style: Style, title: String, titleStyle: Style, unicode: Bool
  ) {
    guard rect.width >= 2, rect.height >= 2 else { return }
    let (h, v, tl, tr, bl, br) =
      unicode ? ("─", "│", "╭", "╮", "╰", "╯") : ("-", "|", "+", "+", "+", "+")
    let inner = rect.width - 2
    put(tl + String(repeating: h, count: inner) + tr, x: rect.x, y: rect.y, style: style)
    put(bl + String(repeating: h, count: inner) + br, x: rect.x, y: rect.maxY - 1, style: style)
    for y in (rect.y + 1)..<(rect.maxY - 1) {
      put(v, x: rect.x, y: y, style: style)
      put(v, x: rect.maxX - 1, y: y, style: style)
    }
    if !title.isEmpty, inner > 4 {
      draw(
        LabLine(" " + title + " ", titleStyle), x: rect.x + 2, y: rect.y, maxX: rect.maxX - 2,
        ellipsis: unicode ? "…" : "...")
    }
  }
}

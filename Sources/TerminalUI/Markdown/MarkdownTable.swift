import Markdown

extension MarkdownRenderer {
  /// A pipe table fitted to `width`: natural column widths when they fit, otherwise the widest
  /// columns shrink (cells wrap); columns are separated by " │ ", the header by a rule.
  func table(_ table: Markdown.Table, width: Int, context: inout RenderContext) -> [StyledText] {
    let columnCount = max(table.header.count, table.rows.map(\.count).max() ?? 0)
    guard columnCount > 0 else { return [] }
    func cell(_ row: [[Inline]], _ i: Int, base: Style) -> StyledText {
      i < row.count ? inline(row[i], base: base, context: &context) : StyledText()
    }
    let header = (0..<columnCount).map { cell(table.header, $0, base: theme[.strong]) }
    let body = table.rows.map { row in (0..<columnCount).map { cell(row, $0, base: theme[.text]) } }
    let separator = " " + String(glyphs.vertical) + " "
    let available = max(columnCount, width - 3 * (columnCount - 1))
    var widths = (0..<columnCount).map { i in
      max(1, ([header[i]] + body.map { $0[i] }).map(\.width).max() ?? 1)
    }
    while widths.reduce(0, +) > available,
      let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 1
    {
      widths[widest] -= 1
    }
    func alignment(_ i: Int) -> Alignment {
      guard i < table.alignments.count else { return .left }
      switch table.alignments[i] {
      case .center: return .center
      case .right: return .right
      case .left, .none: return .left
      }
    }
    let border = theme[.border]
    func rowLines(_ cells: [StyledText]) -> [StyledText] {
      let wrapped = cells.enumerated().map { i, c in c.wrapped(width: widths[i]) }
      let height = wrapped.map(\.count).max() ?? 1
      return (0..<height).map { k in
        var line = StyledText()
        for i in 0..<columnCount {
          if i > 0 { line.append(separator, style: border) }
          let piece = k < wrapped[i].count ? wrapped[i][k] : StyledText()
          line.append(piece.padded(toWidth: widths[i], alignment: alignment(i)))
        }
        while let last = line.spans.last, last.text.allSatisfy({ $0 == " " }) {
          line.spans.removeLast()
        }
        return line
      }
    }
    var lines = rowLines(header)
    let h = String(glyphs.horizontal)
    let rule = widths.map { String(repeating: h, count: $0) }
      .joined(separator: h + String(glyphs.cross) + h)
    lines.append(StyledText(rule, style: border))
    for row in body { lines += rowLines(row) }
    return lines
  }
}

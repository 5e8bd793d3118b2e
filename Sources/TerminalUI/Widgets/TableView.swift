/// How a table column's width is chosen.
public enum ColumnWidth: Sendable, Hashable {
  case fixed(Int)
  /// As wide as the widest cell (header included), capped at the given maximum.
  case fit(max: Int)
  /// Takes a share of the width left over after fixed and fitted columns.
  case flex(Int)
}

public struct TableColumn: Sendable, Hashable {
  public var title: StyledText
  public var width: ColumnWidth
  public var alignment: Alignment
  public init(_ title: StyledText, width: ColumnWidth = .fit(max: 40), alignment: Alignment = .left)
  {
    self.title = title
    self.width = width
    self.alignment = alignment
  }
}

/// Rows of cells in aligned columns under a header, one space between columns, an optional
/// selected row. Cells are truncated with an ellipsis.
public struct TableView: Sendable {
  public var columns: [TableColumn]
  public var rows: [[StyledText]]
  public var selected: Int?
  public var showsHeader: Bool
  public var glyphs: Glyphs
  public var theme: Theme

  public init(
    columns: [TableColumn], rows: [[StyledText]], selected: Int? = nil, showsHeader: Bool = true,
    glyphs: Glyphs = .unicode, theme: Theme = .monochrome
  ) {
    self.columns = columns
    self.rows = rows
    self.selected = selected
    self.showsHeader = showsHeader
    self.glyphs = glyphs
    self.theme = theme
  }

  /// Column widths for a total `width` (gaps of one column between them).
  public func columnWidths(totalWidth width: Int) -> [Int] {
    var widths = columns.enumerated().map { i, column -> Int in
      switch column.width {
      case .fixed(let n): return n
      case .fit(let maxWidth):
        let cells = rows.compactMap { i < $0.count ? $0[i].width : nil }
        return min(maxWidth, max(showsHeader ? column.title.width : 0, cells.max() ?? 0))
      case .flex: return 0
      }
    }
    let gaps = max(0, columns.count - 1)
    let shares = columns.map {
      if case .flex(let s) = $0.width { return max(1, s) } else { return 0 }
    }
    let totalShares = shares.reduce(0, +)
    var left = width - gaps - widths.reduce(0, +)
    if totalShares > 0, left > 0 {
      var given = 0
      for i in columns.indices where shares[i] > 0 {
        widths[i] = left * shares[i] / totalShares
        given += widths[i]
      }
      if let last = columns.indices.last(where: { shares[$0] > 0 }) { widths[last] += left - given }
      left = 0
    }
    // Too wide: shrink the widest columns first.
    var excess = -left
    while excess > 0, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
      widths[widest] > 1
    {
      widths[widest] -= 1
      excess -= 1
    }
    return widths
  }

  public func draw(into buffer: inout Buffer, area: Rect) {
    guard !area.isEmpty else { return }
    let widths = columnWidths(totalWidth: area.width)
    var y = area.y
    func drawRow(_ cells: [StyledText], style: Style?) {
      var x = area.x
      var line = StyledText()
      for (i, column) in columns.enumerated() {
        let cell = i < cells.count ? cells[i] : StyledText()
        if i > 0 { line.append(" ") }
        line.append(
          cell.padded(toWidth: widths[i], alignment: column.alignment, ellipsis: glyphs.ellipsis))
        x += widths[i] + 1
      }
      if let style { line = line.padded(toWidth: area.width).restyled { $0.merged(with: style) } }
      buffer.put(line, x: area.x, y: y, maxX: area.maxX)
      y += 1
    }
    if showsHeader {
      drawRow(columns.map { $0.title.restyled { $0.merged(with: theme[.strong]) } }, style: nil)
      guard y < area.maxY else { return }
      let rule = widths.map { String(repeating: String(glyphs.horizontal), count: $0) }
        .joined(separator: " ")
      buffer.put(rule, x: area.x, y: y, style: theme[.border], maxX: area.maxX)
      y += 1
    }
    let bodyHeight = area.maxY - y
    guard bodyHeight > 0 else { return }
    var start = 0
    if let s = selected, s >= bodyHeight { start = s - bodyHeight + 1 }
    for index in start..<rows.count {
      guard y < area.maxY else { break }
      drawRow(rows[index], style: index == selected ? theme[.selection] : nil)
    }
  }
}

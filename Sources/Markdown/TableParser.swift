/// GitHub pipe tables: a header row, an alignment row (`:---`, `:--:`, `---:`), body rows.
enum TableParser {
  static func parse(_ lines: [SourceLine], at start: Int) -> (block: Block, next: Int)? {
    let headerLine = lines[start]
    guard headerLine.indent < 4, headerLine.chars.contains("|") else { return nil }
    let header = cells(of: headerLine)
    guard let alignments = alignmentRow(lines[start + 1]), alignments.count == header.count
    else { return nil }
    var rows: [[[Inline]]] = []
    var i = start + 2
    while i < lines.count {
      let line = lines[i]
      guard !line.isBlank, line.chars.contains("|"), line.quoteContent() == nil,
        line.fenceOpening() == nil, line.atxHeading() == nil
      else { break }
      var row = cells(of: line).map(parseCell)
      // Rows are fitted to the header: missing cells are empty, extra ones dropped.
      while row.count < header.count { row.append([]) }
      rows.append(Array(row.prefix(header.count)))
      i += 1
    }
    let table = Table(alignments: alignments, header: header.map(parseCell), rows: rows)
    return (Block(.table(table), at: BlockParser.position(headerLine)), i)
  }

  private static func parseCell(_ text: String) -> [Inline] {
    InlineParser.parse([SourceLine(chars: Array(text.unicodeScalars)[...], number: 0)])
  }

  /// The row's cells, split on unescaped pipes; `\|` becomes `|` (also inside code spans).
  static func cells(of line: SourceLine) -> [String] {
    var chars = line.chars
    while chars.first == " " { chars.removeFirst() }
    while chars.last == " " { chars.removeLast() }
    if chars.first == "|" { chars.removeFirst() }
    if chars.last == "|", !(chars.count >= 2 && chars[chars.endIndex - 2] == "\\") {
      chars.removeLast()
    }
    var cells: [String] = []
    var current = String.UnicodeScalarView()
    var i = chars.startIndex
    while i < chars.endIndex {
      let c = chars[i]
      if c == "\\", i + 1 < chars.endIndex, chars[i + 1] == "|" {
        current.append("|")
        i += 2
        continue
      }
      if c == "|" {
        cells.append(String(current).trimmingSpaces())
        current = String.UnicodeScalarView()
      } else {
        current.append(c)
      }
      i += 1
    }
    cells.append(String(current).trimmingSpaces())
    return cells
  }

  private static func alignmentRow(_ line: SourceLine) -> [TableAlignment]? {
    guard line.indent < 4, line.chars.contains("|") || line.chars.contains(":") else {
      return nil
    }
    var result: [TableAlignment] = []
    for cell in cells(of: line) {
      let left = cell.hasPrefix(":")
      let right = cell.hasSuffix(":") && cell.count > 1
      let dashes = cell.dropFirst(left ? 1 : 0).dropLast(right ? 1 : 0)
      guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
      result.append(left && right ? .center : left ? .left : right ? .right : .none)
    }
    return result
  }
}

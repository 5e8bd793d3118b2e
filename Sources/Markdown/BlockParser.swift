/// Block structure: headings, paragraphs, lists, quotes, fences, tables, breaks.
enum BlockParser {
  static func parse(_ lines: [SourceLine]) -> [Block] {
    var blocks: [Block] = []
    var paragraph: [SourceLine] = []
    for line in lines {
      if line.text.allSatisfy({ $0 == " " }) {
        if !paragraph.isEmpty {
          blocks.append(
            Block(
              .paragraph(InlineParser.parse(paragraph.map(\.text).joined(separator: "\n"))),
              at: SourcePosition(line: paragraph[0].number, column: 1)))
          paragraph = []
        }
      } else {
        paragraph.append(line)
      }
    }
    if !paragraph.isEmpty {
      blocks.append(
        Block(
          .paragraph(InlineParser.parse(paragraph.map(\.text).joined(separator: "\n"))),
          at: SourcePosition(line: paragraph[0].number, column: 1)))
    }
    return blocks
  }
}

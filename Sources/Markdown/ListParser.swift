/// Bullet, ordered and task lists; items hold blocks (paragraphs, code, nested lists…).
enum ListParser {
  static func parse(_ lines: [SourceLine], at start: Int, marker first: ListMarker, depth: Int)
    -> (Block, Int)
  {
    var items: [ListItem] = []
    var i = start
    while i < lines.count, let marker = lines[i].listMarker(), marker.ordered == first.ordered,
      marker.symbol == first.symbol
    {
      let (itemLines, next) = collectItem(lines, at: i, marker: marker)
      items.append(makeItem(itemLines, depth: depth))
      i = next
      // Blank lines between items belong to the list; anything else ends it.
      var j = i
      while j < lines.count && lines[j].isBlank { j += 1 }
      guard j < lines.count, let nextMarker = lines[j].listMarker(),
        nextMarker.ordered == first.ordered, nextMarker.symbol == first.symbol
      else { break }
      i = j
    }
    let kind: BlockKind =
      first.ordered ? .orderedList(start: first.start, items: items) : .bulletList(items)
    return (Block(kind, at: BlockParser.position(lines[start])), i)
  }

  /// The lines of one item, its markers and indentation stripped; and the index after it.
  private static func collectItem(_ lines: [SourceLine], at start: Int, marker: ListMarker)
    -> ([SourceLine], Int)
  {
    let contentIndent = marker.contentOffset
    var itemLines = [lines[start].dropping(contentIndent)]
    var tracker = FenceTracker()
    tracker.feed(itemLines[0])
    var i = start + 1
    while i < lines.count {
      let line = lines[i]
      if line.isBlank {
        itemLines.append(line.dropping(line.chars.count))
      } else if line.indent >= contentIndent {
        itemLines.append(line.dropping(contentIndent))
      } else if tracker.allowsLazyContinuation, itemLines.last?.isBlank == false,
        !line.interruptsParagraph, line.listMarker() == nil
      {
        itemLines.append(line.dropping(line.indent))
      } else {
        break
      }
      tracker.feed(itemLines[itemLines.count - 1])
      i += 1
    }
    // Trailing blank lines are between items, not inside this one.
    while let last = itemLines.last, last.isBlank, itemLines.count > 1 {
      itemLines.removeLast()
      i -= 1
    }
    return (itemLines, i)
  }

  private static func makeItem(_ lines: [SourceLine], depth: Int) -> ListItem {
    var lines = lines
    var checked: Bool?
    if let first = lines.first, first[0] == "[", let mark = first[1], first[2] == "]",
      first[3] == nil || first[3] == " ", mark == " " || mark == "x" || mark == "X"
    {
      checked = mark != " "
      lines[0] = first.dropping(4)
    }
    return ListItem(checked: checked, blocks: BlockParser.parse(lines, depth: depth + 1))
  }
}

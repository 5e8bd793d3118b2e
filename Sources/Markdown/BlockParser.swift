/// Block structure: headings, paragraphs, lists, quotes, fences, tables, thematic breaks.
///
/// A line-based, recursive parser: a container (quote, list item) collects its lines, strips
/// its markers, and parses them again one level deeper, up to `maxNestingDepth`.
enum BlockParser {
  static func parse(_ lines: [SourceLine], depth: Int) -> [Block] {
    var blocks: [Block] = []
    var paragraph: [SourceLine] = []
    let containersAllowed = depth < MarkdownParser.maxNestingDepth

    func flushParagraph() {
      guard let first = paragraph.first else { return }
      blocks.append(Block(.paragraph(InlineParser.parse(paragraph)), at: position(first)))
      paragraph = []
    }

    var i = 0
    while i < lines.count {
      let line = lines[i]
      if line.isBlank {
        flushParagraph()
        i += 1
        continue
      }
      if let fence = line.fenceOpening() {
        flushParagraph()
        let (block, next) = parseFence(lines, at: i, fence: fence)
        blocks.append(block)
        i = next
        continue
      }
      if let (level, content) = line.atxHeading() {
        flushParagraph()
        blocks.append(
          Block(.heading(level: level, content: InlineParser.parse([content])), at: position(line)))
        i += 1
        continue
      }
      if line.isThematicBreak {
        flushParagraph()
        blocks.append(Block(.thematicBreak, at: position(line)))
        i += 1
        continue
      }
      if containersAllowed, line.quoteContent() != nil {
        flushParagraph()
        let (block, next) = parseQuote(lines, at: i, depth: depth)
        blocks.append(block)
        i = next
        continue
      }
      if containersAllowed, let marker = line.listMarker(),
        paragraph.isEmpty || line.interruptsParagraph
      {
        flushParagraph()
        let (block, next) = ListParser.parse(lines, at: i, marker: marker, depth: depth)
        blocks.append(block)
        i = next
        continue
      }
      if i + 1 < lines.count, let table = TableParser.parse(lines, at: i) {
        flushParagraph()
        blocks.append(table.block)
        i = table.next
        continue
      }
      paragraph.append(line.dropping(line.indent))
      i += 1
    }
    flushParagraph()
    return blocks
  }

  static func position(_ line: SourceLine) -> SourcePosition {
    SourcePosition(line: line.number, column: line.column + line.indent)
  }

  /// A fenced code block; an unterminated fence runs to the end of its container.
  static func parseFence(_ lines: [SourceLine], at start: Int, fence: Fence) -> (Block, Int) {
    var content: [String] = []
    var i = start + 1
    var closed = false
    while i < lines.count {
      let line = lines[i]
      i += 1
      if line.closes(fence) {
        closed = true
        break
      }
      content.append(line.dropping(min(fence.indent, line.indent)).text)
    }
    let words = fence.info.split(separator: " ", maxSplits: 1)
    let language = words.first.map { String($0).lowercased() } ?? ""
    let arguments = words.count > 1 ? String(words[1]).trimmingSpaces() : ""
    let code = FencedCode(
      language: language, arguments: arguments, text: content.joined(separator: "\n"),
      fencePosition: position(lines[start]), contentLine: lines[start].number + 1,
      isClosed: closed)
    return (Block(.code(code), at: position(lines[start])), i)
  }

  /// A block quote: consecutive `>` lines, plus lazy paragraph continuation lines.
  static func parseQuote(_ lines: [SourceLine], at start: Int, depth: Int) -> (Block, Int) {
    var inner: [SourceLine] = []
    var tracker = FenceTracker()
    var i = start
    while i < lines.count {
      let line = lines[i]
      if let content = line.quoteContent() {
        inner.append(content)
        tracker.feed(content)
      } else if tracker.allowsLazyContinuation, !line.interruptsParagraph,
        let last = inner.last, !last.isBlank
      {
        inner.append(line.dropping(line.indent))
      } else {
        break
      }
      i += 1
    }
    return (Block(.quote(parse(inner, depth: depth + 1)), at: position(lines[start])), i)
  }
}

/// Follows whether a container's lines are inside a fenced code block (no lazy lines there).
struct FenceTracker {
  private var open: Fence?
  private var lastWasParagraphText = false

  mutating func feed(_ line: SourceLine) {
    if let fence = open {
      if line.closes(fence) { open = nil }
      lastWasParagraphText = false
    } else if let fence = line.fenceOpening() {
      open = fence
      lastWasParagraphText = false
    } else {
      lastWasParagraphText =
        !line.isBlank && line.atxHeading() == nil && !line.isThematicBreak
    }
  }

  var allowsLazyContinuation: Bool { open == nil && lastWasParagraphText }
}

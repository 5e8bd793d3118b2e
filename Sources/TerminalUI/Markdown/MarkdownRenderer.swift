import Markdown

/// A heading's place in the rendered lines, for jumping between headings.
public struct HeadingAnchor: Sendable, Equatable {
  public var level: Int
  public var title: String
  /// Section number, e.g. "2.1" (level-1 headings are not numbered: they are the title).
  public var number: String
  public var line: Int
}

/// Which lines a top-level block became (e.g. to make a `lab` fence a clickable card).
public struct RenderedBlock: Sendable, Equatable {
  public var blockIndex: Int
  public var lines: Range<Int>
}

public struct RenderedMarkdown: Sendable, Equatable {
  public var lines: [StyledText]
  public var headings: [HeadingAnchor]
  public var blocks: [RenderedBlock]
}

/// How links show: text then the URL dimmed in parentheses, or text with a [n] footnote whose
/// URL is listed at the end of the document.
public enum LinkDisplay: Sendable, Hashable {
  case inline, footnotes
}

/// Lays out the lesson Markdown model for a width: wrapped, styled lines.
public struct MarkdownRenderer: Sendable {
  public var theme: Theme
  public var glyphs: Glyphs
  public var links: LinkDisplay
  /// Prefix headings of level ≥ 2 with their section number ("2.1 ").
  public var numbersHeadings: Bool
  /// Renders fenced blocks the caller handles itself (e.g. `quiz`, `lab` cards); return nil to
  /// fall back to the code-block rendering.
  public var fenceRenderer: (@Sendable (FencedCode, Int) -> [StyledText]?)?

  public init(
    theme: Theme = .monochrome, glyphs: Glyphs = .unicode, links: LinkDisplay = .inline,
    numbersHeadings: Bool = false,
    fenceRenderer: (@Sendable (FencedCode, Int) -> [StyledText]?)? = nil
  ) {
    self.theme = theme
    self.glyphs = glyphs
    self.links = links
    self.numbersHeadings = numbersHeadings
    self.fenceRenderer = fenceRenderer
  }

  public func render(_ document: Document, width: Int) -> RenderedMarkdown {
    render(document.blocks, width: width)
  }

  public func render(_ blocks: [Block], width: Int) -> RenderedMarkdown {
    let width = max(4, width)
    var context = RenderContext(links: links)
    var lines: [StyledText] = []
    var headings: [HeadingAnchor] = []
    var ranges: [RenderedBlock] = []
    var counters: [Int] = []
    for (index, block) in blocks.enumerated() {
      if !lines.isEmpty { lines.append(StyledText()) }
      let start = lines.count
      if case .heading(let level, let content) = block.kind {
        let level = min(max(level, 1), 6)
        var number = ""
        if level >= 2 {
          let depth = level - 2
          if counters.count <= depth {
            counters += Array(repeating: 0, count: depth + 1 - counters.count)
          }
          counters = Array(counters.prefix(depth + 1))
          counters[depth] += 1
          number = counters.map { $0 == 0 ? "1" : String($0) }.joined(separator: ".")
        }
        headings.append(
          HeadingAnchor(level: level, title: plainText(content), number: number, line: start))
        lines += heading(
          level: level, content: content, number: number, width: width, context: &context)
      } else {
        lines += render(block, width: width, depth: 0, base: theme[.text], context: &context)
      }
      ranges.append(RenderedBlock(blockIndex: index, lines: start..<lines.count))
    }
    if !context.footnotes.isEmpty {
      lines.append(StyledText())
      for (n, url) in context.footnotes.enumerated() {
        lines += StyledText("[\(n + 1)] " + url, style: theme[.linkURL]).wrapped(width: width)
      }
    }
    // Very narrow widths can leave nested prefixes wider than the line: clip, never overflow.
    lines = lines.map { $0.width > width ? $0.truncated(toWidth: width, ellipsis: "") : $0 }
    return RenderedMarkdown(lines: lines, headings: headings, blocks: ranges)
  }

  /// One run of inline content as styled text (may hold "\n" for hard breaks); links inline.
  public func inline(_ content: [Inline], base: Style = .plain) -> StyledText {
    var context = RenderContext(links: .inline)
    return inline(content, base: base, context: &context)
  }

  /// Inline content wrapped to `width` (quiz questions and choices use this).
  public func inlineLines(
    _ content: [Inline], width: Int, base: Style = .plain, prefix: StyledText = StyledText()
  ) -> [StyledText] {
    inline(content, base: base).wrapped(width: width, prefix: prefix)
  }

  func heading(
    level: Int, content: [Inline], number: String, width: Int, context: inout RenderContext
  )
    -> [StyledText]
  {
    let style = theme[.heading(level: level)]
    var text = StyledText()
    if numbersHeadings && !number.isEmpty { text.append(number + " ", style: style) }
    text.append(inline(content, base: style, context: &context))
    var lines = text.wrapped(width: width)
    if level <= 2 {
      let rule: Character = level == 1 ? (glyphs.isUnicode ? "═" : "=") : glyphs.horizontal
      let ruleWidth = min(width, lines.map(\.width).max() ?? 0)
      lines.append(StyledText(String(repeating: rule, count: ruleWidth), style: theme[.border]))
    }
    return lines
  }

  /// A block's lines at `width`; `depth` is the list nesting level.
  func render(_ block: Block, width: Int, depth: Int, base: Style, context: inout RenderContext)
    -> [StyledText]
  {
    switch block.kind {
    case .heading(let level, let content):
      return heading(level: level, content: content, number: "", width: width, context: &context)
    case .paragraph(let content):
      return inline(content, base: base, context: &context).wrapped(width: width)
    case .bulletList(let items):
      return list(items, ordered: nil, width: width, depth: depth, base: base, context: &context)
    case .orderedList(let start, let items):
      return list(items, ordered: start, width: width, depth: depth, base: base, context: &context)
    case .code(let fence):
      if let custom = fenceRenderer?(fence, width) { return custom }
      return CodeView(code: fence.text, language: fence.language, glyphs: glyphs, theme: theme)
        .lines(width: width)
    case .table(let table):
      return self.table(table, width: width, context: &context)
    case .quote(let blocks):
      let bar = StyledText(glyphs.quoteBar, style: theme[.border])
      let inner = max(1, width - bar.width)
      var lines: [StyledText] = []
      for (i, child) in blocks.enumerated() {
        if i > 0 { lines.append(StyledText()) }
        lines += render(
          child, width: inner, depth: depth, base: base.merged(with: theme[.quote]),
          context: &context)
      }
      return lines.map { bar + $0 }
    case .thematicBreak:
      return [
        StyledText(String(repeating: glyphs.thematicBreak, count: width), style: theme[.border])
      ]
    }
  }

  private func list(
    _ items: [ListItem], ordered start: Int?, width: Int, depth: Int, base: Style,
    context: inout RenderContext
  ) -> [StyledText] {
    let numberWidth = start.map { String($0 + max(0, items.count - 1)).count + 1 } ?? 0
    var lines: [StyledText] = []
    for (k, item) in items.enumerated() {
      var marker: StyledText
      if let start {
        let label = "\(start + k)."
        marker = StyledText(
          String(repeating: " ", count: numberWidth - label.count) + label + " ",
          style: theme[.accent])
      } else {
        marker = StyledText(glyphs.bullet(depth: depth) + " ", style: theme[.accent])
      }
      if let checked = item.checked {
        marker.append(
          (checked ? glyphs.checkboxOn : glyphs.checkboxOff) + " ",
          style: checked ? theme[.success] : theme[.muted])
      }
      let indent = StyledText(String(repeating: " ", count: marker.width))
      let inner = max(1, width - marker.width)
      var body: [StyledText] = []
      for (i, child) in item.blocks.enumerated() {
        var isList = false
        switch child.kind {
        case .bulletList, .orderedList: isList = true
        default: break
        }
        if i > 0 && !isList { body.append(StyledText()) }
        body += render(
          child, width: inner, depth: isList ? depth + 1 : depth, base: base, context: &context)
      }
      if body.isEmpty { body = [StyledText()] }
      for (i, line) in body.enumerated() { lines.append((i == 0 ? marker : indent) + line) }
    }
    return lines
  }
}

/// State carried through one render: link footnotes collected so far.
struct RenderContext {
  var links: LinkDisplay
  var footnotes: [String] = []
}

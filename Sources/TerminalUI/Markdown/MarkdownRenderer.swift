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
    RenderedMarkdown(lines: [], headings: [], blocks: [])
  }

  /// One run of inline content as styled text (may hold "\n" for hard breaks); links inline.
  public func inline(_ content: [Inline], base: Style = .plain) -> StyledText {
    StyledText()
  }

  /// Inline content wrapped to `width` (quiz questions and choices use this).
  public func inlineLines(
    _ content: [Inline], width: Int, base: Style = .plain, prefix: StyledText = StyledText()
  ) -> [StyledText] {
    inline(content, base: base).wrapped(width: width, prefix: prefix)
  }
}

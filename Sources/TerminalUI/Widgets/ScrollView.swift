/// Pre-rendered lines shown from `offset`, with a scrollbar in the last column when they overflow.
public struct ScrollView: Sendable {
  public var lines: [StyledText]
  public var offset: Int
  public var showsScrollbar: Bool
  public var glyphs: Glyphs
  public var theme: Theme

  public init(
    lines: [StyledText], offset: Int = 0, showsScrollbar: Bool = true, glyphs: Glyphs = .unicode,
    theme: Theme = .monochrome
  ) {
    self.lines = lines
    self.offset = offset
    self.showsScrollbar = showsScrollbar
    self.glyphs = glyphs
    self.theme = theme
  }

  /// The largest useful offset for `lineCount` lines in `height` rows.
  public static func maxOffset(lineCount: Int, height: Int) -> Int { max(0, lineCount - height) }

  /// The offset clamped to the content.
  public func clampedOffset(height: Int) -> Int {
    min(max(0, offset), ScrollView.maxOffset(lineCount: lines.count, height: height))
  }

  /// The width left for content (callers wrap to it): one column less when a scrollbar shows.
  public static func contentWidth(for area: Rect, lineCount: Int, showsScrollbar: Bool = true)
    -> Int
  {
    showsScrollbar && lineCount > area.height ? max(0, area.width - 1) : area.width
  }

  public func draw(into buffer: inout Buffer, area: Rect) {
    guard !area.isEmpty else { return }
    let overflow = lines.count > area.height
    let bar = showsScrollbar && overflow && area.width > 1
    let textMaxX = bar ? area.maxX - 1 : area.maxX
    let start = clampedOffset(height: area.height)
    for row in 0..<area.height {
      let index = start + row
      guard index < lines.count else { break }
      buffer.put(lines[index], x: area.x, y: area.y + row, maxX: textMaxX)
    }
    guard bar else { return }
    let (thumbStart, thumbLength) = ScrollView.thumb(
      lineCount: lines.count, height: area.height, offset: start)
    for row in 0..<area.height {
      let onThumb = row >= thumbStart && row < thumbStart + thumbLength
      buffer.put(
        String(onThumb ? glyphs.scrollThumb : glyphs.scrollTrack), x: area.maxX - 1,
        y: area.y + row,
        style: theme[onThumb ? .scrollThumb : .scrollTrack])
    }
  }

  /// Thumb position and length in rows; the thumb touches the bottom exactly at the last offset.
  static func thumb(lineCount: Int, height: Int, offset: Int) -> (start: Int, length: Int) {
    guard lineCount > height, height > 0 else { return (0, height) }
    let length = max(1, height * height / lineCount)
    let maxOffset = lineCount - height
    let travel = height - length
    let start = maxOffset == 0 ? 0 : (offset * travel + maxOffset / 2) / maxOffset
    return (min(start, travel), length)
  }
}

/// A vertical list with a selected row (pointer + selection style) and optional per-item marks
/// (e.g. "✓" for a finished lesson) in a left column. Scrolls to keep the selection visible.
public struct ListView: Sendable {
  public var items: [StyledText]
  public var selected: Int?
  /// Marks shown before items, by index; the mark column is as wide as the widest mark.
  public var marks: [Int: StyledText]
  public var offset: Int
  public var glyphs: Glyphs
  public var theme: Theme

  public init(
    items: [StyledText], selected: Int? = nil, marks: [Int: StyledText] = [:], offset: Int = 0,
    glyphs: Glyphs = .unicode, theme: Theme = .monochrome
  ) {
    self.items = items
    self.selected = selected
    self.marks = marks
    self.offset = offset
    self.glyphs = glyphs
    self.theme = theme
  }

  /// The first visible row for `height` rows, moved as little as possible to show the selection.
  public func visibleOffset(height: Int) -> Int {
    var start = min(max(0, offset), max(0, items.count - height))
    if let s = selected, height > 0 {
      if s < start { start = s }
      if s >= start + height { start = s - height + 1 }
    }
    return max(0, start)
  }

  /// The item index at a row of `area` (for mouse clicks), if any.
  public func itemIndex(atRow y: Int, area: Rect) -> Int? {
    guard y >= area.y, y < area.maxY else { return nil }
    let index = visibleOffset(height: area.height) + (y - area.y)
    return index < items.count ? index : nil
  }

  public func draw(into buffer: inout Buffer, area: Rect) {
    guard !area.isEmpty else { return }
    let pointerWidth = displayWidth(of: glyphs.pointer)
    let markWidth = marks.values.map(\.width).max().map { $0 + 1 } ?? 0
    let start = visibleOffset(height: area.height)
    for row in 0..<area.height {
      let index = start + row
      guard index < items.count else { break }
      let y = area.y + row
      let isSelected = index == selected
      var line = StyledText(
        isSelected ? glyphs.pointer : String(repeating: " ", count: pointerWidth),
        style: isSelected ? theme[.accent] : .plain)
      if markWidth > 0 {
        line.append((marks[index] ?? StyledText()).padded(toWidth: markWidth))
      }
      line.append(items[index])
      if isSelected {
        let padded = line.padded(toWidth: area.width, ellipsis: glyphs.ellipsis)
        let selection = theme[.selection]
        buffer.put(padded.restyled { $0.merged(with: selection) }, x: area.x, y: y, maxX: area.maxX)
      } else {
        buffer.put(
          line.truncated(toWidth: area.width, ellipsis: glyphs.ellipsis), x: area.x, y: y,
          maxX: area.maxX)
      }
    }
  }
}

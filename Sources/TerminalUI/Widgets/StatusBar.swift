/// A key and what it does, e.g. ("q", "back").
public struct KeyHint: Sendable, Hashable {
  public var key: String
  public var label: String
  public init(_ key: String, _ label: String) {
    self.key = key
    self.label = label
  }
}

/// One row: a message on the left, key hints on the right. When space runs short, hints are dropped
/// from the end (the first ones are the most important), then the message is truncated.
public struct StatusBar: Sendable {
  public var message: StyledText
  public var hints: [KeyHint]
  public var glyphs: Glyphs
  public var theme: Theme

  public init(
    message: StyledText = StyledText(), hints: [KeyHint], glyphs: Glyphs = .unicode,
    theme: Theme = .monochrome
  ) {
    self.message = message
    self.hints = hints
    self.glyphs = glyphs
    self.theme = theme
  }

  /// The hints that fit in `width` columns next to at least `reserve` columns of message.
  func hintText(width: Int, reserve: Int) -> StyledText {
    let bar = theme[.statusBar]
    let key = bar.merged(with: theme[.statusKey])
    var count = hints.count
    while count > 0 {
      var text = StyledText()
      for (i, hint) in hints.prefix(count).enumerated() {
        if i > 0 { text.append("  ", style: bar) }
        text.append(hint.key, style: key)
        text.append(" " + hint.label, style: bar)
      }
      if text.width + 1 + reserve <= width { return text + StyledText(" ", style: bar) }
      count -= 1
    }
    return StyledText()
  }

  public func draw(into buffer: inout Buffer, area: Rect) {
    guard !area.isEmpty else { return }
    let bar = theme[.statusBar]
    let y = area.y
    buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), with: Cell(" ", style: bar))
    let reserve = min(message.width + 1, 12)
    let hintsText = hintText(width: area.width, reserve: message.isEmpty ? 0 : reserve)
    let room = area.width - hintsText.width
    let left = (StyledText(" ", style: bar) + message.restyled { bar.merged(with: $0) })
      .truncated(toWidth: max(0, room - 1), ellipsis: glyphs.ellipsis)
    buffer.put(left, x: area.x, y: y, maxX: area.x + room)
    buffer.put(hintsText, x: area.maxX - hintsText.width, y: y, maxX: area.maxX)
  }
}

/// A centred box over the screen with a title, body lines (wrapped to fit) and an optional footer
/// hint line. The box is as small as its content allows and never larger than the area.
public struct Modal: Sendable {
  public var title: StyledText
  public var body: [StyledText]
  public var footer: StyledText
  /// The widest the body may be (columns inside the border).
  public var maxContentWidth: Int
  public var glyphs: Glyphs
  public var theme: Theme

  public init(
    title: StyledText, body: [StyledText], footer: StyledText = StyledText(),
    maxContentWidth: Int = 60, glyphs: Glyphs = .unicode, theme: Theme = .monochrome
  ) {
    self.title = title
    self.body = body
    self.footer = footer
    self.maxContentWidth = maxContentWidth
    self.glyphs = glyphs
    self.theme = theme
  }

  /// The box's rect inside `area`.
  public func frame(in area: Rect) -> Rect {
    let contentWidth = min(
      maxContentWidth, area.width - 4,
      max(title.width + 2, footer.width, body.map(\.width).max() ?? 0))
    let lines = wrappedBody(width: max(1, contentWidth))
    let height = lines.count + 2 + (footer.isEmpty ? 0 : 2)
    return area.centered(width: contentWidth + 4, height: height)
  }

  func wrappedBody(width: Int) -> [StyledText] {
    body.flatMap { $0.isEmpty ? [StyledText()] : $0.wrapped(width: width) }
  }

  public func draw(into buffer: inout Buffer, area: Rect) {
    let box = frame(in: area)
    guard box.width >= 4, box.height >= 2 else { return }
    BorderBox(
      title: title.restyled { $0.merged(with: self.theme[.title]) }, glyphs: glyphs,
      borderStyle: theme[.border], clearsInside: true
    ).draw(into: &buffer, area: box)
    let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
    var lines = wrappedBody(width: inner.width)
    let footerRows = footer.isEmpty ? 0 : 2
    let bodyRows = max(0, inner.height - footerRows)
    if lines.count > bodyRows {
      lines = Array(lines.prefix(bodyRows))
      if let last = lines.last {
        lines[lines.count - 1] = (last + StyledText(" " + glyphs.ellipsis)).truncated(
          toWidth: inner.width, ellipsis: glyphs.ellipsis)
      }
    }
    for (row, line) in lines.enumerated() {
      buffer.put(line, x: inner.x, y: inner.y + row, maxX: inner.maxX)
    }
    if !footer.isEmpty, inner.height >= 1 {
      buffer.put(
        footer.restyled { self.theme[.muted].merged(with: $0) }, row: inner.maxY - 1, in: inner,
        alignment: .center, ellipsis: glyphs.ellipsis)
    }
  }
}

/// A horizontal progress bar with an optional label after it, e.g. `████░░░░ 42%`.
public struct Gauge: Sendable {
  public var fraction: Double
  public var label: StyledText
  public var glyphs: Glyphs
  public var theme: Theme

  public init(
    fraction: Double, label: StyledText = StyledText(), glyphs: Glyphs = .unicode,
    theme: Theme = .monochrome
  ) {
    self.fraction = fraction
    self.label = label
    self.glyphs = glyphs
    self.theme = theme
  }

  public func draw(into buffer: inout Buffer, area: Rect) {
    guard !area.isEmpty else { return }
    let labelWidth = label.isEmpty ? 0 : min(label.width + 1, area.width)
    let barWidth = area.width - labelWidth
    let f = fraction.isFinite ? min(1, max(0, fraction)) : 0
    let filled = Int((Double(barWidth) * f).rounded(.down))
    buffer.put(
      String(repeating: String(glyphs.gaugeFilled), count: filled), x: area.x, y: area.y,
      style: theme[.gaugeFilled])
    buffer.put(
      String(repeating: String(glyphs.gaugeEmpty), count: barWidth - filled), x: area.x + filled,
      y: area.y, style: theme[.gaugeEmpty])
    if labelWidth > 0 {
      buffer.put(label, x: area.x + barWidth + 1, y: area.y, maxX: area.maxX)
    }
  }
}

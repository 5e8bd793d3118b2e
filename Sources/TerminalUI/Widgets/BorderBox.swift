/// A bordered box with an optional title in the top edge; widgets draw inside `inner(area)`.
public struct BorderBox: Sendable {
  public var title: StyledText
  public var glyphs: Glyphs
  public var borderStyle: Style
  /// Fills the inside with blanks first (for overlays).
  public var clearsInside: Bool

  public init(
    title: StyledText = StyledText(), glyphs: Glyphs = .unicode, borderStyle: Style = .plain,
    clearsInside: Bool = false
  ) {
    self.title = title
    self.glyphs = glyphs
    self.borderStyle = borderStyle
    self.clearsInside = clearsInside
  }

  /// The area inside the border.
  public func inner(_ area: Rect) -> Rect {
    Rect(x: area.x + 1, y: area.y + 1, width: area.width - 2, height: area.height - 2)
  }

  public func draw(into buffer: inout Buffer, area: Rect) {
    guard area.width >= 2, area.height >= 2 else { return }
    if clearsInside { buffer.fill(inner(area)) }
    let h = String(glyphs.horizontal)
    let v = String(glyphs.vertical)
    let top =
      String(glyphs.topLeft) + String(repeating: h, count: area.width - 2) + String(glyphs.topRight)
    let bottom =
      String(glyphs.bottomLeft) + String(repeating: h, count: area.width - 2)
      + String(glyphs.bottomRight)
    buffer.put(top, x: area.x, y: area.y, style: borderStyle, maxX: area.maxX)
    buffer.put(bottom, x: area.x, y: area.maxY - 1, style: borderStyle, maxX: area.maxX)
    for y in (area.y + 1)..<(area.maxY - 1) {
      buffer.put(v, x: area.x, y: y, style: borderStyle)
      buffer.put(v, x: area.maxX - 1, y: y, style: borderStyle)
    }
    if !title.isEmpty, area.width > 4 {
      let label =
        StyledText(" ") + title.truncated(toWidth: area.width - 6, ellipsis: glyphs.ellipsis)
        + StyledText(" ")
      buffer.put(label, x: area.x + 2, y: area.y, maxX: area.maxX - 2)
    }
  }
}

/// Splitting an area into parts.
extension Rect {
  /// The rect shrunk by `margin` on every side.
  public func inset(by margin: Int) -> Rect {
    Rect(x: x + margin, y: y + margin, width: width - 2 * margin, height: height - 2 * margin)
  }

  /// The top `rows` rows, and the rest.
  public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
    let r = min(max(0, rows), height)
    return (
      Rect(x: x, y: y, width: width, height: r),
      Rect(x: x, y: y + r, width: width, height: height - r)
    )
  }

  /// The rest, and the bottom `rows` rows.
  public func splitBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
    let r = min(max(0, rows), height)
    return (
      Rect(x: x, y: y, width: width, height: height - r),
      Rect(x: x, y: maxY - r, width: width, height: r)
    )
  }

  /// The left `columns` columns, and the rest.
  public func splitLeft(_ columns: Int) -> (left: Rect, rest: Rect) {
    let c = min(max(0, columns), width)
    return (
      Rect(x: x, y: y, width: c, height: height),
      Rect(x: x + c, y: y, width: width - c, height: height)
    )
  }

  /// A rect of at most `width`×`height` centred in this one.
  public func centered(width w: Int, height h: Int) -> Rect {
    let cw = min(w, width)
    let ch = min(h, height)
    return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
  }

  /// The part of this rect inside `other` (empty when they do not overlap).
  public func intersection(_ other: Rect) -> Rect {
    let x0 = max(x, other.x)
    let y0 = max(y, other.y)
    let x1 = min(maxX, other.maxX)
    let y1 = min(maxY, other.maxY)
    return Rect(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
  }

  public func contains(x px: Int, y py: Int) -> Bool {
    px >= x && py >= y && px < maxX && py < maxY
  }
}

extension StyledText {
  /// Cut to at most `width` columns; when cut, the end is replaced by `ellipsis` (in the style of
  /// the last kept grapheme). A wide grapheme that would straddle the edge is dropped.
  public func truncated(toWidth width: Int, ellipsis: String = "…") -> StyledText {
    guard width > 0 else { return StyledText() }
    let all = cells.filter { $0.width > 0 }
    let total = all.reduce(0) { $0 + $1.width }
    if total <= width { return StyledText(cells: all) }
    let ellipsisWidth = displayWidth(of: ellipsis)
    let room = width - ellipsisWidth
    guard room >= 0 else { return StyledText(cells: all).truncated(toWidth: width, ellipsis: "") }
    var kept: [StyledGrapheme] = []
    var used = 0
    for c in all {
      if used + c.width > room { break }
      kept.append(c)
      used += c.width
    }
    var result = StyledText(cells: kept)
    result.append(ellipsis, style: kept.last?.style ?? all.first?.style ?? .plain)
    return result
  }

  /// Padded with spaces (in `fill` style) to exactly `width` columns, truncated if longer.
  public func padded(
    toWidth width: Int, alignment: Alignment = .left, fill: Style = .plain, ellipsis: String = "…"
  ) -> StyledText {
    let line = truncated(toWidth: width, ellipsis: ellipsis)
    let gap = max(0, width - line.width)
    let left: Int
    switch alignment {
    case .left: left = 0
    case .center: left = gap / 2
    case .right: left = gap
    }
    var result = StyledText(String(repeating: " ", count: left), style: fill)
    result.append(line)
    result.append(String(repeating: " ", count: gap - left), style: fill)
    return result
  }

  /// Word-wrapped into lines of at most `width` columns, each starting with `prefix` (first line)
  /// or `continuationPrefix` (later lines; by default spaces as wide as `prefix` plus the text's
  /// own leading indentation, giving hanging indents). Words longer than a line are broken between
  /// graphemes; wide graphemes are never split. "\n" forces a break. Always returns ≥ 1 line.
  public func wrapped(
    width: Int, prefix: StyledText = StyledText(), continuationPrefix: StyledText? = nil
  )
    -> [StyledText]
  {
    let graphemes = cells
    let leading = graphemes.prefix { $0.character == " " }.count
    let hanging =
      continuationPrefix
      ?? StyledText(String(repeating: " ", count: prefix.width + leading))
    var lines: [StyledText] = []
    var current: [StyledGrapheme] = []
    var currentWidth = 0
    var currentPrefix = prefix
    var available = max(1, width - prefix.width)

    func emit() {
      while let last = current.last, last.character == " " {
        current.removeLast()
        currentWidth -= 1
      }
      lines.append(currentPrefix + StyledText(cells: current))
      current = []
      currentWidth = 0
      currentPrefix = hanging
      available = max(1, width - hanging.width)
    }

    // Tokens: words (non-space runs) and space runs, separated by hard breaks.
    var index = 0
    var atLineStart = true
    while index < graphemes.count {
      let g = graphemes[index]
      if g.character == "\n" {
        emit()
        atLineStart = true
        index += 1
        continue
      }
      let isSpace = g.character == " "
      var end = index
      var tokenWidth = 0
      while end < graphemes.count, graphemes[end].character != "\n",
        (graphemes[end].character == " ") == isSpace
      {
        tokenWidth += graphemes[end].width
        end += 1
      }
      let token = graphemes[index..<end]
      index = end
      if isSpace {
        // Leading indentation on the very first line is kept; spaces at a wrap point are dropped.
        if currentWidth == 0 && !(atLineStart && lines.isEmpty) { continue }
        if currentWidth + tokenWidth <= available {
          current.append(contentsOf: token)
          currentWidth += tokenWidth
        } else {
          emit()
        }
        continue
      }
      atLineStart = false
      if currentWidth + tokenWidth <= available {
        current.append(contentsOf: token)
        currentWidth += tokenWidth
        continue
      }
      if tokenWidth <= available || currentWidth > 0 && tokenWidth <= max(1, width - hanging.width)
      {
        emit()
        current.append(contentsOf: token)
        currentWidth = tokenWidth
        continue
      }
      // A word longer than a whole line: fill this line, then break between graphemes.
      for piece in token {
        if currentWidth + piece.width > available {
          if currentWidth == 0 {  // a wide grapheme on a 1-column line: it cannot fit anywhere
            current.append(StyledGrapheme(character: " ", style: piece.style, width: 1))
            currentWidth = 1
            emit()
            continue
          }
          emit()
        }
        current.append(piece)
        currentWidth += piece.width
      }
    }
    if !current.isEmpty || lines.isEmpty || atLineStart { emit() }
    return lines
  }
}

/// Plain-string conveniences.
public func truncate(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
  StyledText(text).truncated(toWidth: width, ellipsis: ellipsis).plainText
}

public func wrap(_ text: String, width: Int) -> [String] {
  StyledText(text).wrapped(width: width).map(\.plainText)
}

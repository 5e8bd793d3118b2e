/// Recognisers for the lines that start a block (all allow 0–3 spaces of indentation).
struct Fence {
  var char: Unicode.Scalar
  var length: Int
  var indent: Int
  var info: String
}

struct ListMarker {
  var ordered: Bool
  /// The bullet (`-`, `*`, `+`) or the ordered delimiter (`.`, `)`).
  var symbol: Unicode.Scalar
  var start: Int
  /// Columns from the line start to the item's content.
  var contentOffset: Int
  /// True if nothing follows the marker on its line.
  var isEmpty: Bool
}

extension SourceLine {
  func atxHeading() -> (level: Int, content: SourceLine)? {
    let start = indent
    guard start < 4 else { return nil }
    var level = 0
    while self[start + level] == "#" { level += 1 }
    guard (1...6).contains(level) else { return nil }
    let after = self[start + level]
    guard after == nil || after == " " else { return nil }
    var content = dropping(start + level)
    content = content.dropping(content.indent)
    // Closing sequence: trailing #s preceded by a space (or making up the whole content).
    var chars = content.chars
    while chars.last == " " { chars.removeLast() }
    var end = chars.endIndex
    while end > chars.startIndex && chars[end - 1] == "#" { end -= 1 }
    if end == chars.startIndex || chars[end - 1] == " " { chars = chars[chars.startIndex..<end] }
    while chars.last == " " { chars.removeLast() }
    content.chars = chars
    return (level, content)
  }

  var isThematicBreak: Bool {
    guard indent < 4 else { return false }
    var marker: Unicode.Scalar?
    var count = 0
    for c in chars where c != " " {
      guard c == "-" || c == "*" || c == "_" else { return false }
      if marker == nil { marker = c }
      guard c == marker else { return false }
      count += 1
    }
    return count >= 3
  }

  func fenceOpening() -> Fence? {
    let start = indent
    guard start < 4, let c = self[start], c == "`" || c == "~" else { return nil }
    var length = 0
    while self[start + length] == c { length += 1 }
    guard length >= 3 else { return nil }
    let info = dropping(start + length).text.trimmingSpaces()
    if c == "`" && info.contains("`") { return nil }
    return Fence(char: c, length: length, indent: start, info: info)
  }

  func closes(_ fence: Fence) -> Bool {
    let start = indent
    guard start < 4 else { return false }
    var length = 0
    while self[start + length] == fence.char { length += 1 }
    return length >= fence.length && dropping(start + length).isBlank
  }

  /// The content after a `>` marker (and one optional space), or nil.
  func quoteContent() -> SourceLine? {
    let start = indent
    guard start < 4, self[start] == ">" else { return nil }
    return dropping(start + (self[start + 1] == " " ? 2 : 1))
  }

  func listMarker() -> ListMarker? {
    let start = indent
    guard start < 4, let c = self[start] else { return nil }
    var ordered = false
    var number = 0
    var symbol = c
    var end = start + 1
    if c == "-" || c == "*" || c == "+" {
      symbol = c
    } else if ("0"..."9").contains(c) {
      var digits = 0
      var i = start
      while let d = self[i], ("0"..."9").contains(d), digits < 9 {
        number = number * 10 + Int(d.value - 48)
        digits += 1
        i += 1
      }
      guard let delimiter = self[i], delimiter == "." || delimiter == ")" else { return nil }
      ordered = true
      symbol = delimiter
      end = i + 1
    } else {
      return nil
    }
    let after = self[end]
    guard after == nil || after == " " else { return nil }
    let rest = dropping(end)
    if rest.isBlank {
      return ListMarker(
        ordered: ordered, symbol: symbol, start: number, contentOffset: end + 1,
        isEmpty: true)
    }
    let spaces = rest.indent
    // Five or more spaces: the content starts after one (the rest is indentation inside it).
    let offset = spaces >= 5 ? end + 1 : end + spaces
    return ListMarker(
      ordered: ordered, symbol: symbol, start: number, contentOffset: offset,
      isEmpty: false)
  }

  /// True if this line starts a block that interrupts a paragraph.
  var interruptsParagraph: Bool {
    if isBlank || atxHeading() != nil || isThematicBreak || fenceOpening() != nil
      || quoteContent() != nil
    {
      return true
    }
    if let marker = listMarker(), !marker.isEmpty, !marker.ordered || marker.start == 1 {
      return true
    }
    return false
  }
}

extension String {
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while s.first == " " { s.removeFirst() }
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}

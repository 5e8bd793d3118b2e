/// Matching emphasis delimiters and link brackets (CommonMark's "process emphasis").
extension InlineState {
  /// `]`: closes the innermost open `[` as a link if `(destination)` follows; else literal.
  mutating func closeBracket(at start: Int) -> Int {
    guard let opener = brackets.last else {
      buffer.append("]")
      return start + 1
    }
    guard opener.active, let (destination, end) = linkDestination(at: start + 1) else {
      brackets.removeLast()
      buffer.append("]")
      return start + 1
    }
    flushBufferForMatching()
    processEmphasis(bottom: opener.delimiterBottom)
    let (children, depth) = takeNodes(after: opener.node, before: -1)
    brackets.removeLast()
    if depth + 1 > InlineParser.maxDepth {
      // Too deep: keep the brackets as text around the (already parsed) children.
      var close = Node(content: .text(String.UnicodeScalarView()), prev: -1, next: -1)
      close.content = .inline(.text("](\(destination))"), depth: 0)
      var after = opener.node
      for child in children {
        after = insert(Node(content: .inline(child, depth: 0), prev: -1, next: -1), after: after)
      }
      _ = insert(close, after: after)
      return end
    }
    nodes[opener.node].content = .inline(
      .link(text: children, destination: destination), depth: depth + 1)
    // Links cannot contain links: earlier `[`s can no longer open one.
    for k in brackets.indices { brackets[k].active = false }
    return end
  }

  /// `(destination "optional title")` starting at `start`; returns the destination and the
  /// index after `)`.
  private func linkDestination(at start: Int) -> (String, Int)? {
    guard start < s.count, s[start] == "(" else { return nil }
    var i = start + 1
    func skipSpace() { while i < s.count && (s[i] == " " || s[i] == "\n") { i += 1 } }
    skipSpace()
    var destination = String.UnicodeScalarView()
    if i < s.count && s[i] == "<" {
      i += 1
      while i < s.count && s[i] != ">" && s[i] != "\n" {
        destination.append(s[i])
        i += 1
      }
      guard i < s.count, s[i] == ">" else { return nil }
      i += 1
    } else {
      var parens = 0
      while i < s.count, s[i] != " ", s[i] != "\n" {
        if s[i] == "(" { parens += 1 }
        if s[i] == ")" {
          if parens == 0 { break }
          parens -= 1
        }
        if s[i] == "\\", i + 1 < s.count, s[i + 1].isASCII, s[i + 1] != " " {
          i += 1
        }
        destination.append(s[i])
        i += 1
      }
    }
    skipSpace()
    if i < s.count, s[i] == "\"" || s[i] == "'" {
      let quote = s[i]
      i += 1
      while i < s.count && s[i] != quote { i += 1 }
      guard i < s.count else { return nil }
      i += 1
      skipSpace()
    }
    guard i < s.count, s[i] == ")" else { return nil }
    return (String(destination), i + 1)
  }

  private mutating func flushBufferForMatching() {
    if !buffer.isEmpty {
      let text = String.UnicodeScalarView(buffer)
      buffer.removeAll(keepingCapacity: true)
      _ = insert(Node(content: .text(text), prev: -1, next: -1), after: tail)
    }
  }

  /// Matches the delimiters above `bottom` (a delimiter node index, or -1 for all).
  mutating func processEmphasis(bottom: Int) {
    struct Key: Hashable {
      var char: Unicode.Scalar
      var canOpen: Bool
      var lengthMod3: Int
    }
    var openersBottom: [Key: Int] = [:]
    // The first delimiter above `bottom`.
    var closer = bottom >= 0 ? nodes[bottom].delimNext : firstDelimiter()
    while closer >= 0 {
      guard nodes[closer].canClose, case .delimiter(let char) = nodes[closer].content else {
        closer = nodes[closer].delimNext
        continue
      }
      let key = Key(
        char: char, canOpen: nodes[closer].canOpen, lengthMod3: nodes[closer].originalCount % 3)
      let floor = openersBottom[key] ?? bottom
      var opener = nodes[closer].delimPrev
      var found = false
      while opener >= 0 && opener != bottom && opener != floor {
        if nodes[opener].canOpen, case .delimiter(char) = nodes[opener].content {
          let sum = nodes[opener].originalCount + nodes[closer].originalCount
          let oddMatch =
            char != "~" && (nodes[closer].canOpen || nodes[opener].canClose) && sum % 3 == 0
            && !(nodes[opener].originalCount % 3 == 0 && nodes[closer].originalCount % 3 == 0)
          if !oddMatch {
            found = true
            break
          }
        }
        opener = nodes[opener].delimPrev
      }
      if found, wrap(opener: opener, closer: closer, char: char) {
        // Delimiters between the two are now literal text.
        var between = nodes[opener].delimNext
        while between >= 0 && between != closer {
          let next = nodes[between].delimNext
          removeDelimiter(between)
          between = next
        }
        if nodes[opener].count == 0 {
          removeDelimiter(opener)
          unlink(opener)
        }
        if nodes[closer].count == 0 {
          let next = nodes[closer].delimNext
          removeDelimiter(closer)
          unlink(closer)
          closer = next
        }
      } else {
        openersBottom[key] = nodes[closer].delimPrev
        let next = nodes[closer].delimNext
        if !nodes[closer].canOpen { removeDelimiter(closer) }
        closer = next
      }
    }
    // What is left above `bottom` is literal text.
    var d = lastDelimiter
    while d >= 0 && d != bottom {
      let prev = nodes[d].delimPrev
      removeDelimiter(d)
      d = prev
    }
  }

  private func firstDelimiter() -> Int {
    var d = lastDelimiter
    while d >= 0 && nodes[d].delimPrev >= 0 { d = nodes[d].delimPrev }
    return d
  }

  /// Wraps the nodes between `opener` and `closer` in emphasis/strong/strikethrough, using
  /// 1 or 2 delimiters from each; false (nothing changed) if that would nest too deep.
  private mutating func wrap(opener: Int, closer: Int, char: Unicode.Scalar) -> Bool {
    var depth = 0
    var i = nodes[opener].next
    while i >= 0 && i != closer {
      if case .inline(_, let d) = nodes[i].content { depth = max(depth, d) }
      i = nodes[i].next
    }
    guard depth + 1 <= InlineParser.maxDepth else { return false }
    let use = char == "~" ? 2 : (nodes[opener].count >= 2 && nodes[closer].count >= 2 ? 2 : 1)
    nodes[opener].count -= use
    nodes[closer].count -= use
    let (children, _) = takeNodes(after: opener, before: closer)
    let inline: Inline =
      char == "~" ? .strikethrough(children) : use == 2 ? .strong(children) : .emphasis(children)
    _ = insert(Node(content: .inline(inline, depth: depth + 1), prev: -1, next: -1), after: opener)
    return true
  }
}

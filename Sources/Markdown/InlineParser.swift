/// Inline structure: emphasis, strong, strikethrough, code spans, links, escapes, breaks.
///
/// CommonMark's delimiter-stack algorithm on a linked list of nodes (so matching is linear-ish
/// and never recursive); emphasis or links that would nest deeper than `maxDepth` stay text.
enum InlineParser {
  static let maxDepth = 24

  static func parse(_ lines: [SourceLine]) -> [Inline] {
    var scalars: [Unicode.Scalar] = []
    for (n, line) in lines.enumerated() {
      if n > 0 { scalars.append("\n") }
      scalars.append(contentsOf: line.chars)
    }
    while scalars.last == " " { scalars.removeLast() }
    var state = InlineState(scalars)
    state.scan()
    return state.finish()
  }
}

/// The inline nodes of one paragraph, as a doubly linked list, plus the delimiter stack.
struct InlineState {
  enum Content {
    case text(String.UnicodeScalarView)
    case inline(Inline, depth: Int)
    case delimiter(Unicode.Scalar)
  }
  struct Node {
    var content: Content
    var prev: Int
    var next: Int
    // Delimiter-run data (only for `.delimiter`).
    var count = 0
    var originalCount = 0
    var canOpen = false
    var canClose = false
    var delimPrev = -1
    var delimNext = -1
  }
  struct Bracket {
    var node: Int
    var active: Bool
    var delimiterBottom: Int
  }

  let s: [Unicode.Scalar]
  var nodes: [Node] = []
  var tail = 0
  var lastDelimiter = -1
  var brackets: [Bracket] = []
  /// Literal text not yet in a node (an array: see `takeNodes`).
  var buffer: [Unicode.Scalar] = []
  /// Backtick runs: length → start offsets, and how far each length's search has got.
  var backtickRuns: [Int: [Int]] = [:]
  var backtickCursor: [Int: Int] = [:]

  init(_ scalars: [Unicode.Scalar]) {
    s = scalars
    // Node 0 is a sentinel head, so the list is never empty.
    nodes = [Node(content: .text(String.UnicodeScalarView()), prev: -1, next: -1)]
    tail = 0
    var i = 0
    while i < s.count {
      guard s[i] == "`" else {
        i += 1
        continue
      }
      var j = i
      while j < s.count && s[j] == "`" { j += 1 }
      backtickRuns[j - i, default: []].append(i)
      i = j
    }
  }

  // MARK: Scanning

  mutating func scan() {
    var i = 0
    while i < s.count {
      let c = s[i]
      switch c {
      case "\\":
        if i + 1 < s.count, s[i + 1] == "\n" {
          append(.inline(.lineBreak, depth: 0))
          i = skipSpaces(from: i + 2)
        } else if i + 1 < s.count, s[i + 1].isASCII, isPunctuation(s[i + 1]) {
          buffer.append(s[i + 1])
          i += 2
        } else {
          buffer.append(c)
          i += 1
        }
      case "`":
        i = scanCodeSpan(at: i)
      case "*", "_", "~":
        i = scanDelimiterRun(at: i)
      case "[":
        append(.text(String.UnicodeScalarView(["["])))
        brackets.append(Bracket(node: tail, active: true, delimiterBottom: lastDelimiter))
        i += 1
      case "]":
        i = closeBracket(at: i)
      case "\n":
        var spaces = 0
        while buffer.last == " " {
          buffer.removeLast()
          spaces += 1
        }
        if spaces >= 2 {
          append(.inline(.lineBreak, depth: 0))
        } else {
          buffer.append(" ")
        }
        i = skipSpaces(from: i + 1)
      default:
        buffer.append(c)
        i += 1
      }
    }
  }

  private func skipSpaces(from start: Int) -> Int {
    var i = start
    while i < s.count && s[i] == " " { i += 1 }
    return i
  }

  private func isPunctuation(_ c: Unicode.Scalar) -> Bool {
    c.isASCII && c.properties.generalCategory != .uppercaseLetter
      && !(("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c))
      && c.value > 0x20 && c.value < 0x7F
  }

  private func isWhitespace(_ c: Unicode.Scalar?) -> Bool {
    guard let c else { return true }
    return c == " " || c == "\n" || c.properties.isWhitespace
  }

  private func isPunctuationForFlanking(_ c: Unicode.Scalar?) -> Bool {
    guard let c else { return false }
    if c.isASCII { return isPunctuation(c) }
    switch c.properties.generalCategory {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol,
      .modifierSymbol, .otherSymbol:
      return true
    default: return false
    }
  }

  /// A code span: a backtick run, up to the next run of the same length; else literal.
  private mutating func scanCodeSpan(at start: Int) -> Int {
    var end = start
    while end < s.count && s[end] == "`" { end += 1 }
    let length = end - start
    let runs = backtickRuns[length] ?? []
    var cursor = backtickCursor[length] ?? 0
    while cursor < runs.count && runs[cursor] < end { cursor += 1 }
    backtickCursor[length] = cursor
    guard cursor < runs.count else {
      buffer.append(contentsOf: repeatElement("`", count: length))
      return end
    }
    let close = runs[cursor]
    var content = s[end..<close].map { $0 == "\n" ? " " : $0 }
    if content.count >= 2, content.first == " ", content.last == " ",
      content.contains(where: { $0 != " " })
    {
      content = Array(content.dropFirst().dropLast())
    }
    append(.inline(.code(String(String.UnicodeScalarView(content))), depth: 0))
    return close + length
  }

  private mutating func scanDelimiterRun(at start: Int) -> Int {
    let c = s[start]
    var end = start
    while end < s.count && s[end] == c { end += 1 }
    let count = end - start
    if c == "~" && count != 2 {
      buffer.append(contentsOf: repeatElement(c, count: count))
      return end
    }
    let before: Unicode.Scalar? = start > 0 ? s[start - 1] : nil
    let after: Unicode.Scalar? = end < s.count ? s[end] : nil
    let leftFlanking =
      !isWhitespace(after)
      && (!isPunctuationForFlanking(after) || isWhitespace(before)
        || isPunctuationForFlanking(before))
    let rightFlanking =
      !isWhitespace(before)
      && (!isPunctuationForFlanking(before) || isWhitespace(after)
        || isPunctuationForFlanking(after))
    var node = Node(content: .delimiter(c), prev: -1, next: -1)
    node.count = count
    node.originalCount = count
    if c == "_" {
      node.canOpen = leftFlanking && (!rightFlanking || isPunctuationForFlanking(before))
      node.canClose = rightFlanking && (!leftFlanking || isPunctuationForFlanking(after))
    } else {
      node.canOpen = leftFlanking
      node.canClose = rightFlanking
    }
    let index = append(node)
    nodes[index].delimPrev = lastDelimiter
    if lastDelimiter >= 0 { nodes[lastDelimiter].delimNext = index }
    lastDelimiter = index
    return end
  }

  // MARK: Node list

  @discardableResult
  private mutating func append(_ content: Content) -> Int {
    append(Node(content: content, prev: -1, next: -1))
  }

  @discardableResult
  private mutating func append(_ node: Node) -> Int {
    flushBuffer()
    return link(node)
  }

  private mutating func flushBuffer() {
    guard !buffer.isEmpty else { return }
    let text = String.UnicodeScalarView(buffer)
    buffer.removeAll(keepingCapacity: true)
    link(Node(content: .text(text), prev: -1, next: -1))
  }

  @discardableResult
  private mutating func link(_ node: Node) -> Int {
    var node = node
    node.prev = tail
    nodes.append(node)
    let index = nodes.count - 1
    if tail >= 0 { nodes[tail].next = index }
    tail = index
    return index
  }

  mutating func unlink(_ index: Int) {
    let (p, n) = (nodes[index].prev, nodes[index].next)
    if p >= 0 { nodes[p].next = n }
    if n >= 0 { nodes[n].prev = p } else { tail = p }
    nodes[index].prev = -1
    nodes[index].next = -1
  }

  /// Inserts `node` right after `index`.
  mutating func insert(_ node: Node, after index: Int) -> Int {
    var node = node
    node.prev = index
    node.next = nodes[index].next
    nodes.append(node)
    let new = nodes.count - 1
    if node.next >= 0 { nodes[node.next].prev = new } else { tail = new }
    nodes[index].next = new
    return new
  }

  mutating func removeDelimiter(_ index: Int) {
    let (p, n) = (nodes[index].delimPrev, nodes[index].delimNext)
    if p >= 0 { nodes[p].delimNext = n }
    if n >= 0 { nodes[n].delimPrev = p } else { lastDelimiter = p }
    nodes[index].delimPrev = -1
    nodes[index].delimNext = -1
  }

  /// The inlines of the nodes strictly between `start` and `end` (-1: to the tail), merged,
  /// with their maximum nesting depth; the nodes are unlinked.
  mutating func takeNodes(after start: Int, before end: Int) -> ([Inline], Int) {
    var result: [Inline] = []
    var depth = 0
    // Plain text is gathered in an array: `UnicodeScalarView.append(contentsOf:)` copies the
    // whole string each time, which made long runs of literal delimiters quadratic.
    var text: [Unicode.Scalar] = []
    var i = nodes[start].next
    while i >= 0 && i != end {
      let next = nodes[i].next
      switch nodes[i].content {
      case .text(let t): text.append(contentsOf: t)
      case .delimiter(let c): text.append(contentsOf: repeatElement(c, count: nodes[i].count))
      case .inline(.text(let t), _): text.append(contentsOf: t.unicodeScalars)
      case .inline(let inline, let d):
        if !text.isEmpty {
          result.append(.text(String(String.UnicodeScalarView(text))))
          text.removeAll()
        }
        result.append(inline)
        depth = max(depth, d)
      }
      unlink(i)
      i = next
    }
    if !text.isEmpty { result.append(.text(String(String.UnicodeScalarView(text)))) }
    return (result, depth)
  }

  /// Finishes the scan: remaining emphasis, then everything as one inline list.
  mutating func finish() -> [Inline] {
    flushBuffer()
    processEmphasis(bottom: -1)
    return takeNodes(after: 0, before: -1).0
  }
}

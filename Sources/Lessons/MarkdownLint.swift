import Markdown

/// Markdown that renders on GitHub but that lrlab's reader shows raw: warned about, at the
/// place, saying what the learner will see. Works on UTF-8 bytes (every marker is ASCII), so
/// a 10 MB lesson costs one pass.
enum MarkdownLint {
  private static let space = UInt8(ascii: " ")
  private static let tab = UInt8(ascii: "\t")
  private static let cr = UInt8(ascii: "\r")

  /// `lines` is the whole file; the body starts at 1-based `bodyLine`.
  static func check(_ lines: [Substring], bodyLine: Int, into sink: inout DiagnosticSink) {
    var fence: (char: UInt8, count: Int)?
    var previous: [UInt8] = []  // the previous line (trimmed), outside fences
    var previousIsList = false
    var lastNonBlankIsList = false
    var tableCells: Int?
    for index in max(0, bodyLine - 1)..<lines.count {
      var raw = Array(lines[index].utf8)
      if raw.last == cr { raw.removeLast() }
      let lineNumber = index + 1
      let indent = raw.prefix { $0 == space }.count
      let trimmed = trim(raw)
      if let f = fence {
        let run = trimmed.prefix { $0 == f.char }.count
        if run >= f.count && trimmed.dropFirst(run).allSatisfy({ $0 == space }) { fence = nil }
        continue
      }
      if indent < 4, let first = trimmed.first,
        first == UInt8(ascii: "`") || first == UInt8(ascii: "~")
      {
        let run = trimmed.prefix { $0 == first }.count
        if run >= 3 {
          fence = (first, run)
          previous = []
          lastNonBlankIsList = false
          tableCells = nil
          continue
        }
      }
      let isList = isListContext(raw)
      defer {
        previous = trimmed
        previousIsList = isList
        if !trimmed.isEmpty { lastNonBlankIsList = isList }
      }
      func warn(_ column: Int, _ message: String) {
        sink.warning(SourcePosition(line: lineNumber, column: column), message)
      }
      if trimmed.isEmpty {
        tableCells = nil
        continue
      }
      let pipe = UInt8(ascii: "|")
      // Indented code: four spaces after a blank line, not continuing a list.
      if indent >= 4, previous.isEmpty, !lastNonBlankIsList {
        warn(
          1,
          "indented code is not supported: the learner sees these lines as a plain paragraph; use a ``` fence"
        )
        continue
      }
      // Setext headings.
      if !previous.isEmpty, previous.first != pipe, indent < 4, trimmed.count >= 2,
        trimmed.allSatisfy({ $0 == UInt8(ascii: "=") })
      {
        warn(
          indent + 1,
          "setext headings ('===' under a line) are not supported: the learner sees the '=' line as text; use '# Heading'"
        )
      } else if !previous.isEmpty, !previousIsList, previous.first != pipe, indent < 4,
        trimmed.count >= 3, trimmed.allSatisfy({ $0 == UInt8(ascii: "-") }),
        !previous.allSatisfy({ $0 == UInt8(ascii: "-") })
      {
        warn(
          indent + 1,
          "a '---' line right under text is a heading on GitHub but a rule here; leave a blank line before it, or use '## Heading'"
        )
      }
      // Reference-link and footnote definitions: `[x]: url`.
      if indent < 4, trimmed.first == UInt8(ascii: "["),
        let close = trimmed.firstIndex(of: UInt8(ascii: "]")), close + 1 < trimmed.count,
        trimmed[close + 1] == UInt8(ascii: ":")
      {
        warn(
          indent + 1,
          trimmed.count > 1 && trimmed[1] == UInt8(ascii: "^")
            ? "footnotes are not supported: the learner sees this definition as text"
            : "reference-link definitions are not supported: the learner sees this line as text; use [text](url)"
        )
        continue
      }
      // Tables: every row has the header's number of cells.
      if trimmed.first == pipe {
        let cells = cellCount(trimmed)
        if let expected = tableCells {
          if cells != expected && !trimmed.allSatisfy({ "|:- ".utf8.contains($0) }) {
            warn(
              indent + 1,
              "this table row has \(cells) cells but the header has \(expected): the learner sees \(cells < expected ? "empty cells" : "the extra cells dropped")"
            )
          }
        } else {
          tableCells = cells
        }
      } else {
        tableCells = nil
      }
      inlineChecks(raw, warn)
    }
  }

  static func trim(_ bytes: [UInt8]) -> [UInt8] {
    var start = 0
    var end = bytes.count
    while start < end, bytes[start] == space || bytes[start] == tab { start += 1 }
    while end > start, bytes[end - 1] == space || bytes[end - 1] == tab { end -= 1 }
    return Array(bytes[start..<end])
  }

  /// A list item, or a line indented under one.
  static func isListContext(_ line: [UInt8]) -> Bool {
    if line.count >= 2, line[0] == space, line[1] == space { return true }
    let t = trim(line)
    guard let first = t.first else { return false }
    if "-*+".utf8.contains(first), t.count >= 2, t[1] == space { return true }
    let digits = t.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.count
    return digits > 0 && t.count > digits + 1
      && (t[digits] == UInt8(ascii: ".") || t[digits] == UInt8(ascii: ")"))
      && t[digits + 1] == space
  }

  /// Cells of a pipe-table row, ignoring pipes inside code spans or escaped.
  static func cellCount(_ row: [UInt8]) -> Int {
    var bytes = row[...]
    if bytes.first == UInt8(ascii: "|") { bytes = bytes.dropFirst() }
    if bytes.last == UInt8(ascii: "|"), bytes.count >= 2,
      bytes[bytes.endIndex - 2] != UInt8(ascii: "\\")
    {
      bytes = bytes.dropLast()
    }
    var count = 0
    var inCode = false
    var escaped = false
    for c in bytes {
      if escaped {
        escaped = false
        continue
      }
      if c == UInt8(ascii: "\\") {
        escaped = true
        continue
      }
      if c == UInt8(ascii: "`") { inCode.toggle() }
      if c == UInt8(ascii: "|") && !inCode { count += 1 }
    }
    return count + 1
  }

  /// HTML, images, footnote and reference links, outside code spans.
  static func inlineChecks(_ line: [UInt8], _ warn: (Int, String) -> Void) {
    var inCode = false
    var i = 0
    var warned: Set<String> = []
    // Columns count characters: UTF-8 lead bytes before the offset, plus one.
    func column(_ offset: Int) -> Int {
      1 + line[..<offset].filter { $0 & 0xC0 != 0x80 }.count
    }
    func once(_ key: String, _ offset: Int, _ message: String) {
      if warned.insert(key).inserted { warn(column(offset), message) }
    }
    func isLetter(_ c: UInt8) -> Bool {
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c | 0x20)
    }
    while i < line.count {
      let c = line[i]
      if c == UInt8(ascii: "\\") {
        i += 2
        continue
      }
      if c == UInt8(ascii: "`") {
        inCode.toggle()
        i += 1
        continue
      }
      if inCode {
        i += 1
        continue
      }
      let next = i + 1 < line.count ? line[i + 1] : space
      if c == UInt8(ascii: "<")
        && (isLetter(next) || next == UInt8(ascii: "/") || next == UInt8(ascii: "!"))
      {
        let rest = line[i...]
        if rest.starts(with: "<!--".utf8) {
          once(
            "comment", i,
            "HTML comments are not hidden: the learner sees '<!-- … -->' as text")
        } else if let close = rest.firstIndex(of: UInt8(ascii: ">")) {
          let tag = line[i...close]
          let hasSpace = tag.contains(space)
          let hasEquals = tag.contains(UInt8(ascii: "="))
          // <https://…> autolinks are not HTML.
          if (!hasSpace || hasEquals) && !tag.contains(UInt8(ascii: ":")) {
            once(
              "html", i,
              "HTML is not rendered: the learner sees the tag \(quoted(String(decoding: tag, as: UTF8.self))) as text"
            )
          }
        }
      } else if c == UInt8(ascii: "!") && next == UInt8(ascii: "[") {
        once("image", i, "images are not shown: the learner sees '![…](…)' as text")
      } else if c == UInt8(ascii: "[") && next == UInt8(ascii: "^") {
        once("footnote", i, "footnotes are not supported: the learner sees '[^…]' as text")
      } else if c == UInt8(ascii: "]") && next == UInt8(ascii: "[") {
        once(
          "reference", i + 1,
          "reference links are not supported: the learner sees '[text][ref]' as text; use [text](url)"
        )
      }
      i += 1
    }
  }
}

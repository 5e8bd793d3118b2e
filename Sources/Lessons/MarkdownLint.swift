import Markdown

/// Markdown that renders on GitHub but that lrlab's reader shows raw: warned about, at the
/// place, saying what the learner will see.
enum MarkdownLint {
  /// `lines` is the whole file; the body starts at 1-based `bodyLine`.
  static func check(_ lines: [Substring], bodyLine: Int, into sink: inout DiagnosticSink) {
    var fence: (char: Character, count: Int)?
    var previous = ""  // the previous line (inside the body, outside fences)
    var lastNonBlank = ""
    var tableCells: Int?
    for index in max(0, bodyLine - 1)..<lines.count {
      let raw = String(lines[index]).replacingOccurrences(of: "\r", with: "")
      let lineNumber = index + 1
      let trimmed = raw.trimmingCharacters(in: .whitespaces)
      // Fences: skip their content.
      if let f = fence {
        let run = trimmed.prefix { $0 == f.char }
        if run.count >= f.count && trimmed.dropFirst(run.count).allSatisfy({ $0 == " " }) {
          fence = nil
        }
        continue
      }
      let indent = raw.prefix { $0 == " " }.count
      if indent < 4, let first = trimmed.first, first == "`" || first == "~" {
        let run = trimmed.prefix { $0 == first }
        if run.count >= 3 {
          fence = (first, run.count)
          previous = ""
          lastNonBlank = raw
          tableCells = nil
          continue
        }
      }
      defer {
        previous = raw
        if !trimmed.isEmpty { lastNonBlank = raw }
      }
      func warn(_ column: Int, _ message: String) {
        sink.warning(SourcePosition(line: lineNumber, column: column), message)
      }
      if trimmed.isEmpty {
        tableCells = nil
        continue
      }
      // Indented code: four spaces after a blank line, not continuing a list.
      let previousTrimmed = previous.trimmingCharacters(in: .whitespaces)
      if indent >= 4, previousTrimmed.isEmpty, !isListContext(lastNonBlank) {
        warn(
          1,
          "indented code is not supported: the learner sees these lines as a plain paragraph; use a ``` fence"
        )
        continue
      }
      // Setext headings.
      if !previousTrimmed.isEmpty, !previousTrimmed.hasPrefix("|"), indent < 4,
        trimmed.count >= 2, trimmed.allSatisfy({ $0 == "=" })
      {
        warn(
          indent + 1,
          "setext headings ('===' under a line) are not supported: the learner sees the '=' line as text; use '# Heading'"
        )
      } else if !previousTrimmed.isEmpty, !isListContext(previous), !previousTrimmed.hasPrefix("|"),
        indent < 4, trimmed.count >= 3, trimmed.allSatisfy({ $0 == "-" }),
        !previousTrimmed.allSatisfy({ $0 == "-" })
      {
        warn(
          indent + 1,
          "a '---' line right under text is a heading on GitHub but a rule here; leave a blank line before it, or use '## Heading'"
        )
      }
      // Reference-link definitions.
      if indent < 4, trimmed.hasPrefix("["), let close = trimmed.firstIndex(of: "]"),
        trimmed[trimmed.index(after: close)...].hasPrefix(":")
      {
        warn(
          indent + 1,
          trimmed.hasPrefix("[^")
            ? "footnotes are not supported: the learner sees this definition as text"
            : "reference-link definitions are not supported: the learner sees this line as text; use [text](url)"
        )
        continue
      }
      // Tables: every row has the header's number of cells.
      if trimmed.hasPrefix("|") {
        let cells = cellCount(trimmed)
        if let expected = tableCells {
          if cells != expected && !isAlignmentRow(trimmed) {
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

  static func isListContext(_ line: String) -> Bool {
    let t = line.trimmingCharacters(in: .whitespaces)
    if line.hasPrefix("  ") { return true }
    if t.hasPrefix("- ") || t.hasPrefix("* ") || t.hasPrefix("+ ") { return true }
    let digits = t.prefix { $0.isNumber }
    return !digits.isEmpty
      && (t.dropFirst(digits.count).hasPrefix(". ") || t.dropFirst(digits.count).hasPrefix(") "))
  }

  static func isAlignmentRow(_ t: String) -> Bool {
    t.allSatisfy { "|:- ".contains($0) }
  }

  /// Cells of a pipe-table row, ignoring pipes inside code spans or escaped.
  static func cellCount(_ row: String) -> Int {
    var count = 0
    var inCode = false
    var escaped = false
    var chars = Array(row.trimmingCharacters(in: .whitespaces))
    if chars.first == "|" { chars.removeFirst() }
    if chars.last == "|", chars.count >= 2, chars[chars.count - 2] != "\\" { chars.removeLast() }
    for c in chars {
      if escaped {
        escaped = false
        continue
      }
      if c == "\\" {
        escaped = true
        continue
      }
      if c == "`" { inCode.toggle() }
      if c == "|" && !inCode { count += 1 }
    }
    return count + 1
  }

  /// HTML, images, footnote and reference links, outside code spans.
  static func inlineChecks(_ line: String, _ warn: (Int, String) -> Void) {
    let chars = Array(line)
    var inCode = false
    var i = 0
    var warned: Set<String> = []
    func once(_ key: String, _ column: Int, _ message: String) {
      if warned.insert(key).inserted { warn(column, message) }
    }
    while i < chars.count {
      let c = chars[i]
      if c == "\\" {
        i += 2
        continue
      }
      if c == "`" {
        inCode.toggle()
        i += 1
        continue
      }
      if inCode {
        i += 1
        continue
      }
      let next = i + 1 < chars.count ? chars[i + 1] : " "
      if c == "<" && (next.isLetter || next == "/" || next == "!") {
        let rest = String(chars[i...])
        if rest.hasPrefix("<!--") {
          once(
            "comment", i + 1,
            "HTML comments are not hidden: the learner sees '<!-- … -->' as text")
        } else if let close = rest.firstIndex(of: ">"),
          !rest[..<close].contains(" ") || rest[..<close].contains("=")
        {
          let tag = rest[...close]
          if !tag.contains(":") {  // <https://…> autolinks are not HTML
            once(
              "html", i + 1,
              "HTML is not rendered: the learner sees the tag \(quoted(String(tag))) as text")
          }
        }
      } else if c == "!" && next == "[" {
        once("image", i + 1, "images are not shown: the learner sees '![…](…)' as text")
      } else if c == "[" && next == "^" {
        once("footnote", i + 1, "footnotes are not supported: the learner sees '[^…]' as text")
      } else if c == "]" && next == "[" {
        once(
          "reference", i + 2,
          "reference links are not supported: the learner sees '[text][ref]' as text; use [text](url)"
        )
      }
      i += 1
    }
  }
}

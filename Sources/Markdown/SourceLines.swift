/// One source line after BOM removal, line-ending normalisation, tab expansion and
/// sanitisation (so nothing downstream can see a control character).
struct SourceLine {
  var chars: ArraySlice<Unicode.Scalar>
  /// 1-based line number in the file.
  var number: Int
  /// 1-based column (in the file) of `chars.first`.
  var column: Int = 1

  var text: String { String(String.UnicodeScalarView(chars)) }
  var isBlank: Bool { chars.allSatisfy { $0 == " " } }
  /// Leading spaces.
  var indent: Int {
    var n = 0
    for c in chars {
      guard c == " " else { break }
      n += 1
    }
    return n
  }

  /// The line without its first `count` characters (fewer if it is shorter).
  func dropping(_ count: Int) -> SourceLine {
    let n = min(count, chars.count)
    return SourceLine(chars: chars.dropFirst(n), number: number, column: column + n)
  }

  /// The character at `offset` from the start, if any.
  subscript(offset: Int) -> Unicode.Scalar? {
    offset >= 0 && offset < chars.count ? chars[chars.startIndex + offset] : nil
  }
}

enum SourceLines {
  static func split(_ text: String, firstLine: Int) -> [SourceLine] {
    var lines: [SourceLine] = []
    var current: [Unicode.Scalar] = []
    var number = firstLine
    var previousWasCR = false
    var scalars = text.unicodeScalars[...]
    if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
    func finish() {
      lines.append(SourceLine(chars: clean(current)[...], number: number))
      current.removeAll(keepingCapacity: true)
      number += 1
    }
    for c in scalars {
      if c == "\n" && previousWasCR {
        previousWasCR = false
        continue
      }
      previousWasCR = c == "\r"
      switch c {
      case "\n", "\r": finish()
      case "\t":
        let spaces = 4 - current.count % 4
        current.append(contentsOf: repeatElement(" ", count: spaces))
      default: current.append(c)
      }
    }
    if !current.isEmpty { finish() }
    return lines
  }

  private static func clean(_ line: [Unicode.Scalar]) -> [Unicode.Scalar] {
    guard line.contains(where: Sanitizer.isForbidden) else { return line }
    let string = String(String.UnicodeScalarView(line))
    return Array(Sanitizer.cleanLine(string).unicodeScalars)
  }
}

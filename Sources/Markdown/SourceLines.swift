/// One source line after BOM removal, line-ending normalisation and tab expansion.
struct SourceLine {
  /// The line's text (tabs expanded to 4-column stops, no line terminator), not yet sanitised.
  var text: String
  /// 1-based line number in the file.
  var number: Int
  /// 1-based column (in the file) of `text`'s first character.
  var column: Int = 1
}

enum SourceLines {
  static func split(_ text: String, firstLine: Int) -> [SourceLine] {
    var lines: [SourceLine] = []
    var current = String.UnicodeScalarView()
    var number = firstLine
    var column = 0
    var previousWasCR = false
    var scalars = text.unicodeScalars[...]
    if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
    for c in scalars {
      if c == "\n" && previousWasCR {
        previousWasCR = false
        continue
      }
      previousWasCR = false
      switch c {
      case "\n", "\r":
        lines.append(SourceLine(text: String(current), number: number))
        current = String.UnicodeScalarView()
        number += 1
        column = 0
        previousWasCR = c == "\r"
      case "\t":
        let spaces = 4 - column % 4
        for _ in 0..<spaces { current.append(" ") }
        column += spaces
      default:
        current.append(c)
        column += 1
      }
    }
    if !current.isEmpty { lines.append(SourceLine(text: String(current), number: number)) }
    return lines
  }
}

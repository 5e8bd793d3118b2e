/// Neutralises control characters and terminal escape sequences in untrusted text.
///
/// Lesson files are untrusted: a renderer must never be able to pass ESC, CSI, OSC, BEL, C1 codes
/// or bidi overrides to a terminal. Every string in the Markdown and Lessons models goes through
/// here. Choices:
/// - a whole escape sequence (ESC or C1 CSI/OSC/DCS/SOS/PM/APC, with its parameters, up to its
///   final byte or string terminator — BEL or ST — or the end of the line) becomes ONE `U+FFFD`,
///   so the reader sees that something was there without the text being flooded;
/// - any other C0 control (except `\n`, and `\t` which becomes spaces to the next 4-column stop),
///   DEL, and C1 codes U+0080–U+009F become `U+FFFD`;
/// - bidi formatting characters (U+202A–U+202E embeddings/overrides, U+2066–U+2069 isolates,
///   U+200E/U+200F marks, U+061C) become `U+FFFD`: lessons are left-to-right, and a visible mark
///   beats silently reordered text ("Trojan Source");
/// - invisible zero-width characters (U+200B–U+200D, U+2060–U+2064, U+FEFF, U+180E) become
///   `U+FFFD`: they hide text from the reader (an id that looks like another);
/// - more than `maxCombiningMarks` combining marks in a row keep the first ones and the rest
///   become ONE `U+FFFD` (unbounded "Zalgo" stacks smear over neighbouring lines);
/// - `\r\n` and a lone `\r` become `\n`.
public enum Sanitizer {
  public static let replacement: Unicode.Scalar = "\u{FFFD}"
  /// Combining marks kept on one base character (Vietnamese needs 2, some scripts 3–4).
  public static let maxCombiningMarks = 4

  /// Cleans multi-line text (code blocks): keeps `\n`, expands tabs.
  public static func clean(_ text: String) -> String {
    if isClean(text) { return text }
    var out = String.UnicodeScalarView()
    var scalars = Array(text.unicodeScalars)
    scalars = normalizeLineEndings(scalars)
    var column = 0
    var i = 0
    var marks = 0
    while i < scalars.count {
      let c = scalars[i]
      if isCombiningMark(c) {
        marks += 1
        if marks == maxCombiningMarks + 1 { out.append(replacement) }
        if marks <= maxCombiningMarks { out.append(c) }
        i += 1
        continue
      }
      marks = 0
      switch c.value {
      case 0x0A:
        out.append(c)
        column = 0
        i += 1
      case 0x09:
        let spaces = 4 - column % 4
        for _ in 0..<spaces { out.append(" ") }
        column += spaces
        i += 1
      case 0x1B, 0x90, 0x98, 0x9B, 0x9D, 0x9E, 0x9F:
        i = skipEscapeSequence(scalars, from: i)
        out.append(replacement)
        column += 1
      default:
        if isForbidden(c) {
          out.append(replacement)
        } else {
          out.append(c)
        }
        column += 1
        i += 1
      }
    }
    return String(out)
  }

  /// Cleans text meant for one line (titles, quiz text): as `clean`, with newlines as spaces.
  public static func cleanLine(_ text: String) -> String {
    let cleaned = clean(text)
    guard cleaned.unicodeScalars.contains("\n") else { return cleaned }
    return String(String.UnicodeScalarView(cleaned.unicodeScalars.map { $0 == "\n" ? " " : $0 }))
  }

  /// True if `c` must never reach a terminal (newline and tab are handled by the callers).
  public static func isForbidden(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0x00...0x1F, 0x7F...0x9F: return true
    case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
    case 0x200B...0x200D, 0x2060...0x2064, 0xFEFF, 0x180E: return true
    default: return false
    }
  }

  /// A combining mark (general category Mn, Mc or Me).
  public static func isCombiningMark(_ c: Unicode.Scalar) -> Bool {
    guard c.value >= 0x0300 else { return false }
    switch c.properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark: return true
    default: return false
    }
  }

  /// Fast path: most text has nothing to clean.
  private static func isClean(_ text: String) -> Bool {
    var marks = 0
    for c in text.unicodeScalars {
      if c.value < 0x80 {
        if c != "\n" && (c.value < 0x20 || c.value == 0x7F) { return false }
        marks = 0
        continue
      }
      if isForbidden(c) { return false }
      if isCombiningMark(c) {
        marks += 1
        if marks > maxCombiningMarks { return false }
      } else {
        marks = 0
      }
    }
    return true
  }

  private static func normalizeLineEndings(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
    guard s.contains("\r") else { return s }
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(s.count)
    var i = 0
    while i < s.count {
      if s[i] == "\r" {
        out.append("\n")
        if i + 1 < s.count && s[i + 1] == "\n" { i += 1 }
      } else {
        out.append(s[i])
      }
      i += 1
    }
    return out
  }

  /// Returns the index just past the escape sequence starting at `start`.
  private static func skipEscapeSequence(_ s: [Unicode.Scalar], from start: Int) -> Int {
    var i = start + 1
    var kind = s[start].value
    if kind == 0x1B {
      guard i < s.count else { return i }
      switch s[i] {
      case "[": kind = 0x9B
      case "]": kind = 0x9D
      case "P": kind = 0x90
      case "X": kind = 0x98
      case "^": kind = 0x9E
      case "_": kind = 0x9F
      default:
        // ESC, intermediates 0x20–0x2F, then one final 0x30–0x7E.
        while i < s.count, (0x20...0x2F).contains(s[i].value) { i += 1 }
        if i < s.count, (0x30...0x7E).contains(s[i].value) { i += 1 }
        return i
      }
      i += 1
    }
    if kind == 0x9B {
      // CSI: parameters 0x30–0x3F, intermediates 0x20–0x2F, final 0x40–0x7E.
      while i < s.count, (0x20...0x3F).contains(s[i].value) { i += 1 }
      if i < s.count, (0x40...0x7E).contains(s[i].value) { i += 1 }
      return i
    }
    // A control string (OSC, DCS, SOS, PM, APC): up to BEL, ST (ESC \ or 0x9C) or end of line.
    while i < s.count {
      switch s[i].value {
      case 0x07, 0x9C: return i + 1
      case 0x0A: return i
      case 0x1B:
        if i + 1 < s.count && s[i + 1] == "\\" { return i + 2 }
        return i
      default: i += 1
      }
    }
    return i
  }
}

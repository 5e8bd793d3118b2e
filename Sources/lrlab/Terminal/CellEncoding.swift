import TerminalUI

/// The last line of defence before text reaches the terminal: no control characters ever
/// (C0, DEL, C1 become U+FFFD), and in ASCII mode only printable ASCII.
enum CellEncoding {
  static let replacement: UInt32 = 0xFFFD

  /// The scalars to draw for `grapheme` (at most 4, as `cchar_t` holds), sanitised.
  static func scalars(of grapheme: Character, unicode: Bool) -> [UInt32] {
    var out: [UInt32] = []
    for scalar in grapheme.unicodeScalars.prefix(4) {
      var v = scalar.value
      if v < 0x20 || (v >= 0x7F && v < 0xA0) {
        v = unicode ? replacement : UInt32(UInt8(ascii: "?"))
      }
      if !unicode && v > 0x7E {
        if !out.isEmpty { continue }  // drop combining marks
        v = asciiFallback(v)
      }
      out.append(v)
      if !unicode { break }
    }
    return out.isEmpty ? [0x20] : out
  }

  /// Common typographic characters in ASCII; anything else becomes `?`.
  static func asciiFallback(_ v: UInt32) -> UInt32 {
    let map: [UInt32: Character] = [
      0x2014: "-", 0x2013: "-", 0x2192: ">", 0x2190: "<", 0x00D7: "x", 0x2026: ".", 0x2018: "'",
      0x2019: "'", 0x201C: "\"", 0x201D: "\"", 0x2248: "~", 0x2264: "<", 0x2265: ">", 0x2022: "*",
      0x00B7: ".", 0x2500: "-", 0x2502: "|", 0x00A0: " ", 0x2212: "-", 0x00B2: "2",
    ]
    if let c = map[v] { return c.unicodeScalars.first!.value }
    if v >= 0x2800 && v <= 0x28FF { return UInt32(UInt8(ascii: ".")) }
    return UInt32(UInt8(ascii: "?"))
  }
}

/// Terminal columns a grapheme occupies: 0 (control/combining/format), 1, or 2 (East Asian wide,
/// emoji presentation, emoji ZWJ sequences, flags, keycaps).
public func displayWidth(of grapheme: Character) -> Int {
  let scalars = grapheme.unicodeScalars
  guard let first = scalars.first else { return 0 }
  let v = first.value
  if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
  let single = scalars.index(after: scalars.startIndex) == scalars.endIndex
  if single && v < 0x300 { return 1 }  // fast path: ASCII and Latin-1
  if !single {
    var textPresentation = false
    for s in scalars {
      switch s.value {
      case 0xFE0F, 0x200D, 0x20E3: return 2  // emoji presentation, ZWJ sequence, keycap
      case 0xFE0E: textPresentation = true
      default: break
      }
    }
    // Two regional indicators make a flag.
    if (0x1F1E6...0x1F1FF).contains(v) { return 2 }
    if textPresentation { return 1 }
    if v < 0x300 { return 1 }  // a base letter with combining marks
  }
  let props = first.properties
  switch props.generalCategory {
  case .nonspacingMark, .enclosingMark, .format, .control: return 0
  default: break
  }
  // Hangul medial vowels and finals join the syllable before them.
  if (0x1160...0x11FF).contains(v) { return 0 }
  if isWide(v) || props.isEmojiPresentation { return 2 }
  return 1
}

/// Total display width of a string.
public func displayWidth(of text: String) -> Int {
  var total = 0
  for g in text { total += displayWidth(of: g) }
  return total
}

/// East Asian Wide and Fullwidth ranges (Unicode 15 EastAsianWidth W/F, condensed).
private func isWide(_ v: UInt32) -> Bool {
  switch v {
  case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
    0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
    0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
    0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F200...0x1F2FF,
    0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD,
    0x30000...0x3FFFD:
    return true
  default:
    return false
  }
}

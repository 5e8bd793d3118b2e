import App
import CNcursesw

/// ncurses key codes and characters to `Key`.
enum KeyDecoding {
  static func key(fromKeyCode code: Int32) -> Key? {
    switch code {
    case KEY_UP: .up
    case KEY_DOWN: .down
    case KEY_LEFT: .left
    case KEY_RIGHT: .right
    case KEY_PPAGE: .pageUp
    case KEY_NPAGE: .pageDown
    case KEY_HOME: .home
    case KEY_END: .end
    case KEY_ENTER: .enter
    case KEY_BTAB: .backTab
    case KEY_BACKSPACE: .backspace
    case KEY_DC: .delete
    case KEY_F0 + 1...KEY_F0 + 12: .function(Int(code - KEY_F0))
    default: nil
    }
  }

  static func key(fromCharacter value: UInt32) -> Key? {
    switch value {
    case 10, 13: return .enter
    case 27: return .escape
    case 9: return .tab
    case 8, 127: return .backspace
    case 3: return .ctrlC
    case 0..<32: return nil
    default:
      guard let scalar = Unicode.Scalar(value) else { return nil }
      return .char(Character(scalar))
    }
  }
}

/// xterm-256 palette indices to the 8 basic colours, for 8/16-colour terminals.
enum ColorDegrade {
  static func ansi8(fromIndexed i: UInt8) -> UInt8 {
    if i < 16 { return i % 8 }
    if i >= 232 { return i >= 244 ? 7 : 0 }  // the grey ramp: light → white, dark → black
    let v = Int(i) - 16
    let r = v / 36
    let g = (v / 6) % 6
    let b = v % 6
    // Each channel "on" when at least half-bright; ANSI order is bit0 red, bit1 green, bit2 blue.
    let bits = (r >= 3 ? 1 : 0) | (g >= 3 ? 2 : 0) | (b >= 3 ? 4 : 0)
    if bits == 0 {
      return max(r, g, b) >= 2 ? UInt8((r >= 2 ? 1 : 0) | (g >= 2 ? 2 : 0) | (b >= 2 ? 4 : 0)) : 0
    }
    return UInt8(bits)
  }
}

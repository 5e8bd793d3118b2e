/// Decodes what follows an ESC from the terminal into one event, and never guesses: a sequence
/// it does not know is *ignored*, never taken as the Esc key (which would go back, or quit on
/// Home). Pure, so every encoding is unit-tested on bytes.
///
/// Known: CSI and SS3 cursor/editing/function keys with or without modifiers, the application
/// keypad (`ESC O M` is Enter, `ESC O p`…`y` digits, …), Alt+key, focus in/out, mouse reports in
/// X10/normal (`ESC [ M b x y`), SGR (`ESC [ < b ; x ; y M|m`) and urxvt (`ESC [ b ; x ; y M`)
/// encodings, CSI-u keys (`ESC [ code ; mods u`), xterm's modifyOtherKeys
/// (`ESC [ 27 ; mods ; code ~`), and the start of a bracketed paste (`ESC [ 200 ~`).
public enum InputDecoder {
  public enum Event: Sendable, Equatable {
    case key(Key)
    case mouse(MouseEvent)
    /// A bracketed paste begins: collect with `PasteCollector` until it ends.
    case pasteStart
    /// Recognised (focus, Alt+key, a key lrlab has no use for) or unknown: nothing happens.
    case ignored
  }

  public enum Result: Sendable, Equatable {
    /// The event and how many scalars after the ESC it used.
    case event(Event, consumed: Int)
    /// The sequence is not finished: wait (briefly) for more.
    case needMore
  }

  /// Decodes `s`, the scalars received after an ESC. An empty `s` (nothing followed within the
  /// escape delay) is the Esc key. `final` says no more input is coming: an unfinished
  /// sequence is then ignored whole.
  public static func decode(_ s: [UInt32], final: Bool = false) -> Result {
    guard let first = s.first else { return .event(.key(.escape), consumed: 0) }
    switch first {
    case 0x5B:  // '['
      return csi(s, final: final)
    case 0x4F:  // 'O'
      guard s.count >= 2 else { return final ? .event(.ignored, consumed: 1) : .needMore }
      return .event(ss3(s[1]), consumed: 2)
    case 0x1B:
      // ESC ESC: Esc pressed twice quickly (or Alt+Esc). This ESC is the Esc key; the next
      // one starts afresh, so a quick double Esc (discard an edit) is two presses.
      return .event(.key(.escape), consumed: 0)
    default:
      // Alt+key (ESC then the key): lrlab binds no Alt keys.
      return .event(.ignored, consumed: 1)
    }
  }

  /// SS3 finals: the application keypad and cursor keys, F1–F4.
  static func ss3(_ c: UInt32) -> Event {
    switch c {
    case 0x41: .key(.up)  // A
    case 0x42: .key(.down)
    case 0x43: .key(.right)
    case 0x44: .key(.left)
    case 0x48: .key(.home)  // H
    case 0x46: .key(.end)  // F
    case 0x4D: .key(.enter)  // M: keypad Enter
    case 0x50...0x53: .key(.function(Int(c) - 0x50 + 1))  // P Q R S: F1–F4
    case 0x70...0x79: .key(.char(Character(Unicode.Scalar(UInt8(c - 0x70 + 0x30)))))  // p–y: 0–9
    case 0x6A: .key(.char("*"))
    case 0x6B: .key(.char("+"))
    case 0x6C: .key(.char(","))
    case 0x6D: .key(.char("-"))
    case 0x6E: .key(.char("."))
    case 0x6F: .key(.char("/"))
    case 0x58: .key(.char("="))  // X: keypad =
    case 0x49: .key(.tab)  // I: keypad Tab
    default: .ignored  // E (keypad 5), u, anything else
    }
  }

  /// A CSI sequence: `[`, parameters 0x30–0x3F, intermediates 0x20–0x2F, a final 0x40–0x7E.
  static func csi(_ s: [UInt32], final: Bool) -> Result {
    // X10 / normal mouse: ESC [ M then three bytes.
    if s.count >= 2 && s[1] == 0x4D {
      guard s.count >= 5 else { return final ? .event(.ignored, consumed: s.count) : .needMore }
      let b = Int(s[2]) - 32
      let x = Int(s[3]) - 33
      let y = Int(s[4]) - 33
      return .event(mouse(button: b, x: x, y: y, release: false), consumed: 5)
    }
    var i = 1
    while i < s.count, (0x30...0x3F).contains(s[i]) { i += 1 }
    let paramEnd = i
    while i < s.count, (0x20...0x2F).contains(s[i]) { i += 1 }
    guard i < s.count else {
      // Unfinished; a long run of parameters is garbage, not a key.
      if final || s.count > 64 { return .event(.ignored, consumed: s.count) }
      return .needMore
    }
    let finalByte = s[i]
    let consumed = i + 1
    guard (0x40...0x7E).contains(finalByte) else {
      // Not a CSI after all (a control character inside): drop what we read.
      return .event(.ignored, consumed: i)
    }
    let paramText = String(
      String.UnicodeScalarView(s[1..<paramEnd].compactMap(Unicode.Scalar.init)))
    let hasIntermediates = paramEnd != i
    if paramText.hasPrefix("<") {
      // SGR mouse.
      let fields = paramText.dropFirst().split(separator: ";", omittingEmptySubsequences: false)
        .map { Int($0) }
      guard fields.count == 3, let b = fields[0], let x = fields[1], let y = fields[2],
        finalByte == 0x4D || finalByte == 0x6D, !hasIntermediates
      else { return .event(.ignored, consumed: consumed) }
      return .event(
        mouse(button: b, x: x - 1, y: y - 1, release: finalByte == 0x6D), consumed: consumed)
    }
    guard !hasIntermediates, paramText.allSatisfy({ $0.isNumber || $0 == ";" || $0 == ":" })
    else { return .event(.ignored, consumed: consumed) }
    let params = paramText.split(separator: ";", omittingEmptySubsequences: false).map {
      // `code:shifted:base` (kitty): the first number counts.
      Int($0.split(separator: ":").first ?? "") ?? 0
    }
    func param(_ k: Int, _ fallback: Int) -> Int {
      k < params.count && params[k] != 0 ? params[k] : fallback
    }
    let event: Event
    switch finalByte {
    case 0x41: event = .key(.up)
    case 0x42: event = .key(.down)
    case 0x43: event = .key(.right)
    case 0x44: event = .key(.left)
    case 0x48: event = .key(.home)
    case 0x46: event = .key(.end)
    case 0x5A: event = .key(.backTab)  // Z
    case 0x50...0x53 where !params.isEmpty:
      // CSI 1;mod P..S: F1–F4 with modifiers.
      event = .key(.function(Int(finalByte) - 0x50 + 1))
    case 0x49, 0x4F:  // I, O: focus in / out
      event = .ignored
    case 0x4D where params.count == 3:
      // urxvt mouse: CSI b ; x ; y M (b offset by 32).
      event = mouse(button: params[0] - 32, x: params[1] - 1, y: params[2] - 1, release: false)
    case 0x75:  // u: CSI-u key
      event = codepointKey(param(0, 0), modifiers: param(1, 1))
    case 0x7E:  // ~
      switch param(0, 0) {
      case 1, 7: event = .key(.home)
      case 4, 8: event = .key(.end)
      case 3: event = .key(.delete)
      case 5: event = .key(.pageUp)
      case 6: event = .key(.pageDown)
      case 11...15: event = .key(.function(param(0, 0) - 10))
      case 17...21: event = .key(.function(param(0, 0) - 11))
      case 23, 24: event = .key(.function(param(0, 0) - 12))
      case 27: event = codepointKey(param(2, 0), modifiers: param(1, 1))  // modifyOtherKeys
      case 200: event = .pasteStart
      default: event = .ignored  // insert, 201 without a start, …
      }
    default:
      event = .ignored
    }
    return .event(event, consumed: consumed)
  }

  /// A key given by its Unicode code point and xterm modifier parameter (1 + bits: 1 shift,
  /// 2 alt, 4 ctrl). Alt combinations and unknown control combinations are ignored.
  static func codepointKey(_ code: Int, modifiers: Int) -> Event {
    let bits = max(0, modifiers - 1)
    let ctrl = bits & 4 != 0
    let alt = bits & 2 != 0
    if alt { return .ignored }
    switch code {
    case 13: return .key(.enter)
    case 27: return .key(.escape)
    case 9: return bits & 1 != 0 ? .key(.backTab) : .key(.tab)
    case 8, 127: return .key(.backspace)
    case 57414: return .key(.enter)  // kitty: keypad Enter
    default: break
    }
    if ctrl {
      return code == 99 || code == 67 ? .key(.ctrlC) : .ignored
    }
    guard code >= 32, code != 127, code < 0xE000 || code > 0xF8FF,
      let scalar = Unicode.Scalar(UInt32(code))
    else { return .ignored }
    return .key(.char(Character(scalar)))
  }

  /// An xterm mouse button code to an event (press, release, wheel; motion and others
  /// ignored). `x`, `y` are 0-based.
  static func mouse(button: Int, x: Int, y: Int, release: Bool) -> Event {
    guard x >= 0, y >= 0 else { return .ignored }
    if button & 32 != 0 { return .ignored }  // motion
    if button & 64 != 0 {
      switch button & 3 {
      case 0: return .mouse(MouseEvent(.wheelUp, x: x, y: y))
      case 1: return .mouse(MouseEvent(.wheelDown, x: x, y: y))
      default: return .ignored
      }
    }
    if release || button & 3 == 3 { return .mouse(MouseEvent(.release, x: x, y: y)) }
    if button & 3 == 0 { return .mouse(MouseEvent(.press, x: x, y: y)) }
    return .ignored  // middle and right buttons
  }
}

/// Collects a bracketed paste's text until `ESC [ 201 ~`, bounded (`limit` scalars; the rest
/// is dropped, the end marker is still found).
public struct PasteCollector: Sendable {
  public static let defaultLimit = 1 << 20
  private static let end: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]
  public let limit: Int
  private var values: [UInt32] = []
  public private(set) var isFinished = false
  private var held: [UInt32] = []  // a possible start of the end marker
  public private(set) var truncated = false
  private var count = 0

  public init(limit: Int = PasteCollector.defaultLimit) { self.limit = limit }

  /// Feeds one scalar; true once the end marker has been seen.
  @discardableResult
  public mutating func feed(_ c: UInt32) -> Bool {
    guard !isFinished else { return true }
    held.append(c)
    let k = held.count
    if Array(Self.end.prefix(k)) == held {
      if k == Self.end.count {
        isFinished = true
        held = []
      }
      return isFinished
    }
    // Not the marker: the held scalars are text, except a new ESC that may start it.
    var pending = held
    held = []
    if pending.last == 0x1B {
      pending.removeLast()
      held = [0x1B]
    }
    for scalar in pending { keep(scalar) }
    return false
  }

  /// The text so far including anything held back (when the paste is cut short), the fed
  /// values taken as Unicode scalars.
  public mutating func finish() -> String {
    close()
    return String(String.UnicodeScalarView(values.compactMap(Unicode.Scalar.init)))
  }

  /// As `finish`, the fed values taken as UTF-8 bytes (a paste read straight from the
  /// terminal's file descriptor).
  public mutating func finishUTF8() -> String {
    close()
    return String(decoding: values.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)
  }

  private mutating func close() {
    for value in held where value != 0x1B { keep(value) }
    held = []
    isFinished = true
  }

  private mutating func keep(_ c: UInt32) {
    guard count < limit else {
      truncated = true
      return
    }
    values.append(c)
    count += 1
  }
}

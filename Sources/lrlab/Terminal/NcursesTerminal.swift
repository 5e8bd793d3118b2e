import App
import CNcursesw
import Glibc
import TerminalUI

typealias WindowRef = UnsafeMutablePointer<WINDOW>

/// An input event from the terminal.
enum TerminalEvent: Equatable {
  case key(Key)
  case mouse(MouseEvent)
  case paste(String)
  case resize(width: Int, height: Int)
}

/// The ncurses edge: one instance, used only from the main thread (ncurses is not thread-safe,
/// hence not Sendable). Draws only the cells that changed since the last frame.
final class NcursesTerminal {
  private let screen: OpaquePointer
  private let window: WindowRef
  let capabilities: DisplayCapabilities
  private let colors: Int
  private let maxPairs: Int
  private let defaultColors: Bool
  private var pairs: [Int32: Int16] = [:]
  private var previous: Buffer?

  /// Opens the terminal in the order that keeps signals, locale and restore working
  /// (see the research notes): handlers, termios, locale, newterm, crash guard.
  static func start(options: DisplayOptions) throws(TerminalUnavailable) -> NcursesTerminal {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw TerminalUnavailable(
        message: "lrlab: the tutorial needs a terminal (stdin and stdout must be a TTY).\n"
          + "Other commands (schedule, simulate, lessons, progress) work without one.")
    }
    let term = getenv("TERM").map { String(cString: $0) } ?? ""
    guard !term.isEmpty else {
      throw TerminalUnavailable(
        message: "lrlab: TERM is not set; set it (e.g. TERM=xterm-256color).")
    }
    StopSignal.install()
    CrashGuard.saveTerminalMode()
    setlocale(LC_ALL, "")
    let utf8 = CapabilityDetection.localeIsUTF8(
      codeset: String(cString: nl_langinfo(nl_item(CODESET))))
    guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r"),
      let screen = newterm(nil, output, input)
    else {
      throw TerminalUnavailable(
        message: "lrlab: unknown terminal type '\(term)'; set TERM to one your system knows "
          + "(e.g. xterm-256color).")
    }
    set_term(screen)
    guard nc_has_string_capability("cup") != 0, let window = nc_stdscr() else {
      endwin()
      delscreen(screen)
      throw TerminalUnavailable(
        message:
          "lrlab: terminal type '\(term)' cannot move the cursor; use a full-screen terminal.")
    }
    var restore: [UInt8] = []
    for cap in ["rmcup", "cnorm", "sgr0", "rmkx"] {
      restore += Array(String(cString: nc_string_capability(cap)).utf8)
    }
    restore += Array("\u{1B}[?2004l\u{1B}[?1006l\u{1B}[?1000l\u{1B}[?1002l".utf8)
    CrashGuard.arm(restoreSequence: restore)

    cbreak()
    noecho()
    keypad(window, true)
    curs_set(0)
    leaveok(window, true)
    set_escdelay(25)
    mousemask(NC_ALL_MOUSE_EVENTS, nil)
    mouseinterval(0)
    writeControl("\u{1B}[?2004h")  // bracketed paste: a paste arrives as one event

    // COLORS is 0 until start_color(): start colour first, then read what the terminal has.
    let noColor = getenv("NO_COLOR").map { String(cString: $0) }
    var level = DisplayCapabilities.ColorLevel.none
    var defaultColors = false
    if CapabilityDetection.wantsColor(choice: options.color, noColorEnv: noColor), has_colors(),
      start_color() == OK
    {
      level = CapabilityDetection.colorLevel(
        choice: options.color, noColorEnv: noColor, terminalHasColors: has_colors(),
        colors: Int(nc_colors()))
      if level != .none { defaultColors = use_default_colors() == OK }
    }
    let capabilities = DisplayCapabilities(unicode: utf8 && !options.ascii, color: level)
    return NcursesTerminal(
      screen: screen, window: window, capabilities: capabilities, defaultColors: defaultColors)
  }

  private init(
    screen: OpaquePointer, window: WindowRef, capabilities: DisplayCapabilities, defaultColors: Bool
  ) {
    self.screen = screen
    self.window = window
    self.capabilities = capabilities
    self.defaultColors = defaultColors
    self.colors = capabilities.hasColor ? Int(nc_colors()) : 0
    self.maxPairs = capabilities.hasColor ? min(Int(nc_color_pairs()), 32767) : 0
  }

  /// Sends a mode change straight to the terminal (putp would go through C's stdout buffer,
  /// not the stream ncurses writes to, and arrive late or never).
  private static func writeControl(_ sequence: String) {
    let bytes = Array(sequence.utf8)
    _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
  }

  private func writeControl(_ sequence: String) { Self.writeControl(sequence) }

  var size: (width: Int, height: Int) { (Int(getmaxx(window)), Int(getmaxy(window))) }

  /// Leaves curses mode: the terminal is as it was before `start`.
  func stop() {
    writeControl("\u{1B}[?2004l")
    endwin()
    delscreen(screen)
    CrashGuard.disarm()
  }

  /// Forgets what is on screen: the next `present` redraws everything (after a resize).
  func invalidate() { previous = nil }

  /// Draws `buffer`, sending only the runs of cells that changed (TerminalUI's diff) to ncurses,
  /// then one `doupdate`. After a resize (or the first frame) everything is drawn.
  func present(_ buffer: Buffer) {
    let base = previous ?? Buffer(width: 0, height: 0)
    if base.width != buffer.width || base.height != buffer.height { werase(window) }
    for change in buffer.changes(from: base) {
      var x = change.x
      for cell in change.cells {
        draw(cell, x: x, y: change.y, in: buffer)
        x += max(1, Int(cell.width))
      }
    }
    wnoutrefresh(window)
    doupdate()
    previous = buffer
  }

  private func draw(_ cell: Cell, x: Int, y: Int, in buffer: Buffer) {
    guard cell.width != 0 else { return }
    var chars = CellEncoding.scalars(of: cell.grapheme, unicode: capabilities.unicode).map {
      wchar_t(bitPattern: $0)
    }
    chars.append(0)
    var cc = cchar_t()
    let pair = pairNumber(for: cell.style)
    setcchar(&cc, chars, attributes(cell.style.attributes), pair, nil)
    mvwadd_wch(window, Int32(y), Int32(x), &cc)  // ERR at the bottom-right cell is harmless
    if cell.width == 2 && !capabilities.unicode && x + 1 < buffer.width {
      var blank = cchar_t()
      setcchar(&blank, [0x20, 0], attributes(cell.style.attributes), pair, nil)
      mvwadd_wch(window, Int32(y), Int32(x + 1), &blank)
    }
  }

  private func attributes(_ a: TextAttributes) -> attr_t {
    var out = NC_A_NORMAL
    if a.contains(.bold) { out |= NC_A_BOLD }
    if a.contains(.dim) { out |= NC_A_DIM }
    if a.contains(.italic) { out |= NC_A_ITALIC }
    if a.contains(.underline) { out |= NC_A_UNDERLINE }
    if a.contains(.reverse) { out |= NC_A_REVERSE }
    return out
  }

  /// Colour pairs are allocated on first use; when they run out, the default pair is used.
  private func pairNumber(for style: Style) -> Int16 {
    guard capabilities.hasColor else { return 0 }
    let fg = colorNumber(style.foreground, isForeground: true)
    let bg = colorNumber(style.background, isForeground: false)
    if fg == -1 && bg == -1 { return 0 }
    let key = Int32(fg) << 16 | Int32(UInt16(bitPattern: bg))
    if let pair = pairs[key] { return pair }
    let next = pairs.count + 1
    guard next < maxPairs else { return 0 }
    init_pair(Int16(next), fg, bg)
    pairs[key] = Int16(next)
    return Int16(next)
  }

  private func colorNumber(_ color: Color, isForeground: Bool) -> Int16 {
    switch color {
    case .default:
      if defaultColors { return -1 }
      return Int16(isForeground ? COLOR_WHITE : COLOR_BLACK)
    case .ansi(let n): return Int16(colors >= 16 ? n : n % 8)
    case .indexed(let i): return Int16(colors >= 256 ? i : ColorDegrade.ansi8(fromIndexed: i))
    }
  }

  /// Waits up to `timeoutMs` (-1: forever) for one input event; nil on timeout or a signal.
  func read(timeoutMs: Int32) -> TerminalEvent? {
    wtimeout(window, timeoutMs)
    var ch: wint_t = 0
    let result = wget_wch(window, &ch)
    if result == ERR { return nil }
    if result == KEY_CODE_YES {
      switch Int32(ch) {
      case KEY_RESIZE: return .resize(width: size.width, height: size.height)
      case KEY_MOUSE: return readMouse()
      default: return KeyDecoding.key(fromKeyCode: Int32(ch)).map { .key($0) }
      }
    }
    if ch == 27 { return readEscapeSequence() }
    return KeyDecoding.key(fromCharacter: UInt32(ch)).map { .key($0) }
  }

  /// What follows an ESC ncurses did not recognise, decoded by `InputDecoder`: a known key, a
  /// mouse report, a paste — or nothing at all for an unknown sequence (never the Esc key,
  /// unless the ESC came alone).
  private func readEscapeSequence() -> TerminalEvent? {
    var pending: [UInt32] = []
    // What is already waiting belongs to the sequence; then wait briefly for the rest.
    while true {
      var final = true
      if pending.count < 256, let next = rawCharacter(timeoutMs: pending.isEmpty ? 0 : 30) {
        pending.append(next)
        final = false
      }
      switch InputDecoder.decode(pending, final: final) {
      case .needMore:
        if final { return nil }
        continue
      case .event(let event, let consumed):
        // Anything read past the sequence goes back to ncurses, in order.
        for c in pending[min(consumed, pending.count)...].reversed() {
          unget_wch(wchar_t(bitPattern: c))
        }
        switch event {
        case .key(let key): return .key(key)
        case .mouse(let mouse): return .mouse(mouse)
        case .ignored: return nil
        case .pasteStart: return readPaste()
        }
      }
    }
  }

  /// A bracketed paste's text, up to its end marker (or 500 ms of silence). Read straight
  /// from the descriptor in large chunks: ncurses reads one byte per poll + read, which made a
  /// 100 KB paste take seconds. (ncurses holds nothing back here: it returned the start
  /// marker byte by byte because no key sequence matched it.) Bytes after the end marker go
  /// back to ncurses.
  private func readPaste() -> TerminalEvent {
    var collector = PasteCollector()
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var rest: ArraySlice<UInt8> = []
    reading: while true {
      var poller = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
      let ready = poll(&poller, 1, 500)
      if ready < 0 && errno == EINTR {
        if StopSignal.received.load(ordering: .relaxed) != 0 { break }
        continue
      }
      guard ready > 0 else { break }
      let n = chunk.withUnsafeMutableBytes { Glibc.read(STDIN_FILENO, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { break }
      for i in 0..<n where collector.feed(UInt32(chunk[i])) {
        rest = chunk[(i + 1)..<n]
        break reading
      }
    }
    for byte in rest.reversed() { unget_wch(wchar_t(byte)) }
    return .paste(collector.finishUTF8())
  }

  /// The next character, nil on timeout. An ncurses key code is Enter as a newline; inside a
  /// paste other key codes are skipped, outside one they become CAN (0x18), which is part of
  /// no sequence.
  private func rawCharacter(timeoutMs: Int32, pasting: Bool = false) -> UInt32? {
    wtimeout(window, timeoutMs)
    while true {
      var ch: wint_t = 0
      let result = wget_wch(window, &ch)
      if result == ERR { return nil }
      guard result == KEY_CODE_YES else { return UInt32(ch) }
      if Int32(ch) == KEY_ENTER { return 10 }
      if !pasting { return 0x18 }
    }
  }

  private func readMouse() -> TerminalEvent? {
    var event = MEVENT()
    guard getmouse(&event) == OK else { return nil }
    let x = Int(event.x)
    let y = Int(event.y)
    let state = event.bstate
    if state & NC_BUTTON4_PRESSED != 0 { return .mouse(MouseEvent(.wheelUp, x: x, y: y)) }
    if state & NC_BUTTON5_PRESSED != 0 { return .mouse(MouseEvent(.wheelDown, x: x, y: y)) }
    if state & (NC_BUTTON1_PRESSED | NC_BUTTON1_CLICKED) != 0 {
      return .mouse(MouseEvent(.press, x: x, y: y))
    }
    if state & NC_BUTTON1_RELEASED != 0 { return .mouse(MouseEvent(.release, x: x, y: y)) }
    return nil
  }
}

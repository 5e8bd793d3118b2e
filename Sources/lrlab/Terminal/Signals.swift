import Glibc
import Synchronization

/// SIGINT/SIGTERM/SIGHUP set a flag; the frame loop sees it, leaves, and calls `endwin`.
/// Installed before `newterm`, so ncurses leaves these signals alone (it only replaces SIG_DFL).
enum StopSignal {
  static let received = Atomic<Int32>(0)

  static func install() {
    _ = received.load(ordering: .relaxed)  // run the lazy initialiser outside the handler
    for sig in [SIGINT, SIGTERM, SIGHUP] {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { sig in
        StopSignal.received.store(sig, ordering: .relaxed)
      }
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0  // no SA_RESTART: a blocked wget_wch returns at once
      sigaction(sig, &action, nil)
    }
  }

  /// The conventional exit status for a process ended by `sig` (128 + signal number).
  static func exitStatus(for sig: Int32) -> Int32 { 128 + sig }
}

/// Restores the terminal if the process crashes while curses is active, using only
/// async-signal-safe calls (tcsetattr, write), then passes the signal on to the previous handler
/// (the Swift backtracer, or the default action).
enum CrashGuard {
  static let fatalSignals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT]
  nonisolated(unsafe) static var savedTermios: UnsafeMutablePointer<termios>?
  nonisolated(unsafe) static var restoreBytes: UnsafeMutablePointer<UInt8>?
  nonisolated(unsafe) static var restoreCount = 0
  nonisolated(unsafe) static var previous: UnsafeMutablePointer<sigaction>?

  /// Saves the terminal mode before curses changes it.
  static func saveTerminalMode() {
    let t = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    if tcgetattr(STDIN_FILENO, t) == 0 { savedTermios = t } else { t.deallocate() }
  }

  /// Arms the guard with the bytes that undo curses' screen state.
  static func arm(restoreSequence: [UInt8]) {
    let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, restoreSequence.count))
    bytes.initialize(from: restoreSequence, count: restoreSequence.count)
    restoreBytes = bytes
    restoreCount = restoreSequence.count
    let saved = UnsafeMutablePointer<sigaction>.allocate(capacity: fatalSignals.count)
    saved.initialize(repeating: sigaction(), count: fatalSignals.count)
    previous = saved
    for (i, sig) in fatalSignals.enumerated() {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { sig in CrashGuard.handle(sig) }
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      sigaction(sig, &action, saved + i)
    }
  }

  /// Puts the previous handlers back (after a normal `endwin`).
  static func disarm() {
    guard let saved = previous else { return }
    for (i, sig) in fatalSignals.enumerated() { sigaction(sig, saved + i, nil) }
  }

  /// The slot of `sig` in `previous` (a switch: no array or lazy global in the handler).
  private static func index(of sig: Int32) -> Int? {
    switch sig {
    case SIGILL: 0
    case SIGTRAP: 1
    case SIGSEGV: 2
    case SIGBUS: 3
    case SIGFPE: 4
    case SIGABRT: 5
    default: nil
    }
  }

  private static func handle(_ sig: Int32) {
    if let t = savedTermios { tcsetattr(STDIN_FILENO, TCSAFLUSH, t) }
    if let bytes = restoreBytes { _ = write(STDOUT_FILENO, bytes, restoreCount) }
    if let saved = previous, let i = index(of: sig) {
      sigaction(sig, saved + i, nil)
    } else {
      signal(sig, SIG_DFL)
    }
    raise(sig)  // delivered when this handler returns, to the previous handler
  }
}

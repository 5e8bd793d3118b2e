import Glibc
import Synchronization

/// SIGINT/SIGTERM/SIGHUP set a flag; the frame loop sees it, leaves, and calls `endwin`.
/// Installed before `newterm`, so ncurses leaves these signals alone (it only replaces SIG_DFL).
///
/// Signals are never blocked by a busy main thread: the handler also wakes a watchdog thread
/// (`sem_post` is async-signal-safe). If the loop has not finished within `graceSeconds` —
/// the main thread is stuck evaluating a snippet or running a simulation — the watchdog
/// restores the terminal itself (tcsetattr and write only, as the crash guard does) and ends
/// the process with the conventional status, 128 + the signal.
enum StopSignal {
  static let received = Atomic<Int32>(0)
  /// Set by the runtime once the terminal is restored: the watchdog then stands down.
  static let finished = Atomic<Bool>(false)
  static let graceSeconds = 0.5
  nonisolated(unsafe) static var wakeup: UnsafeMutablePointer<sem_t>?

  static func install() {
    _ = received.load(ordering: .relaxed)  // run the lazy initialisers outside the handler
    _ = finished.load(ordering: .relaxed)
    if wakeup == nil {
      let sem = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
      sem_init(sem, 0, 0)
      wakeup = sem
      startWatchdog(sem)
    }
    for sig in [SIGINT, SIGTERM, SIGHUP] {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { sig in
        StopSignal.received.store(sig, ordering: .relaxed)
        if let sem = StopSignal.wakeup { sem_post(sem) }
      }
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0  // no SA_RESTART: a blocked wget_wch returns at once
      sigaction(sig, &action, nil)
    }
  }

  private static func startWatchdog(_ sem: UnsafeMutablePointer<sem_t>) {
    var thread = pthread_t()
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    // The watchdog must not take the stop signals itself (the main thread's wget_wch needs
    // the EINTR): block them in this thread only.
    var blocked = sigset_t()
    var previous = sigset_t()
    sigemptyset(&blocked)
    for sig in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&blocked, sig) }
    pthread_sigmask(SIG_BLOCK, &blocked, &previous)
    pthread_create(
      &thread, &attributes,
      { _ in
        StopSignal.watch()
        return nil
      }, nil)
    pthread_sigmask(SIG_SETMASK, &previous, nil)
    pthread_attr_destroy(&attributes)
  }

  private static func watch() {
    guard let sem = wakeup else { return }
    while sem_wait(sem) != 0 {}
    let deadline = graceSeconds
    var waited = 0.0
    while waited < deadline {
      if finished.load(ordering: .acquiring) { return }
      usleep(10_000)
      waited += 0.01
    }
    if finished.load(ordering: .acquiring) { return }
    let sig = received.load(ordering: .relaxed)
    CrashGuard.restoreTerminal()
    _exit(exitStatus(for: sig == 0 ? SIGTERM : sig))
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

  /// Puts the terminal back as it was (async-signal-safe: tcsetattr and write only).
  static func restoreTerminal() {
    if let t = savedTermios { tcsetattr(STDIN_FILENO, TCSAFLUSH, t) }
    if let bytes = restoreBytes { _ = write(STDOUT_FILENO, bytes, restoreCount) }
  }

  private static func handle(_ sig: Int32) {
    restoreTerminal()
    if let saved = previous, let i = index(of: sig) {
      sigaction(sig, saved + i, nil)
    } else {
      signal(sig, SIG_DFL)
    }
    raise(sig)  // delivered when this handler returns, to the previous handler
  }
}

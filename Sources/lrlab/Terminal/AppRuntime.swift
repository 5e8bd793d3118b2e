import App
import Glibc
import Lessons
import TerminalUI

/// The I/O behind the app's effects.
protocol AppServices {
  /// Persists a progress change; returns a message for the status line if it failed.
  func save(_ event: ProgressEvent) -> String?
  /// Computes a lab card's schedule (on the evaluation worker: it runs lesson code).
  var schedulePreview: @Sendable (Lab) -> Result<SchedulePreviewData, PreviewError> { get }
}

/// The monotonic clock the runtime stamps ticks with.
struct MonotonicClock: TickClock {
  func now() -> Instant {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Instant(nanoseconds: UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec))
  }
}

/// Runs the app in the terminal until it quits or a stop signal arrives; returns the exit status.
///
/// The loop blocks in `wget_wch` with no timeout while nothing animates (no CPU use when idle);
/// while `model.frameInterval` is set it waits only until the next tick.
func runApp(
  _ initial: AppModel, options: DisplayOptions, services: AppServices,
  watcher: LessonWatcher? = nil
)
  throws(TerminalUnavailable)
  -> Int32
{
  let terminal = try NcursesTerminal.start(options: options)
  var model = initial
  model.capabilities = terminal.capabilities
  // Learners' code is read and started on this thread, never on the frame loop's.
  let worker = EvaluationWorker()
  model.evaluatesInBackground = true
  let (w, h) = terminal.size
  model.width = w
  model.height = h
  let clock = MonotonicClock()
  model.now = clock.now()
  _ = update(&model, .resize(width: w, height: h))

  var buffer = Buffer(width: w, height: h)
  var nextTick: Instant?
  var exitStatus: Int32 = 0
  var quit = false
  var dirty = true

  func dispatch(_ first: Msg) {
    var queue = [first]
    while !queue.isEmpty && !quit {
      let msg = queue.removeFirst()
      for effect in update(&model, msg) {
        switch effect {
        case .quit: quit = true
        case .saveProgress(let event):
          if let failure = services.save(event) { queue.append(.progressSaveFailed(failure)) }
        case .previewSchedule(let lab):
          let preview = services.schedulePreview
          worker.submit { .schedulePreviewLoaded(labID: lab.id, preview(lab)) }
        case .lab(.evaluate(let job)):
          worker.submit(job)
        case .lab(let labEffect):
          LabEffectRunner.perform(labEffect) { queue.append($0) }
        }
      }
    }
    dirty = true
  }

  // For the end-to-end test of the crash guard only: a real trap on a key, when asked for.
  let crashKeyEnabled = getenv("LRLAB_TEST_CRASH_KEY").map { String(cString: $0) == "1" } ?? false

  // For the end-to-end test of the signal watchdog only: F11 makes the main thread hang the
  // way a runaway evaluation would.
  let hangKeyEnabled = getenv("LRLAB_TEST_HANG_KEY").map { String(cString: $0) == "1" } ?? false

  func handle(_ event: TerminalEvent) {
    if crashKeyEnabled, event == .key(.function(12)) {
      preconditionFailure("LRLAB_TEST_CRASH_KEY: crashing on purpose to test the terminal restore")
    }
    if hangKeyEnabled, event == .key(.function(11)) {
      while true { usleep(1000) }
    }
    switch event {
    case .key(let key): dispatch(.key(key))
    case .mouse(let mouse): dispatch(.mouse(mouse))
    case .paste(let text): dispatch(.paste(text))
    case .resize(let width, let height):
      terminal.invalidate()
      dispatch(.resize(width: width, height: height))
    }
  }

  while !quit {
    let sig = StopSignal.received.load(ordering: .relaxed)
    if sig != 0 {
      exitStatus = StopSignal.exitStatus(for: sig)
      break
    }
    if dirty {
      view(model, into: &buffer)
      terminal.present(buffer)
      dirty = false
    }
    var timeout: Int32 = -1
    if let interval = model.frameInterval {
      let now = clock.now()
      let due = nextTick ?? now.adding(nanoseconds: interval)
      nextTick = due
      timeout = Int32(min(due.since(now) / 1_000_000, 60_000))
    } else {
      nextTick = nil
    }
    // Background work in flight: wake often enough to show its answer promptly.
    if worker.isBusy {
      timeout = timeout < 0 ? EvaluationWorker.pollMs : min(timeout, EvaluationWorker.pollMs)
    }
    // Watching lesson files: wake on a slow timer to look at their modification times.
    if let watcher { timeout = timeout < 0 ? watcher.intervalMs : min(timeout, watcher.intervalMs) }
    if let event = terminal.read(timeoutMs: timeout) {
      handle(event)
      // Take whatever else is already waiting (key repeat, wheel bursts) before drawing.
      var drained = 0
      while !quit, drained < 64, let more = terminal.read(timeoutMs: 0) {
        handle(more)
        drained += 1
      }
    }
    // A quick answer joins the frame of the key that asked for it (no "checking…" flash).
    if !quit && worker.isBusy { worker.waitForAnswer(upToMs: 25) }
    for answer in worker.takeAnswers() where !quit { dispatch(answer) }
    if !quit, let watcher {
      for lesson in watcher.changedLessons() { dispatch(.lessonReloaded(lesson)) }
    }
    if !quit, let interval = model.frameInterval, let due = nextTick {
      let now = clock.now()
      if now >= due {
        dispatch(.tick(now))
        let following = due.adding(nanoseconds: interval)
        nextTick = following > now ? following : now.adding(nanoseconds: interval)
      }
    }
  }
  terminal.stop()
  StopSignal.finished.store(true, ordering: .releasing)
  return exitStatus
}

import App
import Foundation
import Synchronization

/// One background thread for the work that evaluates code — the Lab's `LabEvaluation`s and the
/// lesson cards' schedule previews — so the frame loop never waits on it: it keeps drawing,
/// reading keys and seeing stop signals while a snippet runs.
///
/// Jobs run in order. A check still waiting is dropped when a newer one arrives (only the
/// latest text matters); other jobs are never dropped. Answers wait in `outbox` until the frame
/// loop takes them; while work is pending the loop polls at `pollMs` (idle: no polling).
final class EvaluationWorker: @unchecked Sendable {
  static let pollMs: Int32 = 15

  private struct Job {
    /// A newer job with this flag replaces a waiting one.
    var supersedable: Bool
    var work: @Sendable () -> Msg
  }

  private struct State {
    var queue: [Job] = []
    var running = false
    var outbox: [Msg] = []
  }
  private let state = Mutex(State())
  private let wake = NSCondition()
  private var pendingSignal = 0
  /// Signalled after each answer (`waitForAnswer`).
  private let answered = NSCondition()

  init() {
    let thread = Thread { [unowned self] in self.loop() }
    thread.name = "lrlab-evaluation"
    thread.start()
  }

  func submit(_ evaluation: LabEvaluation) {
    submit(supersedable: evaluation.kind == .check) { .lab(evaluation.perform()) }
  }

  func submit(supersedable: Bool = false, _ work: @escaping @Sendable () -> Msg) {
    state.withLock { s in
      if supersedable { s.queue.removeAll { $0.supersedable } }
      s.queue.append(Job(supersedable: supersedable, work: work))
    }
    wake.lock()
    pendingSignal += 1
    wake.signal()
    wake.unlock()
  }

  /// Work queued, running, or answered but not yet taken.
  var isBusy: Bool {
    state.withLock { !$0.queue.isEmpty || $0.running || !$0.outbox.isEmpty }
  }

  /// Waits up to `ms` for an answer while work is pending, so that a quick one (a check of a
  /// short snippet takes well under a millisecond) lands in the same frame as the key that
  /// asked for it, and the "checking…" title never flickers past. Slow work shows its title.
  func waitForAnswer(upToMs ms: Int) {
    let deadline = Date(timeIntervalSinceNow: Double(ms) / 1000)
    answered.lock()
    while state.withLock({ $0.outbox.isEmpty && (!$0.queue.isEmpty || $0.running) }) {
      if !answered.wait(until: deadline) { break }
    }
    answered.unlock()
  }

  /// The answers so far, oldest first.
  func takeAnswers() -> [Msg] {
    state.withLock { s in
      defer { s.outbox = [] }
      return s.outbox
    }
  }

  private func loop() {
    while true {
      wake.lock()
      while pendingSignal == 0 { wake.wait() }
      pendingSignal = 0
      wake.unlock()
      while let job = next() {
        let answer = job.work()
        state.withLock { s in
          s.running = false
          s.outbox.append(answer)
        }
        answered.lock()
        answered.broadcast()
        answered.unlock()
      }
    }
  }

  private func next() -> Job? {
    state.withLock { s in
      guard !s.queue.isEmpty else { return nil }
      s.running = true
      return s.queue.removeFirst()
    }
  }
}

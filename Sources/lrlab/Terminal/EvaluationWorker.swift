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

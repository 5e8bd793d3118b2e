import App
import Foundation
import Synchronization

/// One background thread for the Lab's `LabEvaluation`s, so the frame loop never waits on a
/// learner's code: it keeps drawing, reading keys and seeing stop signals while a check runs.
///
/// Jobs run in order. A check still waiting is dropped when a newer one arrives (only the
/// latest text matters); applies are never dropped. Answers wait in `outbox` until the frame
/// loop takes them; while work is pending the loop polls at `pollMs` (idle: no polling).
final class EvaluationWorker: @unchecked Sendable {
  static let pollMs: Int32 = 15

  private struct State {
    var queue: [LabEvaluation] = []
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

  func submit(_ job: LabEvaluation) {
    state.withLock { s in
      if job.kind == .check { s.queue.removeAll { $0.kind == .check } }
      s.queue.append(job)
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
        let answer = job.perform()
        state.withLock { s in
          s.running = false
          s.outbox.append(.lab(answer))
        }
      }
    }
  }

  private func next() -> LabEvaluation? {
    state.withLock { s in
      guard !s.queue.isEmpty else { return nil }
      s.running = true
      return s.queue.removeFirst()
    }
  }
}

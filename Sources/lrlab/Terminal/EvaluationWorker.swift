import App
import Foundation

/// One background thread for the work that evaluates code — the Lab's `LabEvaluation`s and the
/// lesson cards' schedule previews — so the frame loop never waits on it: it keeps drawing,
/// reading keys and seeing stop signals while a snippet runs.
///
/// Jobs run in order. A check still waiting is dropped when a newer one arrives (only the
/// latest text matters); other jobs are never dropped. Answers wait in `outbox` until the frame
/// loop takes them; while work is pending the loop polls at `pollMs` (idle: no polling).
/// One condition guards the state and signals both ways (a job queued, an answer ready).
final class EvaluationWorker: @unchecked Sendable {
  static let pollMs: Int32 = 15

  private struct Job {
    /// A newer job with this flag replaces a waiting one.
    var supersedable: Bool
    var work: @Sendable () -> Msg
  }

  private let condition = NSCondition()
  private var queue: [Job] = []
  private var running = false
  private var outbox: [Msg] = []

  init() {
    let thread = Thread { [unowned self] in self.loop() }
    thread.name = "lrlab-evaluation"
    thread.start()
  }

  func submit(_ evaluation: LabEvaluation) {
    submit(supersedable: evaluation.kind == .check) { .lab(evaluation.perform()) }
  }

  func submit(supersedable: Bool = false, _ work: @escaping @Sendable () -> Msg) {
    locked {
      if supersedable { queue.removeAll { $0.supersedable } }
      queue.append(Job(supersedable: supersedable, work: work))
      condition.broadcast()
    }
  }

  /// Work queued, running, or answered but not yet taken.
  var isBusy: Bool { locked { !queue.isEmpty || running || !outbox.isEmpty } }

  /// Waits up to `ms` for an answer while work is pending, so that a quick one (a check of a
  /// short snippet takes well under a millisecond) lands in the same frame as the key that
  /// asked for it, and the "checking…" title never flickers past. Slow work shows its title.
  func waitForAnswer(upToMs ms: Int) {
    let deadline = Date(timeIntervalSinceNow: Double(ms) / 1000)
    locked {
      while outbox.isEmpty && (!queue.isEmpty || running) {
        if !condition.wait(until: deadline) { break }
      }
    }
  }

  /// The answers so far, oldest first.
  func takeAnswers() -> [Msg] {
    locked {
      defer { outbox = [] }
      return outbox
    }
  }

  private func locked<T>(_ body: () -> T) -> T {
    condition.lock()
    defer { condition.unlock() }
    return body()
  }

  private func loop() {
    while true {
      let job: Job = locked {
        while queue.isEmpty { condition.wait() }
        running = true
        return queue.removeFirst()
      }
      let answer = job.work()
      locked {
        running = false
        outbox.append(answer)
        condition.broadcast()
      }
    }
  }
}

/// Produces a run's records a chunk at a time, so one frame never waits for a whole run.
public protocol LabSimulation: AnyObject {
  /// Runs at most `maxSteps` more optimizer steps, appending their records (and any epoch ends
  /// and events) to `trace`; sets `trace.finished` when the run is over.
  func advance(maxSteps: Int, into trace: inout LabTrace)
  /// The run so far exactly as `lrlab simulate --format csv|json` prints it, when the
  /// simulation can say (nil: the Lab writes the file from its trace).
  func report(json: Bool) -> String?
}

extension LabSimulation {
  public func report(json: Bool) -> String? { nil }
}

/// The run controller: what is computed, what is on screen, and the scrub cursor.
///
/// Play reveals `speed` steps per tick, computing them on demand but never more than
/// `computeBudget` per tick, so instant speed fills the run over a few frames instead of stalling.
/// Restarting replays the trace already computed: the simulation is deterministic.
public struct LabPlayback: Sendable, Equatable {
  /// Steps revealed per tick; 0 means instant (as fast as the compute budget allows).
  public static let speeds: [Int] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 0]

  public var playing = false
  public var speedIndex: Int
  /// Steps on screen (a prefix of the trace).
  public var revealed = 0
  /// The scrubbed step index into the trace; nil follows the newest revealed step.
  public var cursor: Int?
  /// Most steps the simulation may run in one tick.
  public var computeBudget: Int

  public init(speedIndex: Int = 0, computeBudget: Int = 500) {
    self.speedIndex = min(max(speedIndex, 0), Self.speeds.count - 1)
    self.computeBudget = max(1, computeBudget)
  }

  public var speed: Int { Self.speeds[speedIndex] }
  public var isInstant: Bool { speed == 0 }

  /// A speed at which a run of `totalSteps` plays in about `seconds` at `fps`.
  public static func speedIndex(forTotalSteps totalSteps: Int, fps: Int, seconds: Int = 6) -> Int {
    let wanted = Double(totalSteps) / Double(max(fps * seconds, 1))
    return speeds.firstIndex { $0 != 0 && Double($0) >= wanted } ?? speeds.count - 1
  }

  /// The trace index the readout shows.
  public var cursorIndex: Int? {
    if let cursor { return cursor }
    return revealed > 0 ? revealed - 1 : nil
  }
}

/// A run in progress: its trace, the simulation that extends it, and the playback state.
public struct LabRun: @unchecked Sendable, Equatable {
  public private(set) var trace: LabTrace
  public var playback: LabPlayback
  private var simulation: (any LabSimulation)?

  public init(trace: LabTrace, simulation: (any LabSimulation)?, playback: LabPlayback) {
    self.trace = trace
    self.simulation = simulation
    self.playback = playback
  }

  public static func == (a: LabRun, b: LabRun) -> Bool {
    a.trace == b.trace && a.playback == b.playback && a.simulation === b.simulation
  }

  /// Everything revealed and nothing left to compute.
  public var isComplete: Bool { trace.finished && playback.revealed >= trace.steps.count }
  /// Animation ticks are needed only while playing an incomplete run.
  public var wantsTicks: Bool { playback.playing && !isComplete }

  /// Computes until at least `count` steps exist (or the run ends), within `budget` steps.
  private mutating func compute(upTo count: Int, budget: Int) {
    guard let simulation, !trace.finished, trace.steps.count < count else { return }
    let want = min(count - trace.steps.count, budget)
    simulation.advance(maxSteps: want, into: &trace)
  }

  /// One animation frame: reveal the next chunk. Stops playing at the end of the run.
  public mutating func tick() {
    guard playback.playing else { return }
    let target =
      playback.isInstant ? Int.max : playback.revealed + playback.speed
    compute(upTo: target, budget: playback.computeBudget)
    playback.revealed = min(max(target, playback.revealed), trace.steps.count)
    if isComplete { playback.playing = false }
  }

  public mutating func togglePlay() {
    if playback.playing {
      playback.playing = false
      return
    }
    // Play from the end of a finished run replays it from the start.
    if isComplete { playback.revealed = 0 }
    playback.cursor = nil
    playback.playing = true
  }

  public mutating func pause() { playback.playing = false }

  /// Back to step 0 and playing; the computed trace is kept (the run is deterministic).
  public mutating func restart() {
    playback.revealed = 0
    playback.cursor = nil
    playback.playing = true
  }

  /// One speed step up or down; the top speed is instant (bounded by the compute budget).
  public mutating func changeSpeed(by delta: Int) {
    playback.speedIndex = min(max(playback.speedIndex + delta, 0), LabPlayback.speeds.count - 1)
  }

  /// Moves the cursor `delta` steps; past the newest step it computes one more (step once).
  public mutating func scrub(by delta: Int) {
    playback.playing = false
    guard delta != 0 else { return }
    let current = playback.cursorIndex ?? -1
    var next = current + delta
    if next >= playback.revealed {
      compute(upTo: next + 1, budget: max(delta, 1))
      playback.revealed = min(next + 1, trace.steps.count)
      next = min(next, playback.revealed - 1)
    }
    if next < 0 { next = playback.revealed > 0 ? 0 : -1 }
    playback.cursor = next >= 0 ? next : nil
    if playback.cursor == playback.revealed - 1 { playback.cursor = nil }
  }

  /// One optimizer step forward, paused.
  public mutating func stepOnce() {
    playback.cursor = nil
    scrub(by: 1)
  }

  public mutating func scrubToStart() {
    playback.playing = false
    if playback.revealed > 0 { playback.cursor = 0 }
  }

  public mutating func scrubToEnd() {
    playback.playing = false
    playback.cursor = nil
  }

  /// The run as `lrlab simulate` would write it (CSV or JSON).
  public func report(json: Bool) -> String {
    simulation?.report(json: json) ?? (json ? LabExport.runJSON(trace) : LabExport.runCSV(trace))
  }

  /// The step record under the cursor.
  public var cursorRecord: LabStepRecord? {
    playback.cursorIndex.flatMap { $0 < trace.steps.count ? trace.steps[$0] : nil }
  }
}

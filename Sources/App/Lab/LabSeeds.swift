/// "5 seeds" mode: the same setup on the lab's seed and the next four, drawn as the median with
/// a min–max band. The main run is the first seed; the four companions are computed in step
/// with it, a bounded chunk per tick, so the band never stalls a frame.
public struct LabSeedBand: @unchecked Sendable, Equatable {
  public static let count = 5
  /// Most steps each companion computes per tick.
  public static let budgetPerTick = 250

  /// The first seed (the main run's).
  public var firstSeed: Int
  public private(set) var companions: [LabTrace]
  private var simulations: [(any LabSimulation)?]

  public init(firstSeed: Int, starts: [LabStart]) {
    self.firstSeed = firstSeed
    companions = starts.map(\.trace)
    simulations = starts.map { $0.problem == nil ? $0.simulation : nil }
  }

  public static func == (a: LabSeedBand, b: LabSeedBand) -> Bool {
    a.firstSeed == b.firstSeed && a.companions == b.companions
  }

  public var seeds: ClosedRange<Int> { firstSeed...(firstSeed + Self.count - 1) }

  /// Whether a companion still has steps to compute to reach `steps`.
  public func lags(behind steps: Int) -> Bool {
    companions.indices.contains { i in
      simulations[i] != nil && !companions[i].finished && companions[i].steps.count < steps
    }
  }

  /// Brings every companion up to `steps` computed steps, at most `budget` each.
  public mutating func advance(to steps: Int, budget: Int = budgetPerTick) {
    for i in companions.indices {
      guard let simulation = simulations[i], !companions[i].finished else { continue }
      let want = min(steps - companions[i].steps.count, budget)
      guard want > 0 else { continue }
      simulation.advance(maxSteps: want, into: &companions[i])
    }
  }

  /// The five traces, the main run first.
  func traces(main: LabTrace) -> [LabTrace] { [main] + companions }
}

/// Median and extremes across seeds.
enum LabSeedStats {
  struct Point: Equatable {
    var x: Double
    var median: Double
    var low: Double
    var high: Double
  }

  /// Values across runs; a run that has no value here (it stopped early because it diverged)
  /// counts as +inf, NaN as +inf: a diverged seed pulls the band's top off the chart.
  static func point(x: Double, _ values: [Double]) -> Point {
    let sorted = values.map { $0.isNaN ? .infinity : $0 }.sorted()
    let mid = sorted.count / 2
    let median =
      sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    return Point(x: x, median: median, low: sorted.first ?? .nan, high: sorted.last ?? .nan)
  }

  /// Per epoch: the judged loss (validation, else each epoch's last training loss) of every run,
  /// for the epochs the main run has reached by `step`.
  static func epochPoints(_ traces: [LabTrace], upTo step: Int) -> [Point] {
    guard let main = traces.first else { return [] }
    var points: [Point] = []
    for (index, epoch) in main.epochs.enumerated() where epoch.lastStep <= step {
      let values = traces.map { t -> Double in
        guard index < t.epochs.count else { return t.finished ? .infinity : .nan }
        return judged(t, t.epochs[index])
      }
      // A companion not computed this far yet: leave the epoch out rather than guess.
      if values.contains(where: \.isNaN) { break }
      points.append(point(x: Double(epoch.lastStep), values))
    }
    return points
  }

  static func judged(_ trace: LabTrace, _ epoch: LabEpochRecord) -> Double {
    if let v = epoch.valLoss { return v }
    let i = epoch.lastStep - 1
    return trace.steps.indices.contains(i) ? trace.steps[i].trainLoss : .infinity
  }

  /// How many of the runs diverged.
  static func diverged(_ traces: [LabTrace]) -> Int {
    traces.filter { t in t.events.contains { $0.kind == .divergence } }.count
  }
}

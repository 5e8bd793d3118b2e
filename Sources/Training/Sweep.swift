import Dispatch
import Schedulers
import TorchSnippet

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One schedule of a sweep: a snippet in which the swept peak learning rate is the implicit
/// optimizer's lr and the name `peak_lr` (so OneCycleLR can say `max_lr=peak_lr`).
public struct SweepSchedule: Sendable {
  /// The label in tables, legends and JSON ("cosine", "StepLR(step_size=80)", a file name).
  public var name: String
  /// The snippet, without the `peak_lr = …` line the sweep puts in front of it.
  public var snippet: String
  private var generate: (@Sendable (Double) -> String)?

  public init(name: String, snippet: String) {
    self.name = Self.printable(name)
    self.snippet = snippet
  }

  /// Names come from the command line and file names: control characters (escape sequences
  /// included) become "?" so a table or a chart can never drive the terminal.
  static func printable(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.unicodeScalars.map {
          $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
            ? "?" : $0
        }))
  }

  /// A schedule whose code is written for each peak LR (the Lab turns its knobs).
  public init(name: String, source: @escaping @Sendable (Double) -> String) {
    self.name = Self.printable(name)
    snippet = source(1)
    generate = source
  }

  /// The code the sweep runs at `lr`.
  public func source(lr: Double) -> String {
    generate?(lr) ?? "peak_lr = \(lr)\n" + snippet
  }

  /// The presets by name, in this order.
  public static let presetNames = ["constant", "step", "cosine", "onecycle", "warmup-cosine"]

  /// A preset for a run of `epochs` epochs: SGD(momentum 0.9) at the peak LR, and
  /// - constant: the peak throughout;
  /// - step: StepLR ×0.1 every third of the run;
  /// - cosine: CosineAnnealingLR over the run, per epoch;
  /// - onecycle: OneCycleLR(max_lr=peak) per batch;
  /// - warmup-cosine: LinearLR from 1% over the first tenth, then cosine (SequentialLR).
  public static func preset(_ name: String, epochs: Int) -> SweepSchedule? {
    let third = max(1, epochs / 3)
    let warmup = max(1, epochs / 10)
    let rest = max(1, epochs - warmup)
    let snippet: String
    switch name {
    case "constant":
      snippet = "scheduler = ConstantLR(optimizer, factor=1.0, total_iters=0)"
    case "step":
      snippet = "scheduler = StepLR(optimizer, step_size=\(third), gamma=0.1)"
    case "cosine":
      snippet = "scheduler = CosineAnnealingLR(optimizer, T_max=\(epochs))"
    case "onecycle":
      snippet =
        "scheduler = OneCycleLR(optimizer, max_lr=peak_lr, epochs=\(epochs), "
        + "steps_per_epoch=len(train_loader))"
    case "warmup-cosine":
      snippet = """
        warmup = LinearLR(optimizer, start_factor=0.01, total_iters=\(warmup))
        cosine = CosineAnnealingLR(optimizer, T_max=\(rest))
        scheduler = SequentialLR(optimizer, schedulers=[warmup, cosine], milestones=[\(warmup)])
        """
    default: return nil
    }
    return SweepSchedule(name: name, snippet: snippet)
  }

  /// A class with its arguments as typed on the command line: `StepLR(step_size=80)` (the
  /// optimizer argument may be left out), or a whole snippet.
  public static func expression(_ text: String) -> SweepSchedule {
    let trimmed = text.trimmingWhitespace()
    var snippet = trimmed
    if !trimmed.contains("\n"), let open = trimmed.firstIndex(of: "("), trimmed.hasSuffix(")"),
      trimmed[..<open].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." })
    {
      let inside = trimmed[trimmed.index(after: open)...].drop { $0 == " " }
      let needsOptimizer = !inside.hasPrefix("optimizer")
      let name = String(trimmed[..<open])
      let arguments = String(inside.dropLast())
      let separator = arguments.isEmpty ? "" : ", "
      snippet =
        needsOptimizer
        ? "scheduler = \(name)(optimizer\(separator)\(arguments))" : "scheduler = \(trimmed)"
    }
    return SweepSchedule(name: trimmed, snippet: snippet)
  }
}

/// The grid: every schedule × every peak LR × every seed, on one model.
public struct SweepPlan: Sendable {
  public var config: RunConfig
  public var schedules: [SweepSchedule]
  public var lrs: [Double]
  public var seeds: Int
  /// The first seed (seeds are `firstSeed`, `firstSeed + 1`, …).
  public var firstSeed: UInt64

  /// `points` LRs log-spaced from `lrRange.lowerBound` to `lrRange.upperBound` (both included).
  public static func logSpaced(_ range: ClosedRange<Double>, points: Int) -> [Double] {
    guard points > 1 else { return [range.lowerBound] }
    let lo = log10(range.lowerBound)
    let hi = log10(range.upperBound)
    return (0..<points).map { i in
      i == 0
        ? range.lowerBound
        : i == points - 1
          ? range.upperBound : pow(10, lo + (hi - lo) * Double(i) / Double(points - 1))
    }
  }

  /// Checks that every schedule builds and follows the swept LR (a fixed `max_lr=0.1` would
  /// sweep nothing).
  public init(
    config: RunConfig, schedules: [SweepSchedule], lrs: [Double], seeds: Int,
    firstSeed: UInt64 = 0
  ) throws(SweepError) {
    do { try config.validate() } catch { throw .invalid(error.description) }
    guard !schedules.isEmpty else { throw .invalid("give at least one --schedule") }
    guard !lrs.isEmpty, lrs.allSatisfy({ $0 > 0 && $0.isFinite }) else {
      throw .invalid("the learning rates must be positive numbers")
    }
    guard seeds >= 1 && seeds <= 1000 else {
      throw .invalid("--seeds must be between 1 and 1000, got \(seeds)")
    }
    guard schedules.count * lrs.count * seeds <= 100_000 else {
      throw .invalid(
        "the sweep would train \(schedules.count * lrs.count * seeds) runs (limit 100000)")
    }
    self.config = config
    self.schedules = schedules
    self.lrs = lrs
    self.seeds = seeds
    self.firstSeed = firstSeed
    for index in schedules.indices {
      let a = try build(schedule: index, lr: lrs[0])
      let b = try build(schedule: index, lr: lrs[0] * 2)
      if Self.peak(a) == Self.peak(b) {
        throw .schedule(
          schedules[index].name,
          "the schedule ignores the swept learning rate: leave out the optimizer line (or "
            + "write lr=peak_lr) and write max_lr=peak_lr for OneCycleLR/CyclicLR")
      }
    }
  }

  /// The largest LR the schedule reaches in its first steps (OneCycleLR's max_lr, else lr).
  static func peak(_ built: BuiltSchedule) -> Double {
    if let cyclic = built.scheduler as? CyclicLR { return cyclic.maxLRs.first ?? 0 }
    return built.optimizer.groups.first.map { $0.maxLR ?? $0.initialLR ?? $0.lr } ?? 0
  }

  /// Cells, in output order: schedule-major, then LR.
  public var cellCount: Int { schedules.count * lrs.count }
  /// Runs: cell-major, then seed.
  public var runCount: Int { cellCount * seeds }

  public func cell(ofRun run: Int) -> (schedule: Int, lr: Int, seed: Int) {
    let cell = run / seeds
    return (cell / lrs.count, cell % lrs.count, run % seeds)
  }

  /// The snippet of `schedule` at `lr`, as the sweep runs it.
  public func source(schedule: Int, lr: Double) -> String {
    schedules[schedule].source(lr: lr)
  }

  func build(schedule: Int, lr: Double) throws(SweepError) -> BuiltSchedule {
    let context = SnippetContext(
      trainLoaderLength: config.batchesPerEpoch, numEpochs: config.epochs, defaultLR: lr)
    do {
      return try SnippetProgram.parse(source(schedule: schedule, lr: lr)).build(context)
    } catch {
      throw .schedule(schedules[schedule].name, error.rendered())
    }
  }

  /// The run behind one point of the grid, ready to train (the Lab opens it).
  public func makeRun(schedule: Int, lr: Int, seed: Int) throws(SweepError) -> TrainingRun {
    var config = self.config
    config.seed = firstSeed &+ UInt64(seed)
    let built = try build(schedule: schedule, lr: lrs[lr])
    do {
      return try TrainingRun(config: config, built: built)
    } catch {
      throw .schedule(schedules[schedule].name, error.description)
    }
  }

  /// Trains run `index` (see `cell(ofRun:)`) to the end. Pure and deterministic: the result
  /// depends only on the plan and the index, whichever thread runs it.
  public func run(_ index: Int) -> SweepRunResult {
    let (s, l, seed) = cell(ofRun: index)
    let run: TrainingRun
    do {
      run = try makeRun(schedule: s, lr: l, seed: seed)
    } catch {
      return SweepRunResult(finalValidationLoss: nil, bestValidationLoss: nil, diverged: true)
    }
    run.runToEnd()
    if run.diverged || run.failure != nil {
      return SweepRunResult(finalValidationLoss: nil, bestValidationLoss: nil, diverged: true)
    }
    let losses = run.history.epochs.map(\.validationLoss)
    return SweepRunResult(
      finalValidationLoss: losses.last, bestValidationLoss: losses.min(), diverged: false)
  }
}

public enum SweepError: Error, Equatable, Sendable, CustomStringConvertible {
  case invalid(String)
  /// A schedule that does not parse or build: its name and the message.
  case schedule(String, String)

  public var description: String {
    switch self {
    case .invalid(let message): return message
    case .schedule(let name, let message): return "schedule '\(name)': \(message)"
    }
  }
}

/// One trained run of the grid.
public struct SweepRunResult: Sendable, Equatable {
  public var finalValidationLoss: Double?
  public var bestValidationLoss: Double?
  /// Diverged, or PyTorch would have raised.
  public var diverged: Bool

  public init(finalValidationLoss: Double?, bestValidationLoss: Double?, diverged: Bool) {
    self.finalValidationLoss = finalValidationLoss
    self.bestValidationLoss = bestValidationLoss
    self.diverged = diverged
  }
}

/// Median, min and max over the seeds that did not diverge.
public struct SweepStatistic: Sendable, Equatable {
  public var median: Double
  public var min: Double
  public var max: Double

  /// nil for no values. The median of an even count is the mean of the middle two.
  public init?(_ values: [Double]) {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let n = sorted.count
    median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    min = sorted[0]
    max = sorted[n - 1]
  }
}

/// One (schedule, LR) cell: statistics over its seeds.
public struct SweepCell: Sendable, Equatable {
  public var schedule: String
  public var scheduleIndex: Int
  public var lrIndex: Int
  public var lr: Double
  public var finalValidationLoss: SweepStatistic?
  public var bestValidationLoss: SweepStatistic?
  /// Seeds that diverged.
  public var diverged: Int
  /// Seeds trained so far (a sweep filling in has cells with fewer than `seeds`).
  public var completed: Int

  public init(
    schedule: String, scheduleIndex: Int, lrIndex: Int, lr: Double, runs: [SweepRunResult]
  ) {
    self.schedule = schedule
    self.scheduleIndex = scheduleIndex
    self.lrIndex = lrIndex
    self.lr = lr
    finalValidationLoss = SweepStatistic(runs.compactMap(\.finalValidationLoss))
    bestValidationLoss = SweepStatistic(runs.compactMap(\.bestValidationLoss))
    diverged = runs.filter(\.diverged).count
    completed = runs.count
  }
}

/// The sweep's outcome: one cell per schedule × LR, in plan order.
public struct SweepResult: Sendable, Equatable {
  public var model: ModelKind
  public var epochs: Int
  public var seeds: Int
  public var scheduleNames: [String]
  public var lrs: [Double]
  public var cells: [SweepCell]

  /// Aggregates `runs` (indexed as the plan's runs; nil = not trained yet).
  public init(plan: SweepPlan, runs: [SweepRunResult?]) {
    model = plan.config.model
    epochs = plan.config.epochs
    seeds = plan.seeds
    scheduleNames = plan.schedules.map(\.name)
    lrs = plan.lrs
    cells = (0..<plan.cellCount).map { cell in
      let s = cell / plan.lrs.count
      let l = cell % plan.lrs.count
      let results = (0..<plan.seeds).compactMap { runs[cell * plan.seeds + $0] }
      return SweepCell(
        schedule: plan.schedules[s].name, scheduleIndex: s, lrIndex: l, lr: plan.lrs[l],
        runs: results)
    }
  }

  public func cells(ofSchedule index: Int) -> [SweepCell] {
    cells.filter { $0.scheduleIndex == index }
  }

  /// The cell with the lowest median final validation loss of a schedule, among the cells
  /// where no seed diverged (else among any with a loss): an LR at which 4 seeds of 5 blow
  /// up is not the best one.
  public func best(ofSchedule index: Int) -> SweepCell? {
    let trained = cells(ofSchedule: index).filter { $0.finalValidationLoss != nil }
    let stable = trained.filter { $0.diverged == 0 }
    return (stable.isEmpty ? trained : stable).min {
      $0.finalValidationLoss!.median < $1.finalValidationLoss!.median
    }
  }

  /// How wide the band of good learning rates is: the LRs whose median final validation loss
  /// is within `tolerance` (0.1 = 10 %) of the schedule's best, as the span in decades from
  /// the lowest to the highest such LR (0 when only the best qualifies), and the count of LRs.
  public func band(ofSchedule index: Int, tolerance: Double = 0.1) -> (
    decades: Double, points: Int, lo: Double, hi: Double
  )? {
    guard let best = best(ofSchedule: index)?.finalValidationLoss?.median else { return nil }
    let good = cells(ofSchedule: index).filter {
      guard let m = $0.finalValidationLoss?.median, $0.diverged == 0 else { return false }
      return m <= best * (1 + tolerance)
    }
    guard let lo = good.map(\.lr).min(), let hi = good.map(\.lr).max() else { return nil }
    return (log10(hi / lo), good.count, lo, hi)
  }
}

extension SweepPlan {
  /// Trains every run on `threads` threads (0 = one per core). Results do not depend on the
  /// thread count: each run is independent and stored at its index. `progress` is called
  /// (from worker threads) with the number of runs finished.
  public func runAll(threads: Int = 0, progress: (@Sendable (Int) -> Void)? = nil)
    -> SweepResult
  {
    let total = runCount
    let workers = max(1, min(threads > 0 ? threads : Self.coreCount, total))
    let slots = SweepSlots(count: total)
    let plan = self
    // Each worker takes the next untrained run until none is left.
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while let index = slots.claim() {
        let result = plan.run(index)
        let done = slots.store(result, at: index)
        progress?(done)
      }
    }
    return SweepResult(plan: self, runs: slots.results())
  }

  /// Online cores.
  public static var coreCount: Int {
    max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  }
}

/// The shared work queue and result slots of `runAll`, behind one lock.
private final class SweepSlots: @unchecked Sendable {
  private let lock = DispatchSemaphore(value: 1)
  private var next = 0
  private var finished = 0
  private var storage: [SweepRunResult?]

  init(count: Int) { storage = Array(repeating: nil, count: count) }

  func claim() -> Int? {
    lock.wait()
    defer { lock.signal() }
    guard next < storage.count else { return nil }
    next += 1
    return next - 1
  }

  func store(_ result: SweepRunResult, at index: Int) -> Int {
    lock.wait()
    defer { lock.signal() }
    storage[index] = result
    finished += 1
    return finished
  }

  func results() -> [SweepRunResult?] {
    lock.wait()
    defer { lock.signal() }
    return storage
  }
}

extension String {
  func trimmingWhitespace() -> String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else {
      return ""
    }
    let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
    return String(scalars[first...last])
  }
}

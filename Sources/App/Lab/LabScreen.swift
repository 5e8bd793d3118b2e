// The Lab screen's hook into the app: state, and the members the app core relies on.
// See Sources/App/Architecture.swift for how messages, ticks and effects route.
import Lessons
import TerminalUI

/// Everything the Lab screen knows. Lives in `AppModel.stack` as `Screen.lab(LabState)`.
public struct LabState: Sendable, Equatable {
  /// The lesson lab it was opened from (Enter on a lab card), or nil (Home, `lrlab lab`).
  public var lab: Lab?
  public var engine: LabEngine
  /// The setup it opened with (`0` returns to it).
  public var origin: LabConfig
  public var originCode: String
  public var config: LabConfig
  /// The code the run uses and the code panel shows: as typed, or generated from the knobs.
  public var code: String
  public var run: LabRun
  public var facts: LabCheckpoints.RunFacts
  public var needsMetric = false
  /// Why the current setup could not run.
  public var problem: LabProblem?
  /// Non-nil while the code is being edited as text.
  public var editor: LabCodeEditor?
  /// The code panel shows the model's PyTorch definition (read-only) instead of the snippet.
  public var showsModel = false
  public var ghosts: [LabGhost] = []
  public var selectedKnob = 0
  /// The LR chart's y axis: log10 (default) or linear.
  public var logLR = true
  /// What to notice (a mistake preset), shown under the charts.
  public var notice: String?
  /// A one-off message (export written, knob locked, …).
  public var message: String?
  public var fps: Int
  /// Checkpoint tokens already reported in this session.
  public var earned: Set<String> = []
  /// Whether the current run's finish was reported (`ProgressEvent.labRunFinished`, once a run).
  public var runReported = false
  /// The speed the learner picked (else one that plays the run in a few seconds).
  public var chosenSpeed: Int?
  public var rangeTest: LabRangeTestState?
  /// What the running code set up (the knob panel shows it for typed code).
  public var running: LabRunningSetup?
  /// "5 seeds" mode: the companions of the main run (nil: one seed).
  public var seedBand: LabSeedBand?
  public var fiveSeeds = false
  /// The run's length was given (lab option, `--epochs`, the epochs knob): typed code no
  /// longer resizes it to its schedule's natural length.
  public var epochsFixed = false
  /// Which panel the compact layout (small terminals) shows beside the charts.
  public var tab: LabTab = .run
  /// The ghosts were loaded from the lesson's shelf (see `AppModel.syncLabShelf`).
  public var shelfAttached = false
  /// Sweep mode (`w`, see Sweep/LabSweep.swift).
  public var sweep: LabSweepState?
  /// Counts requests for background work (`LabEvaluation`); only the latest answer is used.
  public var evaluationGeneration = 0
  /// The generation of the background `open` while a lesson's lab is being read and started
  /// (q, Esc, ? and Ctrl-C act at once; other input waits in `heldInput`).
  public var opening: Int?
  /// A run being prepared in the background by `startRun` (and whether it plays when ready).
  public var pendingStart: PendingStart?
  public struct PendingStart: Sendable, Equatable {
    public var generation: Int
    public var playing: Bool
  }
  /// `P` / `S` files being prepared in the background, by generation.
  public var pendingExports: Set<Int> = []
  /// Whether the runtime evaluates in the background (from the latest `LabContext`).
  public var evaluatesInBackground = false
  /// Effects asked for by code that returns none (`startRun`), handed out by `update`.
  var outbox: [Effect] = []
  /// Keys, clicks and pastes that came while a run was being prepared in the background
  /// (opening, applying an edit, `startRun`): replayed to the Lab, in order, once it is ready.
  public var heldInput: [Msg] = []
  static let maxHeldInput = 256

  /// The longest run the Lab plays (its history holds every step).
  public static let maxSteps = 1_000_000

  /// The lab of a lesson, or the default lab (OneCycleLR on `sine`) when `lab` is nil.
  public init(lab: Lab?) {
    self.init(lab: lab, engine: .standard)
  }

  public init(lab: Lab?, engine: LabEngine, fps: Int = 30) {
    var config = LabConfig()
    let code: String
    if let lab {
      (config, code) = Self.setup(of: lab, engine: engine)
    } else {
      config.select(.oneCycleLR, stepsPerEpoch: engine.batchesPerEpoch(config))
      code = LabCodeGen.code(for: config)
    }
    self.init(lab: lab, config: config, code: code, engine: engine, fps: fps)
    epochsFixed = lab?.options["epochs"] != nil
  }

  /// The setup a lesson's lab opens with: its options applied, its code recognised as knobs
  /// where it fits (the one reading of a lab block; `LabVerifier` runs the same).
  static func setup(of lab: Lab, engine: LabEngine) -> (LabConfig, String) {
    var config = LabConfig()
    config.apply(options: lab.options)
    if lab.options["epochs"] == nil, let epochs = engine.naturalEpochs(config, lab.code) {
      config.epochs = epochs
    }
    return (LabDoctor.stepping(engine.recognize(lab.code, config), code: lab.code), lab.code)
  }

  /// A lesson's lab whose block is read and started in the background: the state to show
  /// meanwhile, and the work to hand to the runtime (its answer is `LabMsg.prepared`).
  /// `session` numbers this Lab among those opened (`AppModel.labSessions`): its generations
  /// start at `session << 32`, so an answer meant for a Lab that was left never fits another.
  public static func opening(
    _ lab: Lab, session: Int, engine: LabEngine = .standard, fps: Int = 30
  ) -> (LabState, LabEvaluation) {
    var config = LabConfig()
    config.apply(options: lab.options)
    var state = LabState(
      lab: lab, config: config, code: lab.code, engine: engine, fps: fps, startsRun: false)
    state.epochsFixed = lab.options["epochs"] != nil
    state.evaluationGeneration = session << 32 + 1
    state.opening = state.evaluationGeneration
    state.message = "Starting the lab…"
    let job = LabEvaluation(
      generation: state.evaluationGeneration, kind: .open(lab), code: lab.code, config: config,
      engine: engine, epochsFixed: state.epochsFixed, fiveSeeds: false)
    return (state, job)
  }

  /// A lab on explicit code and options (`lrlab lab SNIPPET --model …`).
  public init(
    lab: Lab?, config: LabConfig, code: String, engine: LabEngine, fps: Int = 30,
    startsRun: Bool = true
  ) {
    self.lab = lab
    self.engine = engine
    self.origin = config
    self.originCode = code
    self.config = config
    self.code = code
    self.fps = max(1, min(fps, 240))
    self.facts = LabCheckpoints.RunFacts(classNames: [])
    self.run = LabRun(
      trace: LabTrace(groupNames: ["0"], stepsPerEpoch: 1, plannedSteps: 0), simulation: nil,
      playback: LabPlayback())
    // A whole script's doctor findings sit beside its code: small terminals open on that tab.
    if LabDoctor.annotations(
      for: code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    ).isActive {
      tab = .code
    }
    if startsRun { startRun(playing: false) }
  }

  /// Nanoseconds between ticks while animating; nil when idle (paused, finished): no ticks.
  public var frameInterval: UInt64? {
    let band = seedBand?.lags(behind: run.playback.revealed) ?? false
    return run.wantsTicks || band || (rangeTest?.wantsTicks ?? false)
      || (sweep?.wantsTicks ?? false)
      ? 1_000_000_000 / UInt64(fps) : nil
  }

  /// The seed the main run uses.
  public var seed: Int { config.seed ?? engine.defaultSeed(config.model) }

  /// Sizes typed code's run to its schedule (`lrlab schedule`'s natural length), unless the
  /// length was given.
  mutating func sizeToSchedule() {
    config = Self.sized(config, code: code, engine: engine, epochsFixed: epochsFixed)
  }

  /// `config` sized to `code`'s schedule, unless the length was given (`epochsFixed`).
  static func sized(_ config: LabConfig, code: String, engine: LabEngine, epochsFixed: Bool)
    -> LabConfig
  {
    guard !epochsFixed, let epochs = engine.naturalEpochs(config, code), epochs != config.epochs
    else { return config }
    var c = config
    c.epochs = epochs
    return engine.recognize(code, c)
  }

  /// The title bar's text for this screen.
  public var title: String {
    let name = lab?.title ?? "Lab"
    if sweep != nil { return name + " · LR sweep" }
    return rangeTest == nil ? name : name + " · LR range test"
  }

  /// Starts the current setup from step 0 (paused, or playing). Any answer still on its way
  /// from the background (an edit being applied) is now stale.
  mutating func startRun(playing: Bool) {
    evaluationGeneration += 1
    if evaluatesInBackground {
      // The setup may be the learner's code: the worker runs it; the old run stays on screen,
      // paused, until the new one is ready (keys wait, see `heldInput`).
      run.pause()
      pendingStart = PendingStart(generation: evaluationGeneration, playing: playing)
      outbox.append(
        .lab(
          .evaluate(
            LabEvaluation(
              generation: evaluationGeneration, kind: .start, code: code, config: config,
              engine: engine, epochsFixed: epochsFixed, fiveSeeds: fiveSeeds))))
      return
    }
    install(
      LabPreparedRun.prepare(config: config, code: code, engine: engine, fiveSeeds: fiveSeeds),
      playing: playing)
  }

  /// Makes a prepared run the current one, from step 0.
  mutating func install(_ prepared: LabPreparedRun, playing: Bool) {
    config = prepared.config
    code = prepared.code
    let start = prepared.start
    let planned = max(start.trace.plannedSteps, 1)
    let speed = chosenSpeed ?? LabPlayback.speedIndex(forTotalSteps: planned, fps: fps)
    run = LabRun(
      trace: start.trace, simulation: start.simulation,
      playback: LabPlayback(speedIndex: speed))
    facts = start.facts
    runReported = false
    running = start.running
    seedBand = prepared.companions.map { LabSeedBand(firstSeed: seed, starts: $0) }
    // Any run started from a lesson's lab block counts as doing that practice task.
    facts.labID = lab?.id
    needsMetric = start.needsMetric
    problem = start.problem
    if playing && start.problem == nil { run.togglePlay() }
  }

  /// Runs `config` to its end at once (for the correct version of a mistake preset).
  func completeTrace(of config: LabConfig) -> LabTrace? {
    let start = engine.start(config, LabCodeGen.code(for: config))
    guard start.problem == nil, let simulation = start.simulation else { return nil }
    var trace = start.trace
    var guardSteps = 0
    while !trace.finished && guardSteps < 1_000_000 {
      let before = trace.steps.count
      simulation.advance(maxSteps: 5000, into: &trace)
      guardSteps += 5000
      if trace.steps.count == before && !trace.finished { break }
    }
    return trace
  }
}

/// Results delivered back to the Lab by the runtime.
public enum LabMsg: Sendable, Equatable {
  /// An export was written (the path as written).
  case fileWritten(path: String)
  case fileFailed(path: String, message: String)
  /// A background check of the editor's text (`LabEvaluation.check`) answered.
  case checked(generation: Int, problem: LabProblem?)
  /// A background apply, open or start (`LabEvaluation`) has its run ready.
  case prepared(generation: Int, LabPreparedRun)
  /// A background export (`P`, `S`) has its contents, or the reason it has none.
  case exportReady(generation: Int, LabEvaluation.Export, Result<String, LabProblem>)
}

/// Work the Lab asks the runtime to do (see `LabEffectRunner` in Sources/lrlab/Terminal).
public enum LabEffect: Sendable, Equatable {
  /// Write `contents` to `path` (relative: the current directory), replacing it; answer with
  /// `LabMsg.fileWritten` or `LabMsg.fileFailed`.
  case writeFile(path: String, contents: String)
  /// Write `contents` to a new file in the current directory named
  /// `<stem>-<local time YYYYMMDD-HHMMSS>.<fileExtension>` (with `-2`, `-3`, … when that
  /// exists: never overwrites); answer with the absolute path in `LabMsg.fileWritten`.
  case export(stem: String, fileExtension: String, contents: String)
  /// Run `LabEvaluation.perform()` off the UI thread and send its answer back as `Msg.lab`.
  /// A check still waiting in line may be dropped for a newer one; an apply never is.
  case evaluate(LabEvaluation)
}

extension LabConfig {
  /// Applies a lab block's options (`model=sine epochs=30 step-every=epoch …`). Unknown keys and
  /// bad values are ignored here: the lesson linter reports them.
  public mutating func apply(options: [String: String]) {
    if let v = options["model"], let m = Model(rawValue: v) { model = m }
    if let v = options["epochs"], let n = Int(v), n > 0 { epochs = n }
    if let v = options["batch-size"], let n = Int(v), n > 0 { batchSize = n }
    if let v = options["seed"], let n = Int(v), n >= 0 { seed = n }
    if let v = options["step-every"], let s = StepEvery(rawValue: v) { stepEvery = s }
    if let v = options["mistake"], let m = Mistake(rawValue: v) { mistake = m }
    if let v = options["metric"], let m = Metric(rawValue: v) { metric = m }
  }
}

import Lessons

/// Reading and starting a learner's code, as work a background thread can do.
///
/// A snippet within the work budget may still take about a second to evaluate, and applying it
/// evaluates it several times (recognise, size, start, four seed companions). The runtime runs
/// these off the UI thread (`AppModel.evaluatesInBackground`) and sends the answer back as a
/// `LabMsg`; without a runtime (tests, `lessons test`) the same work runs inline. Either way one
/// function computes it: `perform()`.
public struct LabEvaluation: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// Read the editor's text: the error at its position, or none.
    case check
    /// Apply the editor's text: recognise it as knobs, size the run, start it.
    case apply
    /// Open a lesson's lab: read its block (`LabState.setup(of:)`) and start it, paused.
    case open(Lab)
    /// Start the setup as it stands (a knob, `b`, `0`, a preset…): `LabState.startRun`.
    case start
    /// A file whose contents come from evaluating the code (`P`, `S`).
    case export(Export)
  }

  public enum Export: Sendable, Equatable {
    case pytorchScript
    /// The schedule as CSV; `metrics` feed ReduceLROnPlateau.
    case scheduleCSV(metrics: [Double])
  }

  /// The contents of an evaluated export.
  static func exportContents(
    _ export: Export, _ config: LabConfig, _ code: String, _ engine: LabEngine
  ) -> Result<String, LabProblem> {
    switch export {
    case .pytorchScript: engine.pytorchScript(config, code)
    case .scheduleCSV(let metrics): engine.scheduleCSV(config, code, metrics)
    }
  }

  /// Answers carry it; the Lab drops an answer whose generation is not the one it waits for.
  public var generation: Int
  public var kind: Kind
  public var code: String
  public var config: LabConfig
  public var engine: LabEngine
  public var epochsFixed: Bool
  public var fiveSeeds: Bool

  /// The answer (pure; any thread).
  public func perform() -> LabMsg {
    switch kind {
    case .check:
      return .checked(generation: generation, problem: engine.check(code, config))
    case .open(let lab):
      let (c, code) = LabState.setup(of: lab, engine: engine)
      return .prepared(
        generation: generation,
        LabPreparedRun.prepare(config: c, code: code, engine: engine, fiveSeeds: false))
    case .start:
      return .prepared(
        generation: generation,
        LabPreparedRun.prepare(config: config, code: code, engine: engine, fiveSeeds: fiveSeeds))
    case .export(let export):
      return .exportReady(
        generation: generation, export, Self.exportContents(export, config, code, engine))
    case .apply:
      var c = LabDoctor.stepping(engine.recognize(code, config), code: code)
      c = LabState.sized(c, code: code, engine: engine, epochsFixed: epochsFixed)
      return .prepared(
        generation: generation,
        LabPreparedRun.prepare(config: c, code: code, engine: engine, fiveSeeds: fiveSeeds))
    }
  }
}

/// A run computed ahead of installing it: the setup, the main start and its seed companions.
/// Compared by identity (it holds simulations).
public final class LabPreparedRun: @unchecked Sendable, Equatable {
  public let config: LabConfig
  public let code: String
  public let start: LabStart
  /// The four companions of "5 seeds" mode (nil: one seed, or the code does not run).
  public let companions: [LabStart]?

  init(config: LabConfig, code: String, start: LabStart, companions: [LabStart]?) {
    self.config = config
    self.code = code
    self.start = start
    self.companions = companions
  }

  public static func == (a: LabPreparedRun, b: LabPreparedRun) -> Bool { a === b }

  /// Starts `code` on `config`: the one place a Lab run is built.
  static func prepare(config: LabConfig, code: String, engine: LabEngine, fiveSeeds: Bool)
    -> LabPreparedRun
  {
    let start = engine.start(config, code)
    var companions: [LabStart]?
    if fiveSeeds && start.problem == nil {
      let first = config.seed ?? engine.defaultSeed(config.model)
      companions = (1..<LabSeedBand.count).map { k in
        var c = config
        c.seed = first + k
        return engine.start(c, code)
      }
    }
    return LabPreparedRun(config: config, code: code, start: start, companions: companions)
  }
}

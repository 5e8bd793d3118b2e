import Lessons
import Training

/// A lesson's lab run headlessly, exactly as the Lab runs it: the same option reading
/// (`LabConfig.apply`), code recognition, validation and simulator (`LabState`'s start), only
/// pulled to the end at once. `lrlab lessons test` and `lessons check` use it.
public enum LabVerifier {
  /// Why the Lab would refuse to run `lab` (bad options for its model, a mistake that does not
  /// fit its scheduler, a snippet PyTorch would reject…), or nil when it runs.
  public static func problem(_ lab: Lab) -> LabProblem? {
    let (config, code) = LabState.setup(of: lab, engine: .standard)
    return LabEngine.standard.start(config, code).problem
  }

  /// The lab on `seed`, run to its end.
  public static func run(_ lab: Lab, seed: Int) -> Result<LabRunOutcome, LessonTest.LabRunError> {
    var seeded = lab
    seeded.options["seed"] = String(seed)
    let (config, code) = LabState.setup(of: seeded, engine: .standard)
    let start = LabEngine.standard.start(config, code)
    if let problem = start.problem { return .failure(.init(problem.message)) }
    guard let simulation = start.simulation as? TrainingSimulation else {
      return .failure(.init("the Lab has no simulation for this lab"))
    }
    let run = simulation.run
    run.runToEnd()
    return .success(outcome(run))
  }

  static func outcome(_ run: TrainingRun) -> LabRunOutcome {
    let history = run.history
    let groups = history.groupCount
    let lrs = (0..<groups).map { g in
      stride(from: g, to: history.lr.count, by: groups).map { history.lr[$0] }
    }
    let summary = run.summary
    var floor: Double?
    if run.config.model == .quadratic, let last = lrs.first?.last {
      floor = NoisyQuadraticTheory.noiseFloor(
        lr: last, batchSize: run.config.batchSize, dimension: run.config.dimension,
        noise: run.config.noise)
    }
    return LabRunOutcome(
      model: run.config.model.rawValue, stepsPerEpoch: run.batchesPerEpoch,
      plannedSteps: run.config.totalSteps, lrs: lrs, trainLoss: history.trainLoss,
      epochs: history.epochs.map {
        LabRunOutcome.Epoch(
          epoch: $0.epoch, lastStep: $0.lastStep, trainLoss: $0.trainLoss,
          validationLoss: $0.validationLoss, taskALoss: $0.taskALoss)
      },
      divergedAtStep: summary.divergedAtStep, finalTrainLoss: summary.finalTrainLoss,
      bestTrainLoss: summary.bestTrainLoss, finalValidationLoss: summary.finalValidationLoss,
      bestValidationLoss: summary.bestValidationLoss,
      bestValidationEpoch: summary.bestValidationEpoch, finalTaskALoss: summary.finalTaskALoss,
      noiseFloor: floor, failure: summary.failure)
  }
}

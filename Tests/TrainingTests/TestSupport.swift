import Schedulers
import TorchSnippet
import XCTest

@testable import Training

/// A snippet's optimizer and scheduler, bound to `config`'s loader length and epochs.
func buildSnippet(_ source: String, _ config: RunConfig) throws -> BuiltSchedule {
  try SnippetProgram.parse(source).build(
    SnippetContext(trainLoaderLength: config.batchesPerEpoch, numEpochs: config.epochs))
}

/// Runs `source` to the end on `config`.
func train(_ source: String, _ config: RunConfig) throws -> TrainingRun {
  let run = try TrainingRun(config: config, built: try buildSnippet(source, config))
  run.runToEnd()
  return run
}

/// A constant-lr run (no scheduler).
func trainConstant(_ optimizer: OptimizerState, _ config: RunConfig) throws -> TrainingRun {
  let run = try TrainingRun(config: config, optimizer: optimizer, scheduler: nil)
  run.runToEnd()
  return run
}

func sgd(_ lr: Double, momentum: Double = 0.9) -> OptimizerState {
  var group = ParamGroup(lr: lr)
  group.momentum = momentum
  return OptimizerState(kind: .sgd, groups: [group])
}

func adam(_ lr: Double) -> OptimizerState {
  OptimizerState(kind: .adam, groups: [ParamGroup(lr: lr)])
}

extension TrainingRun {
  var finalValidation: Double { history.epochs.last?.validationLoss ?? .nan }
  func lrOfStep(_ step: Int, group: Int = 0) -> Double {
    history.lr[step * history.groupCount + group]
  }
  func events(_ kind: TrainingEvent.Kind) -> [TrainingEvent] {
    history.events.filter { $0.kind == kind }
  }
}

extension TrainingRun {
  /// The run so far at a glance.
  public var summary: RunSummary {
    let epochs = history.epochs
    let finiteValidation = epochs.filter { $0.validationLoss.isFinite }
    let best = finiteValidation.min { $0.validationLoss < $1.validationLoss }
    let target = epochs.first { $0.validationLoss <= config.targetLoss }
    let divergence = history.events.first { $0.kind == .diverged }
    return RunSummary(
      stepsTaken: history.stepCount,
      epochsCompleted: finiteValidation.count,
      finalTrainLoss: history.lastTrainLoss,
      bestTrainLoss: history.bestFiniteTrainLoss,
      finalValidationLoss: epochs.last?.validationLoss,
      bestValidationLoss: best?.validationLoss,
      bestValidationEpoch: best?.epoch,
      finalTaskALoss: epochs.last?.taskALoss,
      stepsToTarget: target.map { $0.lastStep + 1 },
      diverged: diverged,
      divergedAtStep: divergence?.step,
      failure: failure?.description)
  }
}

extension LabEngine {
  /// The engine `lrlab` uses: TorchSnippet reads the code, Training runs it.
  public static let standard = LabEngine(
    name: "standard",
    start: { config, _ in
      LabStart(
        trace: LabTrace(groupNames: ["0"], stepsPerEpoch: 8, plannedSteps: config.epochs * 8),
        simulation: nil, facts: LabCheckpoints.RunFacts(classNames: []),
        problem: LabProblem("The simulator is not available yet."))
    })
}

/// The checkpoint `requires` tokens a finished run earns (see Lessons' format: `ran:<Class>`,
/// `ran-lab:<lesson>/<lab>`, `ran:warmup-sequential`, `ran:plateau-val`, `viewed:lr-plot`).
public enum LabCheckpoints {
  /// What the run was, as far as checkpoints care.
  public struct RunFacts: Sendable, Equatable {
    /// Every scheduler class constructed, nested ones included.
    public var classNames: [String]
    /// The first child of a SequentialLR, if there is one.
    public var sequentialFirstChild: String?
    public var metric: LabConfig.Metric
    public var mistake: LabConfig.Mistake
    /// The lab block the run came from ("lesson-id/lab-id"), if any.
    public var labID: String?
    public init(
      classNames: [String], sequentialFirstChild: String? = nil, metric: LabConfig.Metric = .val,
      mistake: LabConfig.Mistake = .none, labID: String? = nil
    ) {
      self.classNames = classNames
      self.sequentialFirstChild = sequentialFirstChild
      self.metric = metric
      self.mistake = mistake
      self.labID = labID
    }
  }

  /// Tokens earned by a run that finished (ran to its end or diverged; not one stopped by an
  /// error before training, like a plateau scheduler without its metric). The LR chart is on
  /// screen for the whole run, so a finished run also counts as having looked at it.
  public static func tokens(for facts: RunFacts, trace: LabTrace) -> [String] {
    guard trace.finished, !trace.events.contains(where: { $0.kind == .error }) else { return [] }
    var tokens: [String] = []
    for name in facts.classNames where !tokens.contains("ran:\(name)") {
      tokens.append("ran:\(name)")
    }
    if facts.classNames.contains("SequentialLR"), facts.sequentialFirstChild == "LinearLR" {
      tokens.append("ran:warmup-sequential")
    }
    if facts.classNames.contains("ReduceLROnPlateau"), facts.metric == .val,
      facts.mistake != .noMetric
    {
      tokens.append("ran:plateau-val")
    }
    if let lab = facts.labID { tokens.append("ran-lab:\(lab)") }
    tokens.append("viewed:lr-plot")
    return tokens
  }

  /// Facts for a knob-driven configuration.
  public static func facts(for config: LabConfig, labID: String? = nil) -> RunFacts? {
    guard let template = config.template else { return nil }
    let first: String? =
      switch template {
      case .warmupCosine, .warmupLinear: "LinearLR"
      default: nil
      }
    return RunFacts(
      classNames: template.classNames, sequentialFirstChild: first, metric: config.metric,
      mistake: config.mistake, labID: labID)
  }
}

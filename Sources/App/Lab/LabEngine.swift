/// A run ready to animate, or why it could not start.
public struct LabStart: @unchecked Sendable {
  public var trace: LabTrace
  public var simulation: (any LabSimulation)?
  public var facts: LabCheckpoints.RunFacts
  /// The stepped scheduler takes a metric (ReduceLROnPlateau).
  public var needsMetric: Bool
  /// What went wrong before training could start (snippet error, bad option), in words.
  public var problem: LabProblem?

  public init(
    trace: LabTrace, simulation: (any LabSimulation)?, facts: LabCheckpoints.RunFacts,
    needsMetric: Bool = false, problem: LabProblem? = nil
  ) {
    self.trace = trace
    self.simulation = simulation
    self.facts = facts
    self.needsMetric = needsMetric
    self.problem = problem
  }
}

/// An error to show: where it is in the code (1-based), when it is about the code.
public struct LabProblem: Error, Sendable, Equatable {
  public var message: String
  public var line: Int?
  public var column: Int?
  public init(_ message: String, line: Int? = nil, column: Int? = nil) {
    self.message = message
    self.line = line
    self.column = column
  }
}

/// Starts runs. The real engine reads the code with TorchSnippet and trains with Training;
/// tests can substitute a scripted one. Equal engines compare equal by name.
public struct LabEngine: Sendable, Equatable {
  public var name: String
  public var start: @Sendable (LabConfig, String) -> LabStart
  /// Reads code without running it: nil when fine, else the error at its position.
  public var check: @Sendable (String, LabConfig) -> LabProblem?
  /// Turns typed code into knob settings when it fits a template (else `.code`).
  public var recognize: @Sendable (String, LabConfig) -> LabConfig
  /// Batches per epoch of a configuration (`len(train_loader)`).
  public var batchesPerEpoch: @Sendable (LabConfig) -> Int
  /// The model's default batch size.
  public var defaultBatchSize: @Sendable (LabConfig.Model) -> Int
  /// The schedule as `lrlab schedule --format csv` prints it; `metrics` feed ReduceLROnPlateau.
  public var scheduleCSV: @Sendable (LabConfig, String, [Double]) -> Result<String, LabProblem>
  /// An LR range test on the configuration's model and optimizer.
  public var rangeTest: @Sendable (LabConfig) -> Result<LabRangeTestState, LabProblem>
  /// The model and its data as PyTorch code (the read-only "the model" panel); nil if none.
  public var modelCode: @Sendable (LabConfig) -> String?
  /// The whole run as one runnable PyTorch script (`lrlab export --pytorch`).
  public var pytorchScript: @Sendable (LabConfig, String) -> Result<String, LabProblem>

  public init(
    name: String, start: @escaping @Sendable (LabConfig, String) -> LabStart,
    check: @escaping @Sendable (String, LabConfig) -> LabProblem? = { _, _ in nil },
    recognize: @escaping @Sendable (String, LabConfig) -> LabConfig = { code, config in
      var c = config
      c.schedule = .code(code)
      return c
    },
    batchesPerEpoch: @escaping @Sendable (LabConfig) -> Int = { _ in 8 },
    defaultBatchSize: @escaping @Sendable (LabConfig.Model) -> Int = { _ in 32 },
    scheduleCSV: @escaping @Sendable (LabConfig, String, [Double]) -> Result<String, LabProblem> = {
      _, _, _ in .failure(LabProblem("no schedule export in this engine"))
    },
    rangeTest: @escaping @Sendable (LabConfig) -> Result<LabRangeTestState, LabProblem> = { _ in
      .failure(LabProblem("no range test in this engine"))
    },
    modelCode: @escaping @Sendable (LabConfig) -> String? = { _ in nil },
    pytorchScript: @escaping @Sendable (LabConfig, String) -> Result<String, LabProblem> = {
      _, _ in .failure(LabProblem("no PyTorch export in this engine"))
    }
  ) {
    self.modelCode = modelCode
    self.pytorchScript = pytorchScript
    self.name = name
    self.start = start
    self.check = check
    self.recognize = recognize
    self.batchesPerEpoch = batchesPerEpoch
    self.defaultBatchSize = defaultBatchSize
    self.scheduleCSV = scheduleCSV
    self.rangeTest = rangeTest
  }

  public static func == (a: LabEngine, b: LabEngine) -> Bool { a.name == b.name }
}

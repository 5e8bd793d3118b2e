/// The values a snippet's free names are bound to: `len(train_loader)`, `num_epochs`, and the
/// optimizer used when the snippet has no optimizer line.
public struct SnippetContext: Sendable, Equatable {
  /// Set it (from any thread) to abandon the evaluation: it stops with an error within a few
  /// thousand evaluation steps.
  public var cancellation: CancellationFlag?
  /// The evaluation-step budget of building the snippet (nil: `defaultEvaluationSteps`).
  public var evaluationSteps: Int?
  public static let defaultEvaluationSteps = WorkBudget.defaultSteps

  public static func == (a: SnippetContext, b: SnippetContext) -> Bool {
    a.trainLoaderLength == b.trainLoaderLength && a.numEpochs == b.numEpochs
      && a.defaultLR == b.defaultLR && a.defaultMomentum == b.defaultMomentum
      && a.cancellation === b.cancellation && a.evaluationSteps == b.evaluationSteps
  }

  /// `len(train_loader)`: batches per epoch. Default 8 (the simulator's default model has 256
  /// points in batches of 32).
  public var trainLoaderLength: Int
  /// `num_epochs`. Default 10.
  public var numEpochs: Int
  /// The implicit optimizer's lr when the snippet has no optimizer line (`--lr`, default 0.1).
  public var defaultLR: Double
  /// The implicit optimizer's momentum: 0.9, as in every optimizer line of the seed lesson, so
  /// that momentum-cycling schedulers work on a bare scheduler line.
  public var defaultMomentum: Double

  public init(
    trainLoaderLength: Int = 8, numEpochs: Int = 10, defaultLR: Double = 0.1,
    defaultMomentum: Double = 0.9, cancellation: CancellationFlag? = nil,
    evaluationSteps: Int? = nil
  ) {
    self.cancellation = cancellation
    self.evaluationSteps = evaluationSteps
    self.trainLoaderLength = trainLoaderLength
    self.numEpochs = numEpochs
    self.defaultLR = defaultLR
    self.defaultMomentum = defaultMomentum
  }
}

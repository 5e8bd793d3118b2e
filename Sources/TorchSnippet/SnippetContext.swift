/// The values a snippet's free names are bound to: `len(train_loader)`, `num_epochs`, and the
/// optimizer used when the snippet has no optimizer line.
public struct SnippetContext: Sendable, Equatable {
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
    defaultMomentum: Double = 0.9
  ) {
    self.trainLoaderLength = trainLoaderLength
    self.numEpochs = numEpochs
    self.defaultLR = defaultLR
    self.defaultMomentum = defaultMomentum
  }
}

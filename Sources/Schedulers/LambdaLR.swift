/// `torch.optim.lr_scheduler.LambdaLR`: `lr = base_lr * lr_lambda(epoch)`. Not chainable: it
/// overwrites whatever other schedulers did.
public final class LambdaLR: CoreScheduler {
  public let className = "LambdaLR"
  public let optimizer: OptimizerState
  /// One lambda per param group.
  public let lrLambdas: [EpochLambda]
  let coreCell: CoreCell

  public init(
    optimizer: OptimizerState, lrLambda: PerGroup<EpochLambda>, lastEpoch: Int = -1
  ) throws(SchedulerError) {
    self.optimizer = optimizer
    lrLambdas = try expandLambdas(lrLambda, groupCount: optimizer.groups.count)
    coreCell = CoreCell(try SchedulerCore(optimizer: optimizer, lastEpoch: lastEpoch))
    try initialStep()
  }

  /// Convenience for the common single-lambda form.
  public convenience init(
    optimizer: OptimizerState, lrLambda: @escaping EpochLambda, lastEpoch: Int = -1
  ) throws(SchedulerError) {
    try self.init(optimizer: optimizer, lrLambda: .same(lrLambda), lastEpoch: lastEpoch)
  }

  public var lastEpoch: Int { core.lastEpoch }
  public var lastLR: [Double] { core.lastLR }
  public var baseLRs: [Double] { core.baseLRs }
  public var warnings: [String] { core.warnings }

  public func step() throws(SchedulerError) { try baseStep() }
  public func step(metric: Double) throws(SchedulerError) { throw metricNotAccepted(by: className) }

  func computeLR() throws(SchedulerError) {
    let epoch = core.lastEpoch
    let count = min(lrLambdas.count, core.baseLRs.count)
    prepareValues(count)
    for i in 0..<count { core.values[i] = core.baseLRs[i] * (try lrLambdas[i](epoch)) }
  }
}

/// `torch.optim.lr_scheduler.MultiplicativeLR`: `lr = lr * lr_lambda(epoch)`, chainable; the
/// constructor's step applies nothing.
public final class MultiplicativeLR: CoreScheduler {
  public let className = "MultiplicativeLR"
  public let optimizer: OptimizerState
  public let lrLambdas: [EpochLambda]
  let coreCell: CoreCell

  public init(
    optimizer: OptimizerState, lrLambda: PerGroup<EpochLambda>, lastEpoch: Int = -1
  ) throws(SchedulerError) {
    self.optimizer = optimizer
    lrLambdas = try expandLambdas(lrLambda, groupCount: optimizer.groups.count)
    coreCell = CoreCell(try SchedulerCore(optimizer: optimizer, lastEpoch: lastEpoch))
    try initialStep()
  }

  public convenience init(
    optimizer: OptimizerState, lrLambda: @escaping EpochLambda, lastEpoch: Int = -1
  ) throws(SchedulerError) {
    try self.init(optimizer: optimizer, lrLambda: .same(lrLambda), lastEpoch: lastEpoch)
  }

  public var lastEpoch: Int { core.lastEpoch }
  public var lastLR: [Double] { core.lastLR }
  public var baseLRs: [Double] { core.baseLRs }
  public var warnings: [String] { core.warnings }

  public func step() throws(SchedulerError) { try baseStep() }
  public func step(metric: Double) throws(SchedulerError) { throw metricNotAccepted(by: className) }

  func computeLR() throws(SchedulerError) {
    if core.isInitial { return keepCurrentLRs() }
    let epoch = core.lastEpoch
    let optimizer = self.optimizer
    let count = min(lrLambdas.count, optimizer.groups.count)
    prepareValues(count)
    for i in 0..<count { core.values[i] = optimizer.groups[i].lr * (try lrLambdas[i](epoch)) }
  }
}

/// LambdaLR / MultiplicativeLR's list check: "Expected 2 lr_lambdas, but got 3".
private func expandLambdas(
  _ lrLambda: PerGroup<EpochLambda>, groupCount: Int
) throws(SchedulerError) -> [EpochLambda] {
  switch lrLambda {
  case .same(let lambda):
    return Array(repeating: lambda, count: groupCount)
  case .each(let lambdas):
    guard lambdas.count == groupCount else {
      throw .value("Expected \(groupCount) lr_lambdas, but got \(lambdas.count)")
    }
    return lambdas
  }
}

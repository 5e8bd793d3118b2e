/// A schedule built by one of `transformers.optimization`'s `get_*` functions: in Python the
/// object *is* a `LambdaLR` whose lambda is a `functools.partial` of transformers' formula, so it
/// steps, warns and fails exactly as that LambdaLR does; it only goes by its function's name.
public final class TransformersSchedule: SchedulerHooks {
  /// The function that built it, e.g. "get_linear_schedule_with_warmup".
  public let className: String
  /// Its formula and parameters.
  public let formula: TransformersLambda
  /// The LambdaLR it is.
  public let lambdaLR: LambdaLR

  public init(
    function: String, optimizer: OptimizerState, formula: TransformersLambda, lastEpoch: Int = -1
  ) throws(SchedulerError) {
    className = function
    self.formula = formula
    lambdaLR = try LambdaLR(
      optimizer: optimizer,
      lrLambda: { (step: Int) throws(SchedulerError) -> Double in try formula.factor(step) },
      lastEpoch: lastEpoch)
  }

  public var optimizer: OptimizerState { lambdaLR.optimizer }
  public var lastEpoch: Int { lambdaLR.lastEpoch }
  public var lastLR: [Double] { lambdaLR.lastLR }
  public var baseLRs: [Double] { lambdaLR.baseLRs }
  public var warnings: [String] { lambdaLR.warnings }
  public func step() throws(SchedulerError) { try lambdaLR.step() }
  public func step(metric: Double) throws(SchedulerError) { try lambdaLR.step(metric: metric) }

  func initialStep() throws(SchedulerError) { try lambdaLR.initialStep() }
  func updateLRAtEpochZero() throws(SchedulerError) { try lambdaLR.updateLRAtEpochZero() }
  func undoConstructionEpoch() { lambdaLR.undoConstructionEpoch() }
}

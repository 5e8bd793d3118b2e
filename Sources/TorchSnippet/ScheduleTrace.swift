import Schedulers

/// The learning rates (and cycled momenta) of a schedule, row by row: row 0 right after
/// construction, row k after the k-th `scheduler.step()`.
public struct ScheduleTrace: Sendable, Equatable {
  public struct Row: Sendable, Equatable {
    public var step: Int
    /// Each param group's lr.
    public var lr: [Double]
    /// Each group's momentum (SGD) or beta1 (Adam), when the schedule cycles it.
    public var momentum: [Double]?

    public init(step: Int, lr: [Double], momentum: [Double]?) {
      self.step = step
      self.lr = lr
      self.momentum = momentum
    }
  }

  /// An error raised by a `scheduler.step()` call (e.g. OneCycleLR past its end).
  public struct StepFailure: Sendable, Equatable {
    /// The step that raised (1-based, as the k-th call).
    public var step: Int
    public var error: SchedulerError
  }

  public var className: String
  public var groupNames: [String]
  public var cyclesMomentum: Bool
  public var rows: [Row]
  public var failure: StepFailure?

  public init(
    className: String, groupNames: [String], cyclesMomentum: Bool, rows: [Row],
    failure: StepFailure? = nil
  ) {
    self.className = className
    self.groupNames = groupNames
    self.cyclesMomentum = cyclesMomentum
    self.rows = rows
    self.failure = failure
  }

  public var groupCount: Int { groupNames.count }
}

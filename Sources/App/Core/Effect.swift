import Lessons

/// Work `update` asks the runtime to do; results come back as messages.
public enum Effect: Sendable, Equatable {
  /// Leave the app (the runtime restores the terminal).
  case quit
  case saveProgress(ProgressEvent)
  /// Compute the schedule of a lab's snippet (as `lrlab schedule` does); answered by
  /// `Msg.schedulePreviewLoaded`.
  case previewSchedule(Lab)
  /// Anything the Lab screen needs done outside the pure core (see `LabEffect`).
  case lab(LabEffect)
}

/// One learning-rate series per parameter group, as `lrlab schedule` produces it.
public struct SchedulePreviewData: Sendable, Equatable {
  public var className: String
  public var groupNames: [String]
  /// lrs[group][step]
  public var lrs: [[Double]]
  /// Set when the schedule stopped early (e.g. OneCycleLR stepped past its end).
  public var failure: String?
  public init(className: String, groupNames: [String], lrs: [[Double]], failure: String? = nil) {
    self.className = className
    self.groupNames = groupNames
    self.lrs = lrs
    self.failure = failure
  }
}

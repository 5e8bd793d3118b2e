import Lessons

/// Everything that can happen to the app.
public enum Msg: Sendable, Equatable {
  case key(Key)
  case mouse(MouseEvent)
  case resize(width: Int, height: Int)
  /// Sent only while `AppModel.frameInterval` is non-nil (something animates).
  case tick(Instant)
  /// The answer to `Effect.previewSchedule`: the data, or a message saying what went wrong.
  case schedulePreviewLoaded(labID: String, Result<SchedulePreviewData, PreviewError>)
  /// Progress could not be saved: shown on the status line.
  case progressSaveFailed(String)
  /// Results for the Lab screen (see `LabMsg`).
  case lab(LabMsg)
  /// A lesson file changed on disk and was read again (`lessons preview`, `--lessons`): it
  /// replaces the lesson of the same file; a reader on it keeps its place.
  case lessonReloaded(Lesson)
}

/// A readable failure carried by a message.
public struct PreviewError: Error, Sendable, Equatable {
  public var message: String
  public init(_ message: String) { self.message = message }
}

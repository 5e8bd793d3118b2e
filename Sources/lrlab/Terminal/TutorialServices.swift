import App
import Foundation
import Lessons
import TorchSnippet

/// Progress kept in the store, plus the schedule preview, behind the app's effects.
///
/// Each event is applied to the file as it is at that moment (`ProgressStore.update`, under
/// its lock), not to a copy loaded at start-up: another tutorial or a `progress import` in
/// another shell is never undone. When the file could not be read the session is read-only
/// (`readOnlyReason`): events are kept in memory only, and the file is never written.
final class TutorialServices: AppServices {
  private let store: ProgressStore?
  private let course: Course
  private(set) var progress: Lessons.Progress
  /// Messages from loading (e.g. a corrupt file moved aside), printed after the TUI closes.
  private(set) var warnings: [String]
  /// Why nothing is saved this session (shown on the status line), or nil.
  let readOnlyReason: String?

  /// `store` nil: there is nowhere to save (e.g. HOME is not absolute); `problem` says why.
  init(store: ProgressStore?, course: Course, problem: String? = nil) {
    self.store = store
    self.course = course
    if let store {
      let loaded = store.load()
      progress = loaded.progress
      warnings = loaded.warnings
      readOnlyReason = loaded.isReadOnly ? loaded.warnings.first : nil
    } else {
      progress = LearnerProgress()
      warnings = [problem ?? "no progress location", "progress was not saved"]
      readOnlyReason = problem ?? "no progress location"
    }
  }

  /// The status-line notice for a read-only session.
  var notice: String? {
    readOnlyReason.map { "Progress is NOT being saved: \($0)" }
  }

  func save(_ event: ProgressEvent) -> String? {
    let now = Date()
    let lessons = course.lessons
    let apply = { (progress: inout LearnerProgress) in
      progress.apply(event, lessons: lessons, at: now)
    }
    guard let store, readOnlyReason == nil else {
      apply(&progress)
      return notice
    }
    do {
      progress = try store.update(now: now, apply)
      return nil
    } catch {
      apply(&progress)
      return "Progress not saved: \(error)"
    }
  }

  var schedulePreview: @Sendable (Lab) -> Result<SchedulePreviewData, PreviewError> {
    { SchedulePreviewer.preview($0) }
  }
}

/// A lab's schedule, computed as `lrlab schedule` does, for the preview chart.
enum SchedulePreviewer {
  static func preview(_ lab: Lab) -> Result<SchedulePreviewData, PreviewError> {
    let epochs = lab.options["epochs"].flatMap { Int($0) } ?? 10
    let batchSize = lab.options["batch-size"].flatMap { Int($0) } ?? 32
    // The sine model's 256 training points make 8 batches an epoch at the default size.
    let batches = max(1, (256 + batchSize - 1) / max(1, batchSize))
    let context = SnippetContext(trainLoaderLength: batches, numEpochs: epochs)
    do {
      let built = try SnippetProgram.parse(lab.code).build(context)
      // ReduceLROnPlateau's rate follows the validation loss: without a run there is no
      // schedule to draw (stepping it bare raised "missing … 'metrics'" over a one-point chart).
      if built.scheduler.needsMetric {
        return .failure(
          PreviewError(
            "\(built.className) follows the validation loss, so it has no schedule on its own: "
              + "Enter runs the lab and draws the rate it chose."))
      }
      let trace = ScheduleRunner.run(built, steps: built.naturalLength)
      let groups = max(1, trace.groupCount)
      let lrs = (0..<groups).map { g in trace.rows.map { g < $0.lr.count ? $0.lr[g] : .nan } }
      let failure = trace.failure.map { "Stopped at step \($0.step): \($0.error)" }
      return .success(
        SchedulePreviewData(
          className: trace.className, groupNames: trace.groupNames, lrs: lrs, failure: failure))
    } catch {
      return .failure(PreviewError("The lab's snippet cannot run:\n\(error.rendered())"))
    }
  }
}

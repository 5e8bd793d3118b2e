import App
import ArgumentParser
import Foundation
import Lessons

/// Runs the app on `course` with the learner's progress until it quits; `prepare` sets the
/// first screen (e.g. the Lab). A terminal that cannot host it exits 2; progress warnings are
/// printed once the terminal is back.
func launchApp(
  course: Course, display: DisplayOptions, watch: Bool = false,
  prepare: (inout AppModel) -> Void = { _ in }
) throws {
  let services = TutorialServices(
    store: ProgressStore(url: ProgressStore.defaultURL()), course: course)
  var model = AppModel(course: CourseSnapshot(course: course), progress: services.snapshot)
  prepare(&model)
  let status: Int32
  do {
    let watcher = watch ? LessonWatcher(files: course.lessons.map(\.file)) : nil
    status = try runApp(model, options: display, services: services, watcher: watcher)
  } catch {
    FileHandle.standardError.write(Data((error.message + "\n").utf8))
    throw ExitCode(2)
  }
  for warning in services.warnings {
    FileHandle.standardError.write(Data("lrlab: \(warning)\n".utf8))
  }
  if status != 0 { throw ExitCode(status) }
}

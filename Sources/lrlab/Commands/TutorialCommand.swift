import App
import ArgumentParser
import Foundation
import Lessons

/// `lrlab` / `lrlab tutorial`: the course in the terminal.
struct TutorialCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tutorial",
    abstract: "Open the tutorial: lessons, quizzes and the lab (the default command).")

  @Option(
    name: .customLong("lessons"),
    help:
      "A directory of lesson files (repeatable; default: $LRLAB_LESSONS, else the bundled course).")
  var lessonDirectories: [String] = []

  @OptionGroup var display: DisplayOptions

  func run() throws {
    let directories = LessonLocator.directories(explicit: lessonDirectories)
    let course = Course.load(directories: directories)
    let services = TutorialServices(
      store: ProgressStore(url: ProgressStore.defaultURL()), course: course)
    let model = AppModel(course: CourseSnapshot(course: course), progress: services.snapshot)
    let status: Int32
    do {
      status = try runApp(model, options: display, services: services)
    } catch {
      FileHandle.standardError.write(Data((error.message + "\n").utf8))
      throw ExitCode(2)
    }
    for warning in services.warnings {
      FileHandle.standardError.write(Data("lrlab: \(warning)\n".utf8))
    }
    if status != 0 { throw ExitCode(status) }
  }
}

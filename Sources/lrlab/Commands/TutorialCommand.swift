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
    _ = try LessonsLocation.existing(lessonDirectories)
    let directories = LessonLocator.directories(explicit: lessonDirectories)
    let course = Course.load(directories: directories)
    // A course given with --lessons is being written: reload its files when they change.
    try launchApp(course: course, display: display, watch: !lessonDirectories.isEmpty)
  }
}

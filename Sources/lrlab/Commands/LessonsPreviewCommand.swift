import App
import ArgumentParser
import Foundation
import Lessons

/// `lrlab lessons preview FILE`: the app opened straight on one lesson, reloading it on save.
struct LessonsPreviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "preview",
    abstract: "Open the app on one lesson file and reload it whenever the file changes.",
    discussion: """
      Edit the file in another window: each save re-reads it and the reader keeps its place. \
      An edit that breaks the lesson shows its diagnostics instead; the fix brings the lesson \
      back. With --lessons DIR the lesson is shown in the context of that course.
      """)

  @Argument(help: "The lesson file.")
  var file: String

  @OptionGroup var location: LessonsLocation

  @OptionGroup var display: DisplayOptions

  func run() throws {
    let urls = try LessonsLocation.existing([file])
    var dirs = try location.lessons.isEmpty ? [] : location.directories()
    let target = URL(fileURLWithPath: file).standardizedFileURL.path
    let inCourse = Course.load(directories: dirs).lessons.contains {
      URL(fileURLWithPath: $0.file).standardizedFileURL.path == target
    }
    if !inCourse { dirs += urls }
    let course = Course.load(directories: dirs)
    guard
      let lesson = course.lessons.first(where: {
        URL(fileURLWithPath: $0.file).standardizedFileURL.path == target
      })
    else {
      printError("lrlab: \(file) is not a lesson file")
      throw ExitCode(2)
    }
    try launchApp(course: course, display: display, watch: true) { model in
      _ = model.openLesson(file: lesson.file)
    }
  }
}

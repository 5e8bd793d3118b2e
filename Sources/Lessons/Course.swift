import Foundation
import Markdown

/// The whole course: every lesson file found, in order, with course-level checks applied.
public struct Course: Sendable, Equatable {
  /// Every lesson, sorted by `order` then id — broken ones included (they carry diagnostics;
  /// a lesson whose front matter could not be read sorts last).
  public var lessons: [Lesson]
  /// Problems not tied to one lesson file (e.g. a lessons directory that does not exist).
  public var diagnostics: [Diagnostic]

  public init(lessons: [Lesson], diagnostics: [Diagnostic] = []) {
    self.lessons = lessons
    self.diagnostics = diagnostics
  }

  public var brokenLessons: [Lesson] { lessons.filter(\.isBroken) }
  public func lesson(id: String) -> Lesson? { lessons.first { $0.id == id } }

  /// Every diagnostic, lessons' and the course's, sorted by file then position.
  public var allDiagnostics: [Diagnostic] {
    (diagnostics + lessons.flatMap(\.diagnostics)).sorted {
      ($0.file, $0.position) < ($1.file, $1.position)
    }
  }

  /// Loads every `*.md` file (except README.md) in `directories` (a path may also name one
  /// file). A file that fails to parse never stops the others from loading.
  public static func load(directories: [URL]) -> Course {
    Course(lessons: [])
  }
}

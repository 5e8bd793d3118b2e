import Foundation
import Markdown

/// Reads one lesson file (front matter + Markdown body with quiz/lab/expect/checkpoint fences).
///
/// Never throws: every problem becomes a `Diagnostic` in the returned lesson; a lesson with an
/// error is `isBroken` but still carries whatever could be read.
public enum LessonParser {
  /// Parses raw file bytes (invalid UTF-8 is replaced with U+FFFD and reported).
  public static func parse(contents: Data, file: String) -> Lesson {
    var lesson = parse(contents: String(decoding: contents, as: UTF8.self), file: file)
    if String(data: contents, encoding: .utf8) == nil {
      lesson.diagnostics.insert(
        Diagnostic(
          file: file, position: SourcePosition(line: 1, column: 1), severity: .error,
          message: "the file is not valid UTF-8"), at: 0)
    }
    return lesson
  }

  public static func parse(contents: String, file: String) -> Lesson {
    Lesson(
      id: fallbackID(file: file), title: fallbackID(file: file), order: Int.max,
      formatVersion: 1, prerequisites: [], summary: nil, file: file,
      blocks: MarkdownParser.parse(contents).blocks.map { .markdown($0) }, diagnostics: [])
  }

  /// The id a lesson gets when its front matter has none: the file name without `NN-` and `.md`.
  static func fallbackID(file: String) -> String {
    var name = (file as NSString).lastPathComponent
    if name.hasSuffix(".md") { name = String(name.dropLast(3)) }
    if let dash = name.firstIndex(of: "-"), name[..<dash].allSatisfy(\.isNumber),
      !name[..<dash].isEmpty
    {
      name = String(name[name.index(after: dash)...])
    }
    return Sanitizer.cleanLine(name)
  }
}

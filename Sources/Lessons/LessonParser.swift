import Foundation
import Markdown

/// Reads one lesson file (front matter + Markdown body with quiz/lab/expect/checkpoint fences).
///
/// Never throws: every problem becomes a `Diagnostic` in the returned lesson; a lesson with an
/// error is `isBroken` but still carries whatever could be read (a lesson whose front matter
/// is unusable gets its id from the file name and sorts last).
public enum LessonParser {
  /// Parses raw file bytes (invalid UTF-8 is replaced with U+FFFD and reported).
  public static func parse(contents: Data, file: String) -> Lesson {
    var lesson = parse(contents: String(decoding: contents, as: UTF8.self), file: file)
    if String(data: contents, encoding: .utf8) == nil {
      var sink = DiagnosticSink(file: file)
      let valid = contents.prefix { $0 < 0x80 }
      let line = 1 + valid.filter { $0 == 0x0A }.count
      sink.error(
        SourcePosition(line: line, column: 1),
        "the file is not valid UTF-8 (bad bytes shown as \u{FFFD})")
      lesson.diagnostics.insert(contentsOf: sink.items, at: 0)
    }
    return lesson
  }

  public static func parse(contents: String, file: String) -> Lesson {
    var sink = DiagnosticSink(file: file)
    var text = Substring(contents)
    if text.unicodeScalars.first == "\u{FEFF}" { text = Substring(text.unicodeScalars.dropFirst()) }
    let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
      Substring($0)
    }
    if text.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }) {
      sink.error(SourcePosition(line: 1, column: 1), "the file is empty")
      return Lesson(
        id: fallbackID(file: file), title: fallbackID(file: file), order: Int.max,
        formatVersion: 0, prerequisites: [], summary: nil, file: Sanitizer.cleanLine(file),
        blocks: [], diagnostics: sink.items)
    }
    var front = FrontMatter()
    var body = String(text)
    var bodyLine = 1
    if let split = FrontMatter.split(lines) {
      front = FrontMatter.parse(
        YAMLBlock(text: split.yaml, firstLine: 2, columnOffset: 0), into: &sink)
      body = split.body
      bodyLine = split.bodyLine
    } else if lines.first?.trimmingTrailingSpaces() == "---" {
      sink.error(SourcePosition(line: 1, column: 1), "the front matter has no closing '---' line")
    } else {
      sink.error(
        SourcePosition(line: 1, column: 1),
        "the lesson has no front matter (a '---' line, YAML with id, title, order, format_version, then '---')"
      )
    }
    let document = MarkdownParser.parse(body, firstLine: bodyLine)
    let blocks = LessonBody.read(
      document.blocks, lessonID: front.id ?? fallbackID(file: file),
      lines: lines, into: &sink)
    MarkdownLint.check(lines, bodyLine: bodyLine, into: &sink)
    if document.blocks.isEmpty {
      sink.error(SourcePosition(line: bodyLine, column: 1), "the lesson body is empty")
    }
    var lesson = Lesson(
      id: front.id ?? fallbackID(file: file), title: front.title ?? fallbackID(file: file),
      order: front.order ?? Int.max, formatVersion: front.formatVersion ?? 0,
      prerequisites: front.prerequisites, summary: front.summary, file: Sanitizer.cleanLine(file),
      blocks: blocks, diagnostics: sink.items)
    lesson.keyPositions = front.positions
    return lesson
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

  /// Ids of lessons, quizzes, labs and checkpoints: `[a-z0-9-]+`.
  public static func isValidID(_ id: String) -> Bool {
    !id.isEmpty
      && id.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
      }
  }
}

import Foundation
import Markdown

/// `lrlab lessons list`: the course as a table, or as JSON for tools outside the project.
///
/// JSON contract: an array of lessons in course order, each `{"id", "title", "file", "quizzes"}`
/// (plus `order` and `broken`); each quiz `{"question", "choices", "answers"}` — the question as
/// plain text, the choices' plain texts, the 0-based indices of the correct choices — plus its
/// `id`; a numeric quiz has empty `choices`/`answers` and `answer` + `tolerance`. Also
/// `prerequisites` (lesson ids), `labs` (`{"id", "title", "options", "code", "expects",
/// "line"}`) and `checkpoints` (`{"id", "text", "requires"}`).
public enum CourseListing {
  public static func json(_ course: Course) -> String {
    let lessons: [[String: Any]] = course.lessons.map { lesson in
      [
        "id": lesson.id,
        "title": lesson.title,
        "file": lesson.file,
        "order": lesson.order == Int.max ? NSNull() : lesson.order as Any,
        "broken": lesson.isBroken,
        "quizzes": lesson.quizzes.map(quizJSON),
        "prerequisites": lesson.prerequisites,
        "labs": lesson.labs.map { lab -> [String: Any] in
          [
            "id": lab.id, "title": lab.title.map { $0 as Any } ?? NSNull(),
            "options": lab.options, "code": lab.code, "expects": lab.expectations,
            "line": lab.position.line,
          ]
        },
        "checkpoints": lesson.checkpoints.map { c -> [String: Any] in
          ["id": c.id, "text": c.text.plainText, "requires": c.requires]
        },
      ]
    }
    guard
      let data = try? JSONSerialization.data(
        withJSONObject: lessons, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    else { return "[]" }
    return String(decoding: data, as: UTF8.self)
  }

  private static func quizJSON(_ quiz: Quiz) -> [String: Any] {
    var object: [String: Any] = ["id": quiz.id, "question": quiz.question.plainText]
    switch quiz.answer {
    case .choices(let choices):
      object["choices"] = choices.map { $0.text.plainText }
      object["answers"] = choices.indices.filter { choices[$0].isCorrect }
    case .numeric(let value, let tolerance):
      object["choices"] = [String]()
      object["answers"] = [Int]()
      object["answer"] = value
      object["tolerance"] = tolerance
    }
    return object
  }

  /// One line per lesson: order, id, title, quizzes, labs, file (broken ones marked).
  public static func table(_ course: Course) -> String {
    let header = ["ORDER", "ID", "TITLE", "QUIZZES", "LABS", "FILE"]
    let rows = course.lessons.map { lesson in
      [
        lesson.order == Int.max ? "-" : String(lesson.order), lesson.id,
        lesson.title + (lesson.isBroken ? " (broken)" : ""), String(lesson.quizzes.count),
        String(lesson.labs.count), lesson.file,
      ]
    }
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    return all.map { row in
      row.indices.map { column in
        column == row.count - 1
          ? row[column] : row[column].padding(toLength: widths[column], withPad: " ", startingAt: 0)
      }.joined(separator: "  ")
    }.joined(separator: "\n")
  }
}

import Foundation
import Markdown

/// `lrlab lessons check`: every problem in a set of lesson files.
public enum Linter {
  /// Loads `paths` (directories or files) as one course and returns every diagnostic, sorted.
  public static func check(paths: [URL]) -> [Diagnostic] {
    check(course: Course.load(directories: paths))
  }

  public static func check(course: Course) -> [Diagnostic] {
    course.allDiagnostics
  }

  /// Why the app could not run a lab: its message and, for a problem in the snippet, the
  /// snippet's 1-based line and column.
  public typealias LabProblem = @Sendable (Lab) -> (message: String, line: Int?, column: Int?)?

  /// Every diagnostic, plus an error for each lab (that parsed) the app would
  /// refuse to run, as `labProblem` (the Lab's own start) says.
  public static func check(course: Course, labProblem: LabProblem) -> [Diagnostic] {
    var extra: [Diagnostic] = []
    for lesson in course.lessons {
      var sink = DiagnosticSink(file: lesson.file)
      for lab in lesson.labs {
        guard let problem = labProblem(lab) else { continue }
        var at = lab.position
        if let line = problem.line {
          at = SourcePosition(line: lab.position.line + line, column: problem.column ?? 1)
        }
        sink.error(at, "the app cannot run lab \(quoted(lab.shortID)): \(problem.message)")
      }
      extra += sink.items
    }
    return (course.allDiagnostics + extra).enumerated().sorted {
      ($0.element.file, $0.element.position, $0.offset)
        < ($1.element.file, $1.element.position, $1.offset)
    }.map(\.element)
  }

  /// "N errors, M warnings in K files".
  public static func summary(_ diagnostics: [Diagnostic], fileCount: Int) -> String {
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.count - errors
    func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    return
      "\(plural(errors, "error")), \(plural(warnings, "warning")) in \(plural(fileCount, "file"))"
  }
}

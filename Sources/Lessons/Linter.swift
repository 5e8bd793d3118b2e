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

  /// "N errors, M warnings in K files".
  public static func summary(_ diagnostics: [Diagnostic], fileCount: Int) -> String {
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.count - errors
    func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    return
      "\(plural(errors, "error")), \(plural(warnings, "warning")) in \(plural(fileCount, "file"))"
  }
}

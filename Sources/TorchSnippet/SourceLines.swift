import Schedulers

/// The snippet's lines, for error carets.
struct SourceLines: Sendable {
  let lines: [String]

  init(_ source: String) {
    lines = source.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
  }

  func line(_ number: Int) -> String {
    number >= 1 && number <= lines.count ? lines[number - 1] : ""
  }

  func error(
    _ message: String, line: Int, column: Int, pythonError: SchedulerError? = nil
  ) -> SnippetError {
    SnippetError(
      message, line: line, column: column, sourceLine: self.line(line), pythonError: pythonError)
  }
}

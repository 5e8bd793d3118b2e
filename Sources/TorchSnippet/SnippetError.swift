import Schedulers

/// Why a snippet could not be read or run, and where: a syntax error, something outside the
/// supported Python subset, or an error PyTorch itself would raise while constructing the
/// optimizer and schedulers (then `pythonError` holds its type and message).
public struct SnippetError: Error, Equatable, Sendable, CustomStringConvertible {
  public var message: String
  /// 1-based line and column (in Unicode scalars) of the offending spot.
  public var line: Int
  public var column: Int
  /// The source line the error points into, for the caret rendering.
  public var sourceLine: String
  /// Set when the error is one PyTorch raises (ValueError, TypeError, ZeroDivisionError, …).
  public var pythonError: SchedulerError?
  /// An error no statement of a script may skip past: the work budget, a cancellation, a
  /// change lrlab cannot make to an optimizer.
  public var isFatal = false

  public init(
    _ message: String, line: Int, column: Int, sourceLine: String = "",
    pythonError: SchedulerError? = nil
  ) {
    self.message = message
    self.line = line
    self.column = column
    self.sourceLine = sourceLine
    self.pythonError = pythonError
  }

  public var description: String { rendered() }

  /// `error: <msg>\n  --> line L, column C\n   | source\n   |     ^`
  public func rendered() -> String {
    let gutter = "   | "
    // Columns count Unicode scalars (as the lexer does); pad with one space per character.
    var before = ""
    before.unicodeScalars.append(contentsOf: sourceLine.unicodeScalars.prefix(max(0, column - 1)))
    let caretPad = String(before.map { $0 == "\t" ? "\t" : " " })
    return "error: \(message)\n  --> line \(line), column \(column)\n\(gutter)\(sourceLine)\n"
      + "\(gutter)\(caretPad)^"
  }
}

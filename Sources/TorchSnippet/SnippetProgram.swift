import Schedulers

/// A parsed snippet: the statements of the supported Python subset, ready to build.
///
/// Parsing never executes anything. `build` evaluates the top-level assignments (and bare
/// constructor calls) in order; `for` loops and other expression statements
/// (`scheduler.step()`, `train_one_epoch(...)`, `print(...)`) are parsed but never run — the
/// stepping is the runner's job.
public struct SnippetProgram: Sendable {
  public let source: String
  /// The syntax tree (every node with its line and column), for analyses such as
  /// `lrlab doctor`.
  public let statements: [Statement]

  /// Reads `source`; throws the first syntax error with its line and column.
  public static func parse(_ source: String) throws(SnippetError) -> SnippetProgram {
    let lines = SourceLines(source)
    var lexer = Lexer(source: source, lines: lines)
    let tokens = try lexer.tokenize()
    var parser = Parser(tokens: tokens, lines: lines)
    return SnippetProgram(source: source, statements: try parser.parseProgram())
  }

  /// Evaluates the snippet: creates the optimizer (or the implicit SGD) and every scheduler,
  /// running their constructors (and so their initial step). Errors PyTorch would raise come
  /// back as `SnippetError` with `pythonError` set, pointing at the call that raised.
  public func build(_ context: SnippetContext = SnippetContext()) throws(SnippetError)
    -> BuiltSchedule
  {
    try SnippetBuilder(lines: SourceLines(source), context: context).run(statements)
  }
}

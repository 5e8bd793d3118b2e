import TorchSnippet

/// Whether a lab's code is a snippet lrlab can run: it must parse, and build (construct the
/// optimizer and schedulers as PyTorch would).
enum SnippetCheck {
  struct Problem {
    var message: String
    /// 1-based, within the snippet.
    var line: Int
    var column: Int
  }

  static func problem(in code: String) -> Problem? {
    do {
      let program = try SnippetProgram.parse(code)
      _ = try program.build()
      return nil
    } catch {
      return Problem(message: error.message, line: max(1, error.line), column: max(1, error.column))
    }
  }

  /// The scheduler classes a snippet constructs (for `ran:<Class>` checks), [] if it fails.
  static func schedulerClasses(in code: String) -> [String] {
    guard let program = try? SnippetProgram.parse(code), let built = try? program.build() else {
      return []
    }
    return built.schedulers.map(\.className)
  }
}

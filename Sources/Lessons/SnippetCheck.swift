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
      return Problem(
        message: withSuggestion(error.message), line: max(1, error.line),
        column: max(1, error.column))
    }
  }

  static let optimizerClasses = ["SGD", "Adam", "AdamW"]

  /// "did you mean" for a class name the reader does not know (unless it already says).
  static func withSuggestion(_ message: String) -> String {
    if !message.lowercased().contains("did you mean"),
      let call = message.range(of: ".__init__() got an unexpected keyword argument '")
    {
      let before = message[..<call.lowerBound]
      let className = String(before.split(whereSeparator: { $0 == " " || $0 == ":" }).last ?? "")
      let keyword = message[call.upperBound...].prefix { $0 != "'" }
      if let s = Suggest.closest(
        to: String(keyword), in: SnippetVocabulary.keywordArguments(of: className))
      {
        return message + "; did you mean '\(s)'?"
      }
      return message
    }
    guard !message.lowercased().contains("did you mean"),
      message.hasSuffix("is outside the supported subset"),
      let open = message.firstIndex(of: "'"),
      let close = message[message.index(after: open)...].firstIndex(of: "'")
    else { return message }
    let dotted = message[message.index(after: open)..<close]
    let name = String(dotted.split(separator: ".").last ?? "")
    let prefix = dotted.dropLast(name.count)
    let candidates =
      prefix.hasSuffix("lr_scheduler.")
      ? CheckpointParser.schedulerClasses.sorted() : optimizerClasses
    guard !name.isEmpty, let s = Suggest.closest(to: name, in: candidates) else { return message }
    return message + "; did you mean '\(prefix)\(s)'?"
  }

  /// The scheduler classes a snippet constructs (for `ran:<Class>` checks), [] if it fails.
  static func schedulerClasses(in code: String) -> [String] {
    guard let program = try? SnippetProgram.parse(code), let built = try? program.build() else {
      return []
    }
    return built.schedulers.map(\.className)
  }
}

import Foundation
import Lessons
import Markdown
import TorchSnippet

/// The entry points the fuzzers (`scripts/fuzz.sh`, libFuzzer) and the property tests share.
/// Each takes arbitrary bytes and checks the invariants the rest of lrlab relies on with
/// `precondition`, so a violation is a crash the fuzzer reports (and a test failure).
public enum FuzzEntry {
  public enum Target: String, CaseIterable, Sendable {
    case snippet, lesson, progress
  }

  public static func run(_ target: Target, _ data: Data) {
    switch target {
    case .snippet: snippet(data)
    case .lesson: lesson(data)
    case .progress: progress(data)
    }
  }

  /// The snippet reader: parse and build, then step a little. An error names a real position
  /// and renders as text without control characters.
  public static func snippet(_ data: Data) {
    let source = String(decoding: data, as: UTF8.self)
    do {
      let built = try SnippetProgram.parse(source).build()
      let steps = min(max(0, built.naturalLength), 64)
      let trace = ScheduleRunner.run(built, steps: steps, metrics: [1, 0.5])
      precondition(!trace.rows.isEmpty, "a trace has its row 0")
      _ = trace.csv()
      _ = trace.json()
    } catch {
      precondition(error.line >= 1 && error.column >= 1, "error position is 1-based")
      let rendered = Sanitizer.clean(error.rendered())
      precondition(rendered.hasPrefix("error: "), "an error renders as `error: …`")
    }
  }

  /// The lesson parser (front matter, Markdown body, quizzes, labs, checkpoints) and the
  /// Markdown parser under it: no crash, the same result twice, nothing unsanitised.
  public static func lesson(_ data: Data) {
    let lesson = LessonParser.parse(contents: data, file: "fuzz.md")
    let again = LessonParser.parse(contents: data, file: "fuzz.md")
    precondition(lesson == again, "the lesson parse is deterministic")
    let text = String(decoding: data, as: UTF8.self)
    let doc = MarkdownParser.parse(text)
    precondition(doc == MarkdownParser.parse(text), "Markdown parse is deterministic")
    let dump = String(describing: doc)
    precondition(
      !dump.unicodeScalars.contains { $0 != "\n" && Sanitizer.isForbidden($0) },
      "the Markdown model holds no control characters")
  }

  /// The progress decoder: either a valid progress (in range, and it round-trips through
  /// encode/decode unchanged, merges with itself to itself) or a reason.
  public static func progress(_ data: Data) {
    _ = JSONSyntax.problem(in: data)
    switch ProgressStore.decode(data) {
    case .failure(let reason):
      precondition(!reason.isEmpty, "a failure says why")
    case .success(let progress):
      precondition(progress.rangeProblem() == nil, "decoded progress is in range")
      guard case .success(let again) = ProgressStore.decode(ProgressStore.encode(progress)) else {
        preconditionFailure("an encoded progress decodes")
      }
      precondition(again == progress, "progress round-trips")
      precondition(progress.merging(progress) == progress, "merging with itself changes nothing")
      let empty = LearnerProgress()
      precondition(progress.merging(empty) == empty.merging(progress), "merge is commutative")
    }
  }
}

import Foundation
import Markdown
import Yams

/// A `quiz` fence: YAML with id, question, and choices or a numeric answer.
enum QuizParser {
  static let knownKeys: Set<String> = [
    "id", "question", "choices", "answer", "tolerance", "hints", "explanation",
  ]
  static let choiceKeys: Set<String> = ["text", "correct", "explain"]
  static let defaultTolerance = 1e-9

  /// The quiz (id not yet prefixed with the lesson id), or nil if it is unusable.
  static func parse(_ yaml: YAMLBlock, fence: SourcePosition, into sink: inout DiagnosticSink)
    -> (quiz: Quiz, idPosition: SourcePosition)?
  {
    guard let root = yaml.compose(into: &sink, what: "quiz") else { return nil }
    guard case .mapping(let mapping) = root else {
      sink.error(fence, "a quiz must be a YAML mapping (id, question, choices…)")
      return nil
    }
    var values: [String: Node] = [:]
    var keyPositions: [String: SourcePosition] = [:]
    for (keyNode, value) in mapping {
      let key = keyNode.string ?? ""
      if values[key] != nil {
        sink.error(yaml.position(keyNode), "duplicate quiz key \(quoted(key))")
        continue
      }
      if !knownKeys.contains(key) {
        sink.warning(yaml.position(keyNode), "unknown quiz key \(quoted(key))")
      }
      values[key] = value
      keyPositions[key] = yaml.position(keyNode)
    }
    var usable = true
    func requireString(_ key: String) -> String? {
      guard let node = values[key] else {
        sink.error(fence, "quiz is missing '\(key)'")
        usable = false
        return nil
      }
      guard let s = node.stringScalar, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
        sink.error(yaml.position(node), "quiz '\(key)' must be a non-empty string")
        usable = false
        return nil
      }
      return s
    }
    let id = requireString("id")
    if let id, !LessonParser.isValidID(id), let node = values["id"] {
      sink.error(
        yaml.position(node), "quiz id \(quoted(id)) must be lowercase letters, digits and dashes")
      usable = false
    }
    let question = requireString("question")
    let explanation = optionalInlineText(values["explanation"], "explanation", yaml, &sink)
    var hints: [[Inline]] = []
    if let node = values["hints"] {
      if case .sequence(let items) = node {
        for item in items {
          if let s = item.stringScalar {
            hints.append(MarkdownParser.parseInlines(s))
          } else {
            sink.error(yaml.position(item), "each hint must be a string")
          }
        }
      } else {
        sink.error(yaml.position(node), "quiz 'hints' must be a list of strings")
      }
    }
    var answer: Quiz.Answer?
    switch (values["choices"], values["answer"]) {
    case (let choices?, nil):
      answer = parseChoices(
        choices, quizID: id, at: keyPositions["choices"] ?? fence, yaml, &sink)
      if let tolerance = values["tolerance"] {
        sink.warning(yaml.position(tolerance), "'tolerance' only applies to a numeric 'answer'")
      }
    case (nil, let value?):
      answer = parseNumeric(value, tolerance: values["tolerance"], yaml, &sink)
    case (.some, .some(let value)):
      sink.error(
        yaml.position(value), "a quiz has either 'choices' or a numeric 'answer', not both")
    case (nil, nil):
      sink.error(fence, "quiz has neither 'choices' nor a numeric 'answer'")
    }
    guard usable, let id, let question, let answer else { return nil }
    let quiz = Quiz(
      id: id, question: MarkdownParser.parseInlines(question), answer: answer,
      explanation: explanation, hints: hints, position: fence)
    return (quiz, values["id"].map { yaml.position($0) } ?? fence)
  }

  private static func optionalInlineText(
    _ node: Node?, _ key: String, _ yaml: YAMLBlock, _ sink: inout DiagnosticSink
  ) -> [Inline]? {
    guard let node else { return nil }
    guard let s = node.stringScalar else {
      sink.error(yaml.position(node), "'\(key)' must be a string")
      return nil
    }
    return MarkdownParser.parseInlines(s)
  }

  private static func parseChoices(
    _ node: Node, quizID: String?, at keyPosition: SourcePosition, _ yaml: YAMLBlock,
    _ sink: inout DiagnosticSink
  ) -> Quiz.Answer? {
    guard case .sequence(let items) = node else {
      sink.error(yaml.position(node), "quiz 'choices' must be a list")
      return nil
    }
    var choices: [QuizChoice] = []
    var ok = true
    for item in items {
      if let text = item.stringScalar {
        choices.append(QuizChoice(text: MarkdownParser.parseInlines(text), isCorrect: false))
        continue
      }
      guard case .mapping(let mapping) = item else {
        sink.error(yaml.position(item), "a choice must be a string or a mapping with 'text'")
        ok = false
        continue
      }
      var text: String?
      var correct = false
      var explain: [Inline]?
      for (keyNode, value) in mapping {
        let key = keyNode.string ?? ""
        switch key {
        case "text":
          text = value.stringScalar
          if text == nil { sink.error(yaml.position(value), "choice 'text' must be a string") }
        case "correct":
          guard let b = value.bool, value.stringScalar != nil else {
            sink.error(yaml.position(value), "choice 'correct' must be true or false")
            ok = false
            continue
          }
          correct = b
        case "explain":
          explain = optionalInlineText(value, "explain", yaml, &sink)
        default:
          sink.warning(yaml.position(keyNode), "unknown choice key \(quoted(key))")
        }
      }
      guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
        sink.error(yaml.position(item), "choice has no 'text'")
        ok = false
        continue
      }
      choices.append(
        QuizChoice(
          text: MarkdownParser.parseInlines(text), isCorrect: correct, explanation: explain))
    }
    if items.count < 2 {
      sink.error(keyPosition, "a quiz needs at least 2 choices (it has \(items.count))")
      ok = false
    }
    if ok && !choices.contains(where: \.isCorrect) {
      let name = quizID.map { "quiz \(quoted($0))" } ?? "this quiz"
      sink.error(keyPosition, "\(name) has no correct choice (mark one with 'correct: true')")
      ok = false
    }
    return ok ? .choices(choices) : nil
  }

  private static func parseNumeric(
    _ value: Node, tolerance: Node?, _ yaml: YAMLBlock, _ sink: inout DiagnosticSink
  ) -> Quiz.Answer? {
    guard let number = value.number, number.isFinite else {
      sink.error(yaml.position(value), "quiz 'answer' must be a number")
      return nil
    }
    var tol = defaultTolerance
    if let tolerance {
      guard let t = tolerance.number, t.isFinite, t >= 0 else {
        sink.error(yaml.position(tolerance), "'tolerance' must be a number ≥ 0")
        return nil
      }
      tol = t
    }
    return .numeric(value: number, tolerance: tol)
  }
}

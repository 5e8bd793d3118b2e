import Foundation
import Markdown
import Yams

/// A `quiz` fence: YAML with id, question, and choices or a numeric answer.
enum QuizParser {
  static let knownKeys: Set<String> = [
    "id", "question", "choices", "answer", "tolerance", "digits", "source", "hints",
    "explanation",
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
        var message = "unknown quiz key \(quoted(key))"
        if let s = Suggest.closest(to: key, in: knownKeys.sorted()) {
          message += "; did you mean '\(s)'?"
        }
        sink.warning(yaml.position(keyNode), message)
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
      for key in ["tolerance", "digits", "source"] {
        if let node = values[key] {
          sink.warning(yaml.position(node), "'\(key)' only applies to a numeric 'answer'")
        }
      }
    case (nil, let value?):
      answer = parseNumeric(
        value, tolerance: values["tolerance"], digits: values["digits"], yaml, &sink)
    case (.some, .some(let value)):
      sink.error(
        yaml.position(value), "a quiz has either 'choices' or a numeric 'answer', not both")
    case (nil, nil):
      sink.error(fence, "quiz has neither 'choices' nor a numeric 'answer'")
    }
    var source: QuizSource?
    if let node = values["source"], case .numeric = answer {
      source = parseSource(node, yaml, &sink)
      if source == nil { usable = false }
    }
    guard usable, let id, let question, let answer else { return nil }
    var quiz = Quiz(
      id: id, question: MarkdownParser.parseInlines(question), answer: answer,
      explanation: explanation, hints: hints, position: fence)
    quiz.source = source
    if let d = values["digits"]?.stringScalar {
      quiz.toleranceText = "\(d) significant digits"
    } else if let t = values["tolerance"]?.stringScalar {
      quiz.toleranceText = t.hasSuffix("%") ? t + " (relative)" : t
    }
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
          let quotedScalar: Bool = {
            if case .scalar(let scalar) = value { return scalar.style != .plain }
            return false
          }()
          guard let b = value.bool, value.stringScalar != nil, !quotedScalar else {
            if case .scalar(let scalar) = value, scalar.style != .plain,
              ["true", "false"].contains(scalar.string.lowercased())
            {
              sink.error(
                yaml.position(value),
                "choice 'correct' is the quoted string \"\(scalar.string)\", not a boolean; write correct: \(scalar.string.lowercased()) without quotes"
              )
            } else {
              sink.error(yaml.position(value), "choice 'correct' must be true or false")
            }
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

  /// `tolerance: 1.0e-9` (absolute), `tolerance: 1%` (relative to the answer) or `digits: 6`
  /// (agree to 6 significant digits: within one unit of the 6th) — all become the absolute
  /// tolerance the grader applies.
  private static func parseNumeric(
    _ value: Node, tolerance: Node?, digits: Node?, _ yaml: YAMLBlock,
    _ sink: inout DiagnosticSink
  ) -> Quiz.Answer? {
    guard let number = value.number, number.isFinite else {
      sink.error(yaml.position(value), "quiz 'answer' must be a number")
      return nil
    }
    var tol = defaultTolerance
    if let tolerance, digits != nil {
      sink.error(yaml.position(tolerance), "give either 'tolerance' or 'digits', not both")
      return nil
    }
    if let digits {
      guard let d = digits.number, d == d.rounded(), d >= 1, d <= 15 else {
        sink.error(yaml.position(digits), "'digits' must be a whole number from 1 to 15")
        return nil
      }
      tol = significantDigitsTolerance(number, digits: Int(d))
    } else if let tolerance {
      if let s = tolerance.stringScalar, s.hasSuffix("%"),
        let p = Double(s.dropLast().trimmingCharacters(in: .whitespaces)), p >= 0, p.isFinite
      {
        tol = abs(number) * p / 100
      } else if let t = tolerance.number, t.isFinite, t >= 0 {
        tol = t
      } else {
        sink.error(
          yaml.position(tolerance),
          "'tolerance' must be a number ≥ 0 (absolute) or a percentage like 1% (relative)")
        return nil
      }
    }
    return .numeric(value: number, tolerance: tol)
  }

  /// One unit of the `digits`-th significant digit of `value` (so 6 digits, rounded or cut,
  /// are accepted).
  public static func significantDigitsTolerance(_ value: Double, digits: Int) -> Double {
    guard value != 0 else { return pow(10, Double(-digits)) }
    let exponent = floor(log10(abs(value)))
    return pow(10, exponent - Double(digits) + 1) * (1 + 1e-9)
  }

  /// `source: {snippet: "...", step: 20}` (optionally `train_loader: 8`, `epochs: 10`,
  /// `metric: 1.0`, or `quantity: "first_change_step"` with `steps: 20`) or
  /// `source: {lab: cosine, step: 40}` / `source: {lab: cosine, quantity: "lr_at_epoch(20)"}`.
  private static func parseSource(_ node: Node, _ yaml: YAMLBlock, _ sink: inout DiagnosticSink)
    -> QuizSource?
  {
    let at = yaml.position(node)
    guard case .mapping(let mapping) = node else {
      sink.error(at, "'source' must be a mapping: {snippet: CODE, step: N} or {lab: ID, step: N}")
      return nil
    }
    var values: [String: Node] = [:]
    let known = ["snippet", "lab", "step", "quantity", "steps", "metric", "train_loader", "epochs"]
    for (k, v) in mapping {
      let key = k.string ?? ""
      if !known.contains(key) {
        var message = "unknown source key \(quoted(key))"
        if let s = Suggest.closest(to: key, in: known) { message += "; did you mean '\(s)'?" }
        sink.error(yaml.position(k), message)
        return nil
      }
      values[key] = v
    }
    func integer(_ key: String, default value: Int?) -> Int?? {
      guard let n = values[key] else { return .some(value) }
      guard let d = n.number, d == d.rounded(), d >= 0, d <= 1_000_000 else {
        sink.error(yaml.position(n), "source '\(key)' must be a whole number ≥ 0")
        return nil
      }
      return .some(Int(d))
    }
    // The quantity: `quantity: "peak_step"` or `step: N` (the rate at step N).
    var expr: Expectation.Expr?
    var step: Int?
    if let q = values["quantity"] {
      guard let text = q.stringScalar else {
        sink.error(yaml.position(q), "source 'quantity' must be a string like \"lr_at_epoch(20)\"")
        return nil
      }
      var parser = ExpectParser(text)
      do throws(Expectation.Problem) {
        try parser.tokenize()
        expr = try parser.expr()
        guard parser.peek == .end else {
          throw Expectation.Problem(
            message: "unexpected text after the quantity", offset: parser.offset)
        }
      } catch {
        var p = yaml.position(q)
        p.column += error.offset
        sink.error(p, "source quantity \(quoted(text)): \(error.message)")
        return nil
      }
    } else if let stepValue = integer("step", default: nil), let s = stepValue {
      step = s
      expr = .quantity(name: "lr_at_step", arguments: [Double(s)], lab: nil)
    } else {
      if values["step"] == nil { sink.error(at, "a source needs 'step' or 'quantity'") }
      return nil
    }
    guard let expr else { return nil }
    if let code = values["snippet"] {
      guard let text = code.stringScalar else {
        sink.error(yaml.position(code), "source 'snippet' must be a string (the code)")
        return nil
      }
      guard let loader = integer("train_loader", default: 8),
        let epochs = integer("epochs", default: 10),
        let steps = integer("steps", default: step ?? 100)
      else { return nil }
      var metric: Double?
      if let m = values["metric"] {
        guard let v = m.number, v.isFinite else {
          sink.error(yaml.position(m), "source 'metric' must be a number")
          return nil
        }
        metric = v
      }
      if let problem = SnippetCheck.problem(in: text) {
        sink.error(yaml.position(code), "source snippet: \(problem.message)")
        return nil
      }
      return QuizSource(
        kind: .snippet(
          code: text, quantity: expr, steps: steps ?? 100, trainLoaderLength: loader ?? 8,
          epochs: epochs ?? 10, metric: metric),
        position: at)
    }
    guard let labNode = values["lab"], let lab = labNode.stringScalar else {
      sink.error(at, "'source' needs 'snippet' (code) or 'lab' (a lab id of this lesson)")
      return nil
    }
    return QuizSource(kind: .lab(id: lab, quantity: expr), position: yaml.position(labNode))
  }
}

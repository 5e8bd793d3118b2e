import Foundation
import Markdown

/// Turns a lesson's top-level Markdown blocks into lesson blocks: fences named quiz, lab,
/// expect and checkpoint become typed blocks; ids get the lesson id as prefix.
enum LessonBody {
  static func read(
    _ blocks: [Block], lessonID: String, lines: [Substring], into sink: inout DiagnosticSink
  ) -> [LessonBlock] {
    var result: [LessonBlock] = []
    var seenIDs: [String: Set<String>] = ["quiz": [], "lab": [], "checkpoint": []]
    var lastLabIndex: Int?

    func claim(_ kind: String, _ id: String, at position: SourcePosition) -> Bool {
      if seenIDs[kind, default: []].contains(id) {
        sink.error(position, "duplicate \(kind) id \(quoted(id)) in this lesson")
        return false
      }
      seenIDs[kind, default: []].insert(id)
      return true
    }

    for block in blocks {
      if case .code(let code) = block.kind, !meaningfulFences.contains(code.language),
        let meant = nearMiss(code.language)
      {
        sink.error(
          code.fencePosition,
          "unknown block '```\(code.language)'; did you mean '```\(meant)'? (as written, the learner sees its text as a code box)"
        )
      }
      guard case .code(let code) = block.kind,
        ["quiz", "lab", "expect", "checkpoint"].contains(code.language)
      else {
        warnAboutNestedFences(in: block, into: &sink)
        result.append(.markdown(block))
        continue
      }
      if !code.isClosed {
        sink.warning(
          code.fencePosition, "this ```\(code.language) fence is never closed (it runs to the end)")
      }
      let yaml = YAMLBlock(
        text: code.text, firstLine: code.contentLine, columnOffset: code.fencePosition.column - 1)
      if code.language == "quiz" || code.language == "checkpoint" {
        warnAboutCommentCuts(yaml, into: &sink)
      }
      switch code.language {
      case "quiz":
        if let (quiz, idAt) = QuizParser.parse(yaml, fence: code.fencePosition, into: &sink),
          claim("quiz", quiz.id, at: idAt)
        {
          var quiz = quiz
          quiz.id = "\(lessonID)/\(quiz.id)"
          result.append(.quiz(quiz))
        }
      case "lab":
        let column = argumentsColumn(code, lines: lines)
        if let (lab, idAt) = LabParser.parse(code, argumentsColumn: column, into: &sink),
          claim("lab", lab.id, at: idAt)
        {
          var lab = lab
          lab.id = "\(lessonID)/\(lab.id)"
          result.append(.lab(lab))
          lastLabIndex = result.count - 1
        }
      case "expect":
        let expectations = readExpectations(yaml, fence: code.fencePosition, into: &sink)
        if let index = lastLabIndex, case .lab(var lab) = result[index] {
          lab.expectations += expectations.map(\.text)
          lab.expects += expectations.compactMap(\.parsed)
          result[index] = .lab(lab)
        } else {
          sink.error(code.fencePosition, "an ```expect block must follow a ```lab block")
        }
      default:
        if let (checkpoint, idAt) = CheckpointParser.parse(
          yaml, fence: code.fencePosition, into: &sink),
          claim("checkpoint", checkpoint.id, at: idAt)
        {
          var checkpoint = checkpoint
          checkpoint.id = "\(lessonID)/\(checkpoint.id)"
          result.append(.checkpoint(checkpoint))
        }
      }
    }
    checkExpectReferences(result, into: &sink)
    return result
  }

  /// Lab references name labs of this lesson; quantities exist on the lab's model.
  static func checkExpectReferences(_ blocks: [LessonBlock], into sink: inout DiagnosticSink) {
    let labs = blocks.compactMap { if case .lab(let l) = $0 { l } else { nil } }
    let byShortID = Dictionary(labs.map { ($0.shortID, $0) }, uniquingKeysWith: { a, _ in a })
    for case .quiz(let quiz) in blocks {
      guard let source = quiz.source, case .lab(let id, _) = source.kind, byShortID[id] == nil
      else { continue }
      var message = "the quiz's source names no lab of this lesson: \(quoted(id))"
      if let s = Suggest.closest(to: id, in: Array(byShortID.keys)) {
        message += "; did you mean '\(s)'?"
      }
      sink.error(source.position, message)
    }
    for lab in labs {
      for expect in lab.expects {
        for ref in expect.references {
          var target = lab
          if let other = ref.lab {
            guard let found = byShortID[other] else {
              var message = "no lab \(quoted(other)) in this lesson"
              if let s = Suggest.closest(to: other, in: Array(byShortID.keys)) {
                message += "; did you mean 'lab:\(s)'?"
              }
              sink.error(expect.position, message)
              continue
            }
            target = found
          }
          if let q = ExpectQuantities.named(ref.name), let models = q.models {
            let model = target.options["model"] ?? "sine"
            if !models.contains(model) {
              sink.error(
                expect.position,
                "'\(ref.name)' exists only on the \(models.sorted().joined(separator: ", ")) model (lab \(quoted(target.shortID)) trains \(quoted(model)))"
              )
            }
          }
        }
      }
    }
  }

  static let meaningfulFences: Set<String> = ["quiz", "lab", "expect", "checkpoint"]

  /// The block name a fence's language was probably meant to be (`quizz`, `labs`, `qiuz`).
  static func nearMiss(_ language: String) -> String? {
    guard !language.isEmpty else { return nil }
    let names = meaningfulFences.sorted()
    for name in names where language == name + "s" || language == name + "es" { return name }
    let w = Array(language)
    var best: (String, Int)?
    for name in names {
      let d = Suggest.distance(w, Array(name))
      let limit = name.count <= 3 ? 1 : 2
      if d <= limit, d < (best?.1 ?? .max) { best = (name, d) }
    }
    return best?.0
  }

  /// A plain YAML value with ` #` in it is cut there (the rest is a comment): warn.
  static func warnAboutCommentCuts(_ yaml: YAMLBlock, into sink: inout DiagnosticSink) {
    for (offset, line) in yaml.text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let chars = Array(line)
      // The value starts after `key: ` or `- `.
      var start = 0
      while start < chars.count, chars[start] == " " { start += 1 }
      if start + 1 < chars.count, chars[start] == "-", chars[start + 1] == " " { start += 2 }
      if let colon = (start..<chars.count).first(where: {
        chars[$0] == ":" && ($0 + 1 == chars.count || chars[$0 + 1] == " ")
      }) {
        start = colon + 1
      }
      while start < chars.count, chars[start] == " " { start += 1 }
      guard start < chars.count, !"\"'|>#".contains(chars[start]) else { continue }
      for i in start..<chars.count where chars[i] == "#" && i > 0 && chars[i - 1] == " " {
        let kept = String(chars[start..<(i - 1)]).trimmingCharacters(in: .whitespaces)
        sink.warning(
          SourcePosition(line: yaml.firstLine + offset, column: yaml.columnOffset + i + 1),
          "' #' starts a YAML comment, so this value stops at \(quoted(kept)); put the whole value in quotes"
        )
        break
      }
    }
  }

  /// A quiz/lab/expect/checkpoint fence inside a list or quote is only shown as code: say so.
  static func warnAboutNestedFences(in block: Block, into sink: inout DiagnosticSink) {
    var stack: [(Block, nested: Bool)] = [(block, false)]
    while let (current, nested) = stack.popLast() {
      switch current.kind {
      case .code(let code) where nested && meaningfulFences.contains(code.language):
        sink.warning(
          code.fencePosition,
          "this ```\(code.language) block is inside a list or quote, so it is shown as plain code; move it to the top level"
        )
      case .quote(let inner): stack += inner.map { ($0, true) }
      case .bulletList(let items), .orderedList(_, let items):
        stack += items.flatMap(\.blocks).map { ($0, true) }
      default: break
      }
    }
  }

  /// The file column where the fence's arguments start (after the language word).
  static func argumentsColumn(_ code: FencedCode, lines: [Substring]) -> Int {
    let index = code.fencePosition.line - 1
    guard index >= 0, index < lines.count, !code.arguments.isEmpty else {
      return code.fencePosition.column
    }
    let scalars = Array(lines[index].unicodeScalars)
    let needle = Array(code.arguments.unicodeScalars)
    var start = code.fencePosition.column - 1
    while start + needle.count <= scalars.count {
      if scalars[start..<start + needle.count].elementsEqual(needle) { return start + 1 }
      start += 1
    }
    return code.fencePosition.column
  }

  /// An `expect` block: a YAML list of strings (`- final_lr < 0.02`) or one-pair mappings
  /// (`- diverges: false`, kept as "diverges: false").
  static func readExpectations(
    _ yaml: YAMLBlock, fence: SourcePosition, into sink: inout DiagnosticSink
  ) -> [(text: String, parsed: Expectation?)] {
    guard let root = yaml.compose(into: &sink, what: "expect") else { return [] }
    guard case .sequence(let items) = root else {
      sink.error(fence, "an ```expect block must be a YAML list")
      return []
    }
    var result: [(String, Expectation?)] = []
    for item in items {
      var text: String
      var at = yaml.position(item)
      if let s = item.stringScalar {
        text = s
        if case .scalar(let scalar) = item, scalar.style != .plain {
          at.column += 1
        }
      } else if case .mapping(let mapping) = item, mapping.count == 1,
        let pair = mapping.first, let key = pair.key.string, let value = pair.value.string
      {
        text = "\(key): \(value)"
        at = yaml.position(pair.key)
      } else {
        sink.error(yaml.position(item), "each expectation must be a string like 'final_lr < 0.02'")
        continue
      }
      text = Sanitizer.cleanLine(text)
      switch Expectation.parse(text, at: at) {
      case .success(let e): result.append((text, e))
      case .failure(let problem):
        sink.error(
          SourcePosition(line: at.line, column: at.column + problem.offset),
          "expect \(quoted(text)): \(problem.message)")
        result.append((text, nil))
      }
    }
    return result.map { (text: $0.0, parsed: $0.1) }
  }
}

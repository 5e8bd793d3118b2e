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
          lab.expectations += expectations
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
    return result
  }

  static let meaningfulFences: Set<String> = ["quiz", "lab", "expect", "checkpoint"]

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
  ) -> [String] {
    guard let root = yaml.compose(into: &sink, what: "expect") else { return [] }
    guard case .sequence(let items) = root else {
      sink.error(fence, "an ```expect block must be a YAML list")
      return []
    }
    var result: [String] = []
    for item in items {
      if let s = item.stringScalar {
        result.append(Sanitizer.cleanLine(s))
      } else if case .mapping(let mapping) = item, mapping.count == 1,
        let pair = mapping.first, let key = pair.key.string, let value = pair.value.string
      {
        result.append(Sanitizer.cleanLine("\(key): \(value)"))
      } else {
        sink.error(yaml.position(item), "each expectation must be a string like 'final_lr < 0.02'")
      }
    }
    return result
  }
}

import Foundation
import Markdown
import Yams

/// A YAML text embedded in a lesson file (front matter or a fenced block), with the offset
/// that maps Yams' marks (1-based within the YAML) to file positions.
struct YAMLBlock {
  let text: String
  /// File line of the YAML's first line.
  let firstLine: Int
  /// Columns to add to a mark's column (a fence's indentation).
  let columnOffset: Int

  /// File position of the start of the YAML block (for "missing key" messages).
  var start: SourcePosition { SourcePosition(line: firstLine, column: 1 + columnOffset) }

  func position(_ node: Node) -> SourcePosition {
    guard let mark = node.mark else { return start }
    return position(mark)
  }

  func position(_ mark: Mark) -> SourcePosition {
    SourcePosition(line: firstLine + mark.line - 1, column: mark.column + columnOffset)
  }

  /// The root node, or nil with an error diagnostic if the YAML does not parse.
  func compose(into sink: inout DiagnosticSink, what: String) -> Node? {
    if let line = tooDeepLine() {
      sink.error(
        SourcePosition(line: firstLine + line, column: 1 + columnOffset),
        "the YAML in \(what) is nested more than \(Self.maxDepth) levels deep")
      return nil
    }
    do {
      return try Yams.compose(yaml: text)
    } catch let error as YamlError {
      switch error {
      case .scanner(let context, let problem, let mark, _),
        .parser(let context, let problem, let mark, _),
        .composer(let context, let problem, let mark, _):
        let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }
        sink.error(position(mark), "invalid YAML in \(what): \(detail.joined(separator: ", "))")
      case .reader(let problem, let offset, _, _):
        var line = firstLine
        if let offset {
          line += text.unicodeScalars.prefix(offset).filter { $0 == "\n" }.count
        }
        sink.error(
          SourcePosition(line: line, column: 1 + columnOffset),
          "invalid YAML in \(what): \(problem)")
      default:
        sink.error(start, "invalid YAML in \(what): \(error)")
      }
    } catch {
      sink.error(start, "invalid YAML in \(what): \(error)")
    }
    return nil
  }
}

extension YAMLBlock {
  /// Yams builds nodes recursively, so hostile nesting could overflow the stack: anything
  /// nested deeper than this (flow brackets, indentation or `- ` markers) is refused first.
  static let maxDepth = 64

  /// The 0-based line where the nesting gets too deep (a conservative estimate), or nil.
  func tooDeepLine() -> Int? {
    var line = 0
    var flowDepth = 0
    var quote: Unicode.Scalar?
    var atLineStart = true
    var indent = 0
    var markers = 0
    var previous: Unicode.Scalar = " "
    var inComment = false
    for c in text.unicodeScalars {
      if c == "\n" {
        line += 1
        atLineStart = true
        indent = 0
        markers = 0
        inComment = false
        previous = " "
        continue
      }
      defer { previous = c }
      if inComment { continue }
      if atLineStart {
        if c == " " {
          indent += 1
          continue
        }
        if (c == "-" || c == "?" || c == ":") && quote == nil {
          markers += 1
          if indent / 2 + markers > Self.maxDepth * 2 { return line }
          continue
        }
        atLineStart = false
        if indent > Self.maxDepth * 4 { return line }
      }
      if let q = quote {
        if c == q && previous != "\\" { quote = nil }
        continue
      }
      switch c {
      case "\"", "'": quote = c
      case "#" where previous == " ": inComment = true
      case "[", "{":
        flowDepth += 1
        if flowDepth > Self.maxDepth { return line }
      case "]", "}": flowDepth = max(0, flowDepth - 1)
      default: break
      }
    }
    return nil
  }
}

extension Node {
  /// "a string", "a list", "a mapping", for type-mismatch messages.
  var kindDescription: String {
    switch self {
    case .scalar: "a scalar"
    case .mapping: "a mapping"
    case .sequence: "a list"
    }
  }

  /// The text of a scalar that is a YAML string (not null), else nil.
  var stringScalar: String? {
    guard case .scalar(let scalar) = self else { return nil }
    if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
      return nil
    }
    return scalar.string
  }
}

extension Node {
  /// A number written as a YAML scalar ("0.025", "1e-9", "2.5E-2"), else nil.
  var number: Double? {
    guard case .scalar(let scalar) = self, scalar.style == .plain else { return nil }
    return Double(scalar.string.trimmingCharacters(in: .whitespaces)) ?? float
  }
}

import Foundation
import Markdown
import Yams

/// The YAML front matter of a lesson, read with every problem at its key's position.
struct FrontMatter {
  var id: String?
  var title: String?
  var order: Int?
  var formatVersion: Int?
  var prerequisites: [String] = []
  var summary: String?
  /// Where each key (and each prerequisite, as "prerequisites.N") was written.
  var positions: [String: SourcePosition] = [:]

  static let knownFormatVersion = 1
  static let requiredKeys = ["id", "title", "order", "format_version"]
  static let optionalKeys = ["prerequisites", "summary"]

  /// Splits `---`-delimited front matter from the body: (YAML, its first line, body, the body's
  /// first line); nil if the text does not start with `---`.
  static func split(_ lines: [Substring]) -> (yaml: String, body: String, bodyLine: Int)? {
    guard let first = lines.first, first.trimmingTrailingSpaces() == "---" else { return nil }
    for index in 1..<max(1, lines.count) {
      let line = lines[index].trimmingTrailingSpaces()
      if line == "---" || line == "..." {
        return (
          lines[1..<index].joined(separator: "\n"),
          lines[(index + 1)...].joined(separator: "\n"), index + 2
        )
      }
    }
    return nil
  }

  static func parse(_ yaml: YAMLBlock, into sink: inout DiagnosticSink) -> FrontMatter {
    var result = FrontMatter()
    guard let root = yaml.compose(into: &sink, what: "the front matter") else { return result }
    guard case .mapping(let mapping) = root else {
      sink.error(yaml.position(root), "the front matter must be a mapping of keys to values")
      return result
    }
    var seen: Set<String> = []
    for (keyNode, value) in mapping {
      let key = keyNode.string ?? ""
      let at = yaml.position(keyNode)
      if seen.contains(key) {
        sink.error(at, "duplicate front-matter key \(quoted(key))")
        continue
      }
      seen.insert(key)
      result.positions[key] = yaml.position(value)
      switch key {
      case "id":
        guard let id = value.stringScalar, LessonParser.isValidID(id) else {
          sink.error(
            yaml.position(value),
            "'id' must be lowercase letters, digits and dashes (got \(describe(value)))")
          continue
        }
        result.id = id
      case "title":
        guard let title = value.stringScalar, !title.trimmingCharacters(in: .whitespaces).isEmpty
        else {
          sink.error(yaml.position(value), "'title' must be a non-empty string")
          continue
        }
        result.title = Sanitizer.cleanLine(title)
      case "order":
        guard let order = value.int, value.stringScalar != nil else {
          sink.error(yaml.position(value), "'order' must be an integer (got \(describe(value)))")
          continue
        }
        result.order = order
      case "format_version":
        guard let version = value.int, value.stringScalar != nil else {
          sink.error(
            yaml.position(value), "'format_version' must be an integer (got \(describe(value)))")
          continue
        }
        guard version == knownFormatVersion else {
          sink.error(
            yaml.position(value),
            "unsupported format_version \(version) (this lrlab reads format_version \(knownFormatVersion))"
          )
          continue
        }
        result.formatVersion = version
      case "prerequisites":
        guard case .sequence(let items) = value else {
          sink.error(yaml.position(value), "'prerequisites' must be a list of lesson ids")
          continue
        }
        for (n, item) in items.enumerated() {
          guard let id = item.stringScalar, LessonParser.isValidID(id) else {
            sink.error(yaml.position(item), "prerequisite \(describe(item)) is not a lesson id")
            continue
          }
          result.positions["prerequisites.\(result.prerequisites.count)"] = yaml.position(item)
          _ = n
          result.prerequisites.append(id)
        }
      case "summary":
        guard let summary = value.stringScalar else {
          sink.error(yaml.position(value), "'summary' must be a string")
          continue
        }
        result.summary = Sanitizer.cleanLine(summary)
      default:
        sink.warning(at, "unknown front-matter key \(quoted(key))")
      }
    }
    for key in requiredKeys where !seen.contains(key) {
      sink.error(
        SourcePosition(line: 1, column: 1), "missing required front-matter key '\(key)'")
    }
    return result
  }

  /// A short description of a YAML value for messages.
  static func describe(_ node: Node) -> String {
    if let s = node.stringScalar { return quoted(s) }
    if case .scalar = node { return "nothing" }
    return node.kindDescription
  }
}

extension Substring {
  func trimmingTrailingSpaces() -> Substring {
    var s = self
    while let last = s.last, last == " " || last == "\t" || last == "\r" { s.removeLast() }
    return s
  }
}

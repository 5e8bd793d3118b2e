import Foundation
import Markdown

/// A `lab` fence: options in the info string, a PyTorch snippet as the body.
enum LabParser {
  /// Allowed values per option; nil means any value of the kind `numericOptions` names.
  static let enumOptions: [String: [String]] = [
    "model": ["sine", "linear", "finetune", "quadratic"],
    "step-every": ["batch", "epoch"],
    "mistake": ["none", "scheduler-first", "onecycle-per-epoch", "no-metric"],
    "metric": ["val", "train"],
  ]
  /// Integer options and their minimum.
  static let integerOptions: [String: Int] = ["epochs": 1, "batch-size": 1, "seed": 0]
  static let freeOptions: Set<String> = ["id", "title"]
  static let maxEpochs = 100_000

  struct Option {
    var key: String
    var value: String?
    /// 0-based offset of the option in the arguments string.
    var offset: Int
  }

  /// Splits `key=value key="quoted value"` (a `\"` inside quotes is a quote).
  static func options(_ arguments: String) -> [Option] {
    var result: [Option] = []
    let s = Array(arguments.unicodeScalars)
    var i = 0
    while i < s.count {
      while i < s.count && s[i] == " " { i += 1 }
      guard i < s.count else { break }
      let start = i
      var key = String.UnicodeScalarView()
      while i < s.count && s[i] != "=" && s[i] != " " {
        key.append(s[i])
        i += 1
      }
      guard i < s.count, s[i] == "=" else {
        result.append(Option(key: String(key), value: nil, offset: start))
        continue
      }
      i += 1
      var value = String.UnicodeScalarView()
      if i < s.count && s[i] == "\"" {
        i += 1
        while i < s.count && s[i] != "\"" {
          if s[i] == "\\", i + 1 < s.count, s[i + 1] == "\"" { i += 1 }
          value.append(s[i])
          i += 1
        }
        i += 1
      } else {
        while i < s.count && s[i] != " " {
          value.append(s[i])
          i += 1
        }
      }
      result.append(Option(key: String(key), value: String(value), offset: start))
    }
    return result
  }

  /// The lab (id not yet prefixed), or nil if unusable. `argumentsColumn` is the file column of
  /// the info string's arguments.
  static func parse(
    _ code: FencedCode, argumentsColumn: Int, into sink: inout DiagnosticSink
  ) -> (lab: Lab, idPosition: SourcePosition)? {
    var values: [String: String] = [:]
    var idPosition = code.fencePosition
    var usable = true
    for option in options(code.arguments) {
      let at = SourcePosition(
        line: code.fencePosition.line, column: argumentsColumn + option.offset)
      guard let value = option.value else {
        sink.error(at, "lab option \(quoted(option.key)) needs a value (key=value)")
        continue
      }
      if values[option.key] != nil {
        sink.warning(at, "lab option \(quoted(option.key)) is given twice; the last one counts")
      }
      if option.key == "id" { idPosition = at }
      if let allowed = enumOptions[option.key] {
        guard allowed.contains(value) else {
          var message =
            "lab option '\(option.key)' must be one of \(allowed.joined(separator: ", ")) (got \(quoted(value)))"
          if let s = Suggest.closest(to: value, in: allowed) { message += "; did you mean '\(s)'?" }
          sink.error(at, message)
          continue
        }
      } else if let minimum = integerOptions[option.key] {
        guard let n = Int(value), n >= minimum, option.key != "epochs" || n <= maxEpochs else {
          let range = option.key == "epochs" ? "\(minimum)…\(maxEpochs)" : "≥ \(minimum)"
          sink.error(
            at, "lab option '\(option.key)' must be an integer \(range) (got \(quoted(value)))")
          continue
        }
      } else if !freeOptions.contains(option.key) {
        var message = "unknown lab option \(quoted(option.key))"
        let known = Array(enumOptions.keys) + Array(integerOptions.keys) + Array(freeOptions)
        if let s = Suggest.closest(to: option.key, in: known.sorted()) {
          message += "; did you mean '\(s)'?"
        }
        sink.warning(at, message)
      }
      values[option.key] = value
    }
    if values["id"] == nil {
      sink.error(code.fencePosition, "lab has no 'id' option (```lab id=…)")
      usable = false
    } else if let id = values["id"], !LessonParser.isValidID(id) {
      sink.error(idPosition, "lab id \(quoted(id)) must be lowercase letters, digits and dashes")
      usable = false
    }
    if code.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      sink.error(code.fencePosition, "lab has no code")
      usable = false
    } else if let problem = SnippetCheck.problem(in: code.text) {
      let at = SourcePosition(
        line: code.contentLine + problem.line - 1,
        column: problem.column + code.fencePosition.column - 1)
      sink.error(at, "lab snippet: \(problem.message)")
      usable = false
    }
    guard usable, let id = values["id"] else { return nil }
    var options = values.mapValues(Sanitizer.cleanLine)
    options["id"] = nil
    let title = options.removeValue(forKey: "title").map(Sanitizer.cleanLine)
    let lab = Lab(
      id: id, title: title, code: code.text, options: options, expectations: [],
      position: code.fencePosition)
    return (lab, idPosition)
  }
}

import Foundation
import Markdown
import Yams

/// A `checkpoint` fence (id, text, requires) and the `requires` vocabulary.
enum CheckpointParser {
  /// torch.optim.lr_scheduler classes, for `ran:<SchedulerClass>`.
  static let schedulerClasses: Set<String> = [
    "LambdaLR", "MultiplicativeLR", "StepLR", "MultiStepLR", "ConstantLR", "LinearLR",
    "ExponentialLR", "PolynomialLR", "CosineAnnealingLR", "ChainedScheduler", "SequentialLR",
    "ReduceLROnPlateau", "CyclicLR", "OneCycleLR", "CosineAnnealingWarmRestarts",
  ]
  static let fixedRequirements: Set<String> = [
    "viewed:lr-plot", "ran:warmup-sequential", "ran:plateau-val",
  ]

  /// nil if `requirement` is in the vocabulary, else why not.
  static func vocabularyProblem(_ requirement: String) -> String? {
    if fixedRequirements.contains(requirement) { return nil }
    if requirement.hasPrefix("ran:") {
      let name = requirement.dropFirst(4)
      if schedulerClasses.contains(String(name)) { return nil }
      var message = "unknown scheduler class \(quoted(String(name))) in \(quoted(requirement))"
      if let s = Suggest.closest(to: String(name), in: schedulerClasses.sorted()) {
        message += "; did you mean 'ran:\(s)'?"
      } else if let s = Suggest.closest(to: requirement, in: fixedRequirements.sorted()) {
        message += "; did you mean '\(s)'?"
      }
      return message
    }
    if requirement.hasPrefix("ran-lab:") {
      let parts = requirement.dropFirst(8).split(separator: "/", omittingEmptySubsequences: false)
      return parts.count == 2 && parts.allSatisfy({ LessonParser.isValidID(String($0)) })
        ? nil : "\(quoted(requirement)) must be ran-lab:<lesson-id>/<lab-id>"
    }
    if let s = Suggest.closest(to: requirement, in: fixedRequirements.sorted()) {
      return "unknown requirement \(quoted(requirement)); did you mean '\(s)'?"
    }
    return
      "unknown requirement \(quoted(requirement)) (use ran:<SchedulerClass>, ran-lab:<lesson>/<lab>, viewed:lr-plot, ran:warmup-sequential or ran:plateau-val)"
  }

  static func parse(_ yaml: YAMLBlock, fence: SourcePosition, into sink: inout DiagnosticSink)
    -> (checkpoint: Checkpoint, idPosition: SourcePosition)?
  {
    guard let root = yaml.compose(into: &sink, what: "checkpoint") else { return nil }
    guard case .mapping(let mapping) = root else {
      sink.error(fence, "a checkpoint must be a YAML mapping (id, text, requires)")
      return nil
    }
    var id: String?
    var idPosition = fence
    var text: String?
    var requires: [String] = []
    var usable = true
    var seen: Set<String> = []
    for (keyNode, value) in mapping {
      let key = keyNode.string ?? ""
      seen.insert(key)
      switch key {
      case "id":
        idPosition = yaml.position(value)
        guard let s = value.stringScalar, LessonParser.isValidID(s) else {
          sink.error(idPosition, "checkpoint 'id' must be lowercase letters, digits and dashes")
          usable = false
          continue
        }
        id = s
      case "text":
        text = value.stringScalar
        if text == nil {
          sink.error(yaml.position(value), "checkpoint 'text' must be a string")
          usable = false
        }
      case "requires":
        guard case .sequence(let items) = value else {
          sink.error(yaml.position(value), "checkpoint 'requires' must be a list")
          usable = false
          continue
        }
        for item in items {
          guard let s = item.stringScalar else {
            sink.error(yaml.position(item), "each requirement must be a string")
            usable = false
            continue
          }
          if let problem = vocabularyProblem(s) {
            sink.error(yaml.position(item), problem)
            usable = false
          }
          requires.append(s)
        }
      default:
        sink.warning(yaml.position(keyNode), "unknown checkpoint key \(quoted(key))")
      }
    }
    if seen.contains("requires") && requires.isEmpty && usable {
      sink.error(fence, "checkpoint 'requires' must list at least one condition")
      usable = false
    }
    for key in ["id", "text", "requires"] where !seen.contains(key) {
      sink.error(fence, "checkpoint is missing '\(key)'")
      usable = false
    }
    guard usable, let id, let text else { return nil }
    let checkpoint = Checkpoint(
      id: id, text: MarkdownParser.parseInlines(text), requires: requires.map(Sanitizer.cleanLine),
      position: fence)
    return (checkpoint, idPosition)
  }
}

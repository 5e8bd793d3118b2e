/// A finished run kept on the charts as a ghost under the next one.
public struct LabGhost: Sendable, Equatable {
  public var label: String
  public var trace: LabTrace
  /// The "(right)" run a mistake preset (1-5) shows beside itself: this lab's only, never put
  /// on the lesson's shelf.
  public var isPresetComparison: Bool
  public init(label: String, trace: LabTrace, isPresetComparison: Bool = false) {
    self.label = label
    self.trace = trace
    self.isPresetComparison = isPresetComparison
  }
}

/// One line of the compare table.
public struct LabCompareRow: Sendable, Equatable {
  public var label: String
  public var finalLoss: Double?
  public var bestLoss: Double?
  /// The first step whose loss reached the table's target (nil: never).
  public var stepsToTarget: Int?
  public var diverged: Bool
}

/// The compare table: final and best loss of each run, and how many steps each took to reach a
/// loss every finite run reaches (the worst of their best losses), so the numbers compare.
public enum LabCompare {
  /// The losses a run is judged on: validation per epoch when the model has it, else training.
  static func lossPoints(_ trace: LabTrace) -> [(step: Int, value: Double)] {
    let validation = trace.validationPoints
    return validation.isEmpty ? trace.steps.map { ($0.step, $0.trainLoss) } : validation
  }

  public static func table(_ runs: [(label: String, trace: LabTrace)]) -> (
    target: Double?, rows: [LabCompareRow]
  ) {
    let bests: [Double?] = runs.map { run in
      lossPoints(run.trace).map(\.value).filter(\.isFinite).min()
    }
    let target = bests.compactMap { $0 }.max()
    let rows = zip(runs, bests).map { run, best in
      let points = lossPoints(run.trace)
      let reached = target.flatMap { t in points.first { $0.value.isFinite && $0.value <= t }?.step
      }
      let diverged = run.trace.events.contains { $0.kind == .divergence }
      return LabCompareRow(
        label: run.label, finalLoss: points.last?.value, bestLoss: best, stepsToTarget: reached,
        diverged: diverged)
    }
    return (target, rows)
  }
}

extension LabConfig {
  /// A few words naming this run in legends and the compare table.
  public var shortLabel: String {
    switch schedule {
    case .code: return "typed code"
    case .template(let template, let values):
      let lrText = "lr=\(pythonFloat(lr))"
      let first = template.knobs.first.flatMap { spec in
        values[spec.key].map { "\(spec.key)=\($0)" }
      }
      switch template {
      case .constant: return "fixed \(lrText)"
      case .warmupCosine, .warmupLinear:
        let name = template == .warmupCosine ? "warmup+cosine" : "warmup+linear"
        return "\(name) \(first ?? "")"
      default:
        return [template.rawValue, first, mistake == .none ? nil : "(\(mistake.rawValue))"]
          .compactMap { $0 }.joined(separator: " ")
      }
    }
  }
}

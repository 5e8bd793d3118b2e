import Foundation
import Schedulers

/// Derives timeline events from the scheduler's parameters and its lr before and after each
/// `scheduler.step()`. Checks are a few comparisons per step.
struct EventDetector {
  /// SequentialLR's child index at the previous step, by scheduler identity.
  private var sequentialIndex: [ObjectIdentifier: Int] = [:]
  /// CyclicLR's last lr direction (+1 rising, −1 falling).
  private var cyclicDirection: [ObjectIdentifier: Int] = [:]
  private var warningsSeen = 0
  private var warningChecks = 0
  private let watched: Watched

  init(_ scheduler: (any LRScheduler)?) {
    watched = scheduler.map(Watched.init) ?? .other
  }

  /// Appends the events of the step that just ran.
  mutating func observe(
    _ scheduler: any LRScheduler, lrBefore: Double, lrAfter: Double, step: Int, epoch: Int,
    into history: inout RunHistory
  ) {
    var found: [(TrainingEvent.Kind, String)] = []
    inspect(watched, lrBefore, lrAfter, &found)
    // PyTorch's warnings come at the first steps; looking later would cost for nothing.
    if warningChecks < 3 {
      warningChecks += 1
      let warnings = scheduler.warnings
      for text in warnings.dropFirst(warningsSeen) { found.append((.warning, text)) }
      warningsSeen = warnings.count
    }
    for (kind, label) in found {
      history.append(TrainingEvent(kind: kind, step: step, epoch: epoch, label: label))
    }
  }

  /// A scheduler, classified once (a dynamic cast per step would cost more than the checks).
  enum Watched {
    case step(StepLR)
    case multiStep
    case plateau(ReduceLROnPlateau)
    case linear(LinearLR)
    case constant(ConstantLR)
    case cosine(CosineAnnealingLR)
    case oneCycle(OneCycleLR)
    case cyclic(CyclicLR)
    case sequential(SequentialLR, children: [Watched])
    case transformers(TransformersSchedule, warmup: Int, end: Int?)
    case greedy(GreedyLR)
    case other

    init(_ scheduler: any LRScheduler) {
      switch scheduler {
      case let s as StepLR: self = .step(s)
      case is MultiStepLR: self = .multiStep
      case let s as ReduceLROnPlateau: self = .plateau(s)
      case let s as LinearLR: self = .linear(s)
      case let s as ConstantLR: self = .constant(s)
      case let s as CosineAnnealingLR: self = .cosine(s)
      case let s as OneCycleLR: self = .oneCycle(s)
      case let s as CyclicLR: self = .cyclic(s)
      case let s as SequentialLR: self = .sequential(s, children: s.schedulers.map(Watched.init))
      case let s as TransformersSchedule:
        self = .transformers(s, warmup: s.formula.warmupSteps, end: s.formula.endStep)
      case let s as GreedyLR: self = .greedy(s)
      default: self = .other
      }
    }
  }

  private mutating func inspect(
    _ watched: Watched, _ before: Double, _ after: Double,
    _ found: inout [(TrainingEvent.Kind, String)]
  ) {
    func change() -> String { "lr \(shortNumber(before)) → \(shortNumber(after))" }
    switch watched {
    case .step(let s) where after < before:
      found.append((.milestone, "StepLR milestone (step_size=\(s.stepSize)): \(change())"))
    case .multiStep where after < before:
      found.append((.milestone, "MultiStepLR milestone: \(change())"))
    case .plateau(let s) where after < before:
      found.append((.plateauCut, "ReduceLROnPlateau cut (patience \(s.patience)): \(change())"))
    case .greedy(let s) where after != before:
      found.append(
        (
          after < before ? .plateauCut : .milestone,
          "GreedyLR \(after < before ? "cut" : "raise") (patience \(s.patience)): \(change())"
        ))
    case .transformers(let s, let warmup, let end):
      if warmup > 0 && s.lastEpoch == warmup {
        found.append((.warmupEnded, "\(s.className) warm-up ended after \(warmup) steps"))
      } else if let end, s.lastEpoch == end {
        found.append(
          (.etaMinReached, "\(s.className) reached its end at num_training_steps=\(end)"))
      }
    case .linear(let s) where s.lastEpoch == s.totalIters && s.startFactor < s.endFactor:
      found.append((.warmupEnded, "LinearLR warm-up ended after \(s.totalIters) steps"))
    case .constant(let s) where s.lastEpoch == s.totalIters && s.factor < 1:
      found.append((.warmupEnded, "ConstantLR ended after \(s.totalIters) steps"))
    case .cosine(let s):
      if s.lastEpoch == s.tMax {
        found.append((.etaMinReached, "CosineAnnealingLR reached eta_min at T_max=\(s.tMax)"))
      } else if s.lastEpoch == s.tMax + 1 {
        found.append(
          (.tMaxPassedRising, "CosineAnnealingLR stepped past T_max=\(s.tMax): lr rises again"))
      }
    case .oneCycle(let s):
      let now = Double(s.lastEpoch)
      for (index, phase) in s.phases.enumerated()
      where now >= phase.endStep && now - 1 < phase.endStep {
        if phase.endLR == .maxLR {
          found.append((.oneCyclePeak, "OneCycleLR peak: lr = max_lr \(shortNumber(after))"))
        } else {
          found.append((.phaseEnd, "OneCycleLR phase \(index + 1) of \(s.phases.count) ended"))
        }
      }
    case .cyclic(let s):
      let key = ObjectIdentifier(s)
      let direction = after > before ? 1 : (after < before ? -1 : 0)
      if direction != 0 {
        if let last = cyclicDirection[key], last != direction {
          found.append((.phaseEnd, direction < 0 ? "CyclicLR peak" : "CyclicLR trough"))
        }
        cyclicDirection[key] = direction
      }
    case .sequential(let s, let children):
      let key = ObjectIdentifier(s)
      let index = s.currentIndex
      let previous = sequentialIndex[key] ?? index
      sequentialIndex[key] = index
      if index != previous {
        let old = s.schedulers[previous]
        if isWarmup(old) {
          found.append((.warmupEnded, "\(old.className) warm-up ended"))
        }
        found.append(
          (
            .sequentialHandOver,
            "SequentialLR hands over to \(s.currentScheduler.className) at milestone "
              + "\(s.milestones[index - 1 < 0 ? 0 : min(index - 1, s.milestones.count - 1)])"
          ))
      } else if index < children.count {
        inspect(children[index], before, after, &found)
      }
    default:
      break
    }
  }

  private func isWarmup(_ scheduler: any LRScheduler) -> Bool {
    if let s = scheduler as? LinearLR { return s.startFactor < s.endFactor }
    if let s = scheduler as? ConstantLR { return s.factor < 1 }
    if scheduler.className == "LambdaLR" { return true }
    return false
  }
}

/// Four significant digits, for labels and tables.
func shortNumber(_ x: Double) -> String {
  x.isFinite ? String(format: "%.4g", x) : (x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf"))
}

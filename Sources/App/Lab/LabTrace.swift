/// One optimizer step of a lab run, as the charts and the readout use it.
public struct LabStepRecord: Sendable, Equatable {
  /// Global optimizer step, from 1.
  public var step: Int
  /// The epoch this step belongs to, from 0.
  public var epoch: Int
  /// The LR each param group used for this step.
  public var lrs: [Double]
  /// Momentum (SGD) or beta1 (Adam) per group.
  public var momenta: [Double]
  public var trainLoss: Double

  public init(step: Int, epoch: Int, lrs: [Double], momenta: [Double], trainLoss: Double) {
    self.step = step
    self.epoch = epoch
    self.lrs = lrs
    self.momenta = momenta
    self.trainLoss = trainLoss
  }
}

/// ReduceLROnPlateau's bookkeeping after an epoch's `step(metric)`.
public struct PlateauSnapshot: Sendable, Equatable {
  public var best: Double
  public var badEpochs: Int
  public var patience: Int
  /// Epochs of cooldown still to wait (0: not cooling down).
  public var cooldownCounter: Int
  public var cooldown: Int
  public init(best: Double, badEpochs: Int, patience: Int, cooldownCounter: Int, cooldown: Int) {
    self.best = best
    self.badEpochs = badEpochs
    self.patience = patience
    self.cooldownCounter = cooldownCounter
    self.cooldown = cooldown
  }
}

/// The end of one epoch: validation and, on `finetune`, task-A loss.
public struct LabEpochRecord: Sendable, Equatable {
  public var epoch: Int
  /// The global step (from 1) of the epoch's last optimizer step.
  public var lastStep: Int
  public var valLoss: Double?
  public var taskALoss: Double?
  public var plateau: PlateauSnapshot?
  public init(
    epoch: Int, lastStep: Int, valLoss: Double?, taskALoss: Double? = nil,
    plateau: PlateauSnapshot? = nil
  ) {
    self.epoch = epoch
    self.lastStep = lastStep
    self.valLoss = valLoss
    self.taskALoss = taskALoss
    self.plateau = plateau
  }
}

/// Something the schedule did, placed on the step axis and labelled for the chart.
public struct LabEvent: Sendable, Equatable {
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    case milestone, warmupEnd, handOver, plateauCut, etaMinReached, tMaxPassed, oneCyclePeak,
      phaseEnd, warning, divergence, error
    /// A one-character glyph drawn on the marker (readable without colour).
    public var glyph: Character {
      switch self {
      case .milestone: "M"
      case .warmupEnd: "W"
      case .handOver: "H"
      case .plateauCut: "P"
      case .etaMinReached: "E"
      case .tMaxPassed: "T"
      case .oneCyclePeak: "^"
      case .phaseEnd: "|"
      case .warning: "?"
      case .divergence: "X"
      case .error: "!"
      }
    }
  }
  /// A few characters for the chart marker: the glyph, what happened, and the new LR when
  /// the label says it ("… lr 0.1 → 0.05").
  public var markerLabel: String {
    let name: String =
      switch kind {
      case .milestone: "milestone"
      case .warmupEnd: "warmup end"
      case .handOver: "hand-over"
      case .plateauCut: "cut"
      case .etaMinReached: "eta_min"
      case .tMaxPassed: "T_max passed"
      case .oneCyclePeak: "peak"
      case .phaseEnd: "phase end"
      case .warning: "warning"
      case .divergence: "diverged"
      case .error: "error"
      }
    if let arrow = label.range(of: "→ ", options: .backwards) {
      let value = label[arrow.upperBound...].prefix { !$0.isWhitespace && $0 != ")" && $0 != "," }
      if !value.isEmpty { return "\(kind.glyph) →\(value)" }
    }
    return "\(kind.glyph) \(name)"
  }

  /// The global step (from 1) the event happened at.
  public var step: Int
  public var kind: Kind
  /// Short text from the schedule itself ("×0.5 at epoch 10", "T_max=15 passed").
  public var label: String
  public init(step: Int, kind: Kind, label: String) {
    self.step = step
    self.kind = kind
    self.label = label
  }
}

/// `NoisyQuadraticTheory.noiseFloor`: the expected loss plain SGD settles at for a constant lr.
public struct LabNoiseFloor: Sendable, Equatable {
  public var lr: Double
  public var loss: Double
  public init(lr: Double, loss: Double) {
    self.lr = lr
    self.loss = loss
  }
}

/// Everything a run has produced so far. Grows as the simulation advances.
public struct LabTrace: Sendable, Equatable {
  public var groupNames: [String]
  public var stepsPerEpoch: Int
  /// Total optimizer steps planned (epochs × batches), for the x-axis.
  public var plannedSteps: Int
  public var cyclesMomentum: Bool
  public var hasTaskA: Bool
  public var steps: [LabStepRecord] = []
  public var epochs: [LabEpochRecord] = []
  public var events: [LabEvent] = []
  /// The run ended (all epochs done, diverged, or stopped by an error).
  public var finished = false
  /// Why it ended early (divergence or a scheduler error), in words.
  public var failure: String?
  /// The noisy quadratic's theoretical floor for plain SGD at the run's starting LR (nil on the
  /// other models, or with momentum / Adam, where the closed form does not apply).
  public var noiseFloor: LabNoiseFloor?

  public init(
    groupNames: [String], stepsPerEpoch: Int, plannedSteps: Int, cyclesMomentum: Bool = false,
    hasTaskA: Bool = false
  ) {
    self.groupNames = groupNames
    self.stepsPerEpoch = stepsPerEpoch
    self.plannedSteps = plannedSteps
    self.cyclesMomentum = cyclesMomentum
    self.hasTaskA = hasTaskA
  }

  /// The last finished epoch at or before global step `step`.
  public func epochRecord(atOrBefore step: Int) -> LabEpochRecord? {
    var lo = 0
    var hi = epochs.count - 1
    var found: LabEpochRecord?
    while lo <= hi {
      let mid = (lo + hi) / 2
      if epochs[mid].lastStep <= step {
        found = epochs[mid]
        lo = mid + 1
      } else {
        hi = mid - 1
      }
    }
    return found
  }

  /// The validation losses as (step, value) points for the loss chart.
  public var validationPoints: [(step: Int, value: Double)] {
    epochs.compactMap { e in e.valLoss.map { (e.lastStep, $0) } }
  }
}

/// The Lab's one step numbering, used by every panel, label and message on screen: the k-th
/// optimizer step is "step k" and the k-th epoch "epoch k" (both from 1, as the readout counts
/// "step 40/160"). Training and the exported files count from 0, as PyTorch's loop and
/// `lrlab simulate` do; only these functions convert.
public enum LabNumbering {
  /// Training's 0-based step index as the Lab shows it.
  public static func step(fromTraining index: Int) -> Int { index + 1 }
  /// Training's 0-based epoch index as the Lab shows it.
  public static func epoch(fromTraining index: Int) -> Int { index + 1 }

  /// A label from Training with its 0-based "at step N" / "after epoch N" renumbered for the
  /// screen ("diverged: training loss inf at step 5" is the 6th step, shown as step 6).
  public static func relabel(_ label: String) -> String {
    var out = ""
    var rest = Substring(label)
    let patterns: [(String, (Int) -> Int)] = [("at step ", step), ("after epoch ", epoch)]
    while !rest.isEmpty {
      var matched = false
      for (prefix, convert) in patterns where rest.hasPrefix(prefix) {
        let digits = rest.dropFirst(prefix.count).prefix { $0.isASCII && $0.isNumber }
        guard let n = Int(digits) else { continue }
        out += prefix + String(convert(n))
        rest = rest.dropFirst(prefix.count + digits.count)
        matched = true
        break
      }
      if !matched {
        out.append(rest.removeFirst())
      }
    }
    return out
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `torch.optim.lr_scheduler.OneCycleLR`: warm up from `max_lr/div_factor` to `max_lr`, then
/// anneal to `initial_lr/final_div_factor` (momentum / beta1 mirrored), stepped per batch.
/// Exactly `total_steps` user steps succeed; the next raises.
public final class OneCycleLR: CoreScheduler {
  /// Which group value a phase starts or ends at.
  public enum PhaseValue: String, Sendable {
    case initialLR = "initial_lr"
    case maxLR = "max_lr"
    case minLR = "min_lr"
    case maxMomentum = "max_momentum"
    case baseMomentum = "base_momentum"
  }

  /// One `_schedule_phases` entry.
  public struct Phase: Sendable, Equatable {
    /// The (float) step at which the phase ends.
    public let endStep: Double
    public let startLR: PhaseValue
    public let endLR: PhaseValue
    public let startMomentum: PhaseValue
    public let endMomentum: PhaseValue
  }

  public let className = "OneCycleLR"
  public let optimizer: OptimizerState
  public let totalSteps: Int
  public let phases: [Phase]
  public let pctStart: Double
  public let annealStrategy: String
  public let cycleMomentum: Bool
  public let baseMomentums: [Double]
  public let maxMomentums: [Double]
  public let divFactor: Double
  public let finalDivFactor: Double
  public let threePhase: Bool
  private let cosine: Bool
  let coreCell: CoreCell

  public init(
    optimizer: OptimizerState, maxLR: PerGroup<Double>, totalSteps: Int? = nil,
    epochs: Int? = nil, stepsPerEpoch: Int? = nil, pctStart: Double = 0.3,
    annealStrategy: String = "cos", cycleMomentum: Bool = true,
    baseMomentum: PerGroup<Double> = .same(0.85), maxMomentum: PerGroup<Double> = .same(0.95),
    divFactor: Double = 25.0, finalDivFactor: Double = 1e4, threePhase: Bool = false,
    lastEpoch: Int = -1
  ) throws(SchedulerError) {
    self.optimizer = optimizer
    if let totalSteps {
      if totalSteps <= 0 {
        throw .value("Expected positive integer total_steps, but got \(totalSteps)")
      }
      self.totalSteps = totalSteps
    } else if let epochs, let stepsPerEpoch {
      if epochs <= 0 { throw .value("Expected positive integer epochs, but got \(epochs)") }
      if stepsPerEpoch <= 0 {
        throw .value("Expected positive integer steps_per_epoch, but got \(stepsPerEpoch)")
      }
      let (product, overflow) = epochs.multipliedReportingOverflow(by: stepsPerEpoch)
      if overflow || product > epochLimit {
        throw SchedulerError(
          "OverflowError",
          "epochs * steps_per_epoch = \(epochs) * \(stepsPerEpoch) is outside the supported range")
      }
      self.totalSteps = product
    } else {
      throw .value("You must define either total_steps OR (epochs AND steps_per_epoch)")
    }
    let steps = Double(self.totalSteps)
    if threePhase {
      phases = [
        Phase(
          endStep: pctStart * steps - 1, startLR: .initialLR, endLR: .maxLR,
          startMomentum: .maxMomentum, endMomentum: .baseMomentum),
        Phase(
          endStep: 2 * pctStart * steps - 2, startLR: .maxLR, endLR: .initialLR,
          startMomentum: .baseMomentum, endMomentum: .maxMomentum),
        Phase(
          endStep: Double(self.totalSteps - 1), startLR: .initialLR, endLR: .minLR,
          startMomentum: .maxMomentum, endMomentum: .maxMomentum),
      ]
    } else {
      phases = [
        Phase(
          endStep: pctStart * steps - 1, startLR: .initialLR, endLR: .maxLR,
          startMomentum: .maxMomentum, endMomentum: .baseMomentum),
        Phase(
          endStep: Double(self.totalSteps - 1), startLR: .maxLR, endLR: .minLR,
          startMomentum: .baseMomentum, endMomentum: .maxMomentum),
      ]
    }
    if pctStart < 0 || pctStart > 1 {
      throw .value("Expected float between 0 and 1 pct_start, but got \(pyRepr(pctStart))")
    }
    if annealStrategy != "cos" && annealStrategy != "linear" {
      throw .value(
        "anneal_strategy must be one of 'cos' or 'linear', instead got \(annealStrategy)")
    }
    self.pctStart = pctStart
    self.annealStrategy = annealStrategy
    cosine = annealStrategy == "cos"
    self.divFactor = divFactor
    self.finalDivFactor = finalDivFactor
    self.threePhase = threePhase
    let groupCount = optimizer.groups.count
    let maxLRs = try maxLR.expanded(name: "max_lr", groupCount: groupCount)
    if lastEpoch == -1 {
      for i in 0..<groupCount {
        let initialLR = maxLRs[i] / divFactor
        optimizer.groups[i].initialLR = initialLR
        optimizer.groups[i].maxLR = maxLRs[i]
        optimizer.groups[i].minLR = initialLR / finalDivFactor
      }
    }
    self.cycleMomentum = cycleMomentum
    // SGD has `momentum` and Adam(W) `betas` among their defaults, so PyTorch's "optimizer must
    // support momentum or beta1" check always passes here.
    if cycleMomentum {
      maxMomentums = try maxMomentum.expanded(name: "max_momentum", groupCount: groupCount)
      baseMomentums = try baseMomentum.expanded(name: "base_momentum", groupCount: groupCount)
      if lastEpoch == -1 {
        for i in 0..<groupCount { optimizer.setMomentum(maxMomentums[i], ofGroup: i) }
      }
    } else {
      maxMomentums = []
      baseMomentums = []
    }
    coreCell = CoreCell(try SchedulerCore(optimizer: optimizer, lastEpoch: lastEpoch))
    try initialStep()
  }

  public var lastEpoch: Int { core.lastEpoch }
  public var lastLR: [Double] { core.lastLR }
  public var baseLRs: [Double] { core.baseLRs }
  public var warnings: [String] { core.warnings }
  public var cyclesMomentum: Bool { cycleMomentum }
  /// Each phase's end step, e.g. [29.0, 99.0] for total_steps=100.
  public var phaseEndSteps: [Double] { phases.map(\.endStep) }
  public var maxLRs: [Double] { optimizer.groups.map { $0.maxLR ?? $0.lr } }

  public func step() throws(SchedulerError) { try baseStep() }
  public func step(metric: Double) throws(SchedulerError) { throw metricNotAccepted(by: className) }

  /// `group[key]`, or the KeyError PyTorch raises when it is missing (resuming without setup).
  @inline(__always)
  private func value(_ key: PhaseValue, group index: Int) throws(SchedulerError) -> Double {
    let found: Double?
    switch key {
    case .initialLR: found = optimizer.groups[index].initialLR
    case .maxLR: found = optimizer.groups[index].maxLR
    case .minLR: found = optimizer.groups[index].minLR
    case .maxMomentum: found = index < maxMomentums.count ? maxMomentums[index] : nil
    case .baseMomentum: found = index < baseMomentums.count ? baseMomentums[index] : nil
    }
    guard let found else { throw SchedulerError("KeyError", "'\(key.rawValue)'") }
    return found
  }

  func computeLR() throws(SchedulerError) {
    let stepNum = core.lastEpoch
    if stepNum > totalSteps {
      throw .value(
        "Tried to step \(stepNum) times. The specified number of total steps is \(totalSteps)")
    }
    let step = Double(stepNum)
    let groupCount = optimizer.groups.count
    prepareValues(groupCount)
    for group in 0..<groupCount {
      var startStep = 0.0
      for (i, phase) in phases.enumerated() {
        let endStep = phase.endStep
        guard step <= endStep || i == phases.count - 1 else {
          startStep = endStep
          continue
        }
        let pct = try pyDivide(step - startStep, endStep - startStep)
        let startLR = try value(phase.startLR, group: group)
        let endLR = try value(phase.endLR, group: group)
        if cosine {
          let cosOut = cos(Double.pi * pct) + 1
          core.values[group] = endLR + (startLR - endLR) / 2.0 * cosOut
          if cycleMomentum {
            let start = try value(phase.startMomentum, group: group)
            let end = try value(phase.endMomentum, group: group)
            optimizer.setMomentum(end + (start - end) / 2.0 * cosOut, ofGroup: group)
          }
        } else {
          core.values[group] = (endLR - startLR) * pct + startLR
          if cycleMomentum {
            let start = try value(phase.startMomentum, group: group)
            let end = try value(phase.endMomentum, group: group)
            optimizer.setMomentum((end - start) * pct + start, ofGroup: group)
          }
        }
        break
      }
    }
  }
}

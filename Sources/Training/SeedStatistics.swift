import TorchSnippet

/// One seed's outcome, in the terms of `torch_toy_sine.json`'s `runs`.
public struct SeedOutcome: Sendable, Equatable {
  public var seed: UInt64
  /// A training loss was not finite or exceeded the bound (1e6): the run stopped there.
  public var diverged: Bool
  public var divergedAtStep: Int?
  /// The last epoch's validation MSE (nil when no epoch finished).
  public var finalValidation: Double?
  /// The lowest validation MSE of any epoch.
  public var bestValidation: Double?

  public init(_ run: TrainingRun) {
    let summary = run.summary
    seed = run.config.seed
    diverged = summary.diverged
    divergedAtStep = summary.divergedAtStep
    finalValidation = summary.finalValidationLoss
    bestValidation = summary.bestValidationLoss
  }
}

/// The 25th, 50th and 75th percentiles (NumPy's default, linear interpolation).
public struct Quartiles: Sendable, Equatable {
  public var p25: Double
  public var median: Double
  public var p75: Double

  public init(p25: Double, median: Double, p75: Double) {
    self.p25 = p25
    self.median = median
    self.p75 = p75
  }

  /// nil for no values.
  public init?(_ values: [Double]) {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return nil }
    func at(_ q: Double) -> Double {
      let position = q * Double(sorted.count - 1)
      let low = Int(position.rounded(.down))
      let high = min(low + 1, sorted.count - 1)
      return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
    }
    self.init(p25: at(0.25), median: at(0.5), p75: at(0.75))
  }
}

/// A configuration's statistics over seeds, as `torch_toy_sine.json`'s `stats`: the fraction
/// of seeds that diverged, and quartiles of final and best validation MSE over the others.
public struct SeedStatistics: Sendable, Equatable {
  public var seeds: Int
  public var divergedFraction: Double
  public var finalValidation: Quartiles?
  public var bestValidation: Quartiles?

  public init(
    seeds: Int, divergedFraction: Double, finalValidation: Quartiles?, bestValidation: Quartiles?
  ) {
    self.seeds = seeds
    self.divergedFraction = divergedFraction
    self.finalValidation = finalValidation
    self.bestValidation = bestValidation
  }

  public init(_ outcomes: [SeedOutcome]) {
    let converged = outcomes.filter { !$0.diverged }
    seeds = outcomes.count
    divergedFraction =
      outcomes.isEmpty ? 0 : Double(outcomes.count - converged.count) / Double(outcomes.count)
    finalValidation = Quartiles(converged.compactMap(\.finalValidation))
    bestValidation = Quartiles(converged.compactMap(\.bestValidation))
  }

  /// Trains `source` (optimizer + scheduler lines) on `config` once per seed.
  /// `num_epochs` and `len(train_loader)` are bound to the config's.
  public static func measure(
    _ source: String, config: RunConfig, seeds: Range<UInt64>
  ) throws -> (statistics: SeedStatistics, outcomes: [SeedOutcome]) {
    let program = try SnippetProgram.parse(source)
    let context = SnippetContext(
      trainLoaderLength: config.batchesPerEpoch, numEpochs: config.epochs)
    var outcomes: [SeedOutcome] = []
    for seed in seeds {
      var seeded = config
      seeded.seed = seed
      let run = try TrainingRun(config: seeded, built: try program.build(context))
      run.runToEnd()
      outcomes.append(SeedOutcome(run))
    }
    return (SeedStatistics(outcomes), outcomes)
  }
}

/// How two sets of statistics agree, by `torch_toy_sine.json`'s rule: divergence fractions
/// within 0.2; where most seeds of the reference converge, median final and best validation
/// MSE within 25 % of the reference's.
public struct StatisticsAgreement: Sendable, Equatable {
  public static let divergenceTolerance = 0.2
  public static let medianTolerance = 0.25

  public var divergenceDifference: Double
  /// (ours − reference) / reference, nil where the medians are not compared.
  public var finalMedianError: Double?
  public var bestMedianError: Double?
  /// Most reference seeds converged, so the medians count.
  public var mediansCompared: Bool
  public var agrees: Bool

  public init(_ ours: SeedStatistics, reference: SeedStatistics) {
    divergenceDifference = abs(ours.divergedFraction - reference.divergedFraction)
    mediansCompared = reference.divergedFraction < 0.5
    var ok = divergenceDifference <= Self.divergenceTolerance + 1e-9
    func relative(_ a: Quartiles?, _ b: Quartiles?) -> Double? {
      guard let a, let b else { return nil }
      return (a.median - b.median) / b.median
    }
    finalMedianError = relative(ours.finalValidation, reference.finalValidation)
    bestMedianError = relative(ours.bestValidation, reference.bestValidation)
    if mediansCompared {
      for error in [finalMedianError, bestMedianError] {
        guard let error, abs(error) <= Self.medianTolerance else {
          ok = false
          continue
        }
      }
    }
    agrees = ok
  }
}

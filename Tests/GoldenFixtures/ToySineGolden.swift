import Foundation
import Training

/// `torch_toy_sine.json`: the sine toy trained in PyTorch 2.15 over seeds 0–19, per
/// configuration (format in README.md beside it).
public struct ToySineGolden: Decodable, Sendable {
  public let torch: String
  public let seeds: Int
  public let cases: [ToySineCase]

  public static func load() throws -> ToySineGolden {
    guard let url = Bundle.module.url(forResource: "torch_toy_sine", withExtension: "json") else {
      throw CocoaError(.fileNoSuchFile)
    }
    return try JSONDecoder().decode(ToySineGolden.self, from: Data(contentsOf: url))
  }
}

public struct ToySineCase: Decodable, Sendable {
  public struct Quartile: Decodable, Sendable {
    public let p25: Double?
    public let median: Double?
    public let p75: Double?
  }
  public struct Stats: Decodable, Sendable {
    public let divergedFraction: Double
    public let finalVal: Quartile
    public let bestVal: Quartile
    enum CodingKeys: String, CodingKey {
      case divergedFraction = "diverged_fraction"
      case finalVal = "final_val"
      case bestVal = "best_val"
    }
  }
  /// One seed's run in PyTorch.
  public struct Run: Decodable, Sendable {
    public let diverged: Bool
    /// The optimizer step whose training loss was not finite or over 1e6.
    public let divergedAtStep: Int?
    public let finalVal: Double?
    public let bestVal: Double?
    enum CodingKeys: String, CodingKey {
      case diverged
      case divergedAtStep = "diverged_at_step"
      case finalVal = "final_val"
      case bestVal = "best_val"
    }
  }
  public let id: String
  public let code: String
  public let epochs: Int
  public let stepEvery: String
  public let plateau: Bool?
  public let seeds: Int
  public let stats: Stats
  public let runs: [Run]

  enum CodingKeys: String, CodingKey {
    case id, code, epochs, seeds, stats, plateau, runs
    case stepEvery = "step_every"
  }

  /// The case's run, for `seed` 0 (the sine model's defaults otherwise; plateau fed val loss).
  public var config: RunConfig {
    var config = RunConfig(model: .sine)
    config.epochs = epochs
    config.stepEvery = StepEvery(rawValue: stepEvery)
    config.plateauMetric = .val
    return config
  }

  /// PyTorch's statistics in lrlab's terms.
  public var statistics: SeedStatistics {
    func quartiles(_ q: Quartile) -> Quartiles? {
      guard let p25 = q.p25, let median = q.median, let p75 = q.p75 else { return nil }
      return Quartiles(p25: p25, median: median, p75: p75)
    }
    return SeedStatistics(
      seeds: seeds, divergedFraction: stats.divergedFraction,
      finalValidation: quartiles(stats.finalVal), bestValidation: quartiles(stats.bestVal))
  }
}

import GoldenFixtures
import XCTest

@testable import Training

/// lrlab's `sine` toy against real PyTorch 2.15 over seeds 0–19, for the 28 configurations of
/// `torch_toy_sine.json` (the table: `lrlab-bench toy-sine`).
///
/// The reference runs were made with the stream lrlab uses — `torch.manual_seed(seed)` for the
/// `nn.Linear` init, `Generator().manual_seed(seed)` for the data and then each epoch's
/// `randperm` — so the comparison is seed by seed, not only in distribution: the issue's
/// statistical rule must hold for every configuration, every run must diverge exactly when and
/// where PyTorch's did, and the validation losses must be PyTorch's to float32 rounding, which
/// only a rate at the edge of stability may grow.
final class TorchToySineTests: XCTestCase {
  func testEveryConfigurationAgreesWithPyTorchOverTwentySeeds() throws {
    let golden = try ToySineGolden.load()
    XCTAssertEqual(golden.cases.count, 28)
    var compared = 0
    var withinRounding = 0
    var errors: [Double] = []
    for item in golden.cases {
      let (ours, outcomes) = try SeedStatistics.measure(
        item.code, config: item.config, seeds: 0..<UInt64(golden.seeds))
      let reference = item.statistics
      let agreement = StatisticsAgreement(ours, reference: reference)
      XCTAssertTrue(
        agreement.agrees,
        "\(item.id): diverged \(ours.divergedFraction) vs \(reference.divergedFraction), final "
          + "\(String(describing: agreement.finalMedianError)), best "
          + "\(String(describing: agreement.bestMedianError))")
      XCTAssertEqual(outcomes.count, item.runs.count)
      for (outcome, torch) in zip(outcomes, item.runs) {
        let run = "\(item.id) seed \(outcome.seed)"
        XCTAssertEqual(outcome.diverged, torch.diverged, run)
        XCTAssertEqual(outcome.divergedAtStep, torch.divergedAtStep, run)
        guard !torch.diverged, let final = outcome.finalValidation,
          let best = outcome.bestValidation, let torchFinal = torch.finalVal,
          let torchBest = torch.bestVal
        else { continue }
        let error = max(abs(final / torchFinal - 1), abs(best / torchBest - 1))
        XCTAssertLessThan(
          error, 0.025, "\(run): \(final) / \(best) vs \(torchFinal) / \(torchBest)")
        compared += 1
        errors.append(error)
        if error < 1e-4 { withinRounding += 1 }
      }
    }
    // Measured: 472 of the 484 converged runs within 1e-4 (median 7.5e-7); the rest are
    // momentum runs at 0.15–0.3, where the largest gap is 1.8 %.
    XCTAssertGreaterThanOrEqual(Double(withinRounding), 0.97 * Double(compared))
    // The README's "median relative gap 7.5e-7" and "at most 1.8 %".
    XCTAssertLessThan(try XCTUnwrap(Quartiles(errors)).median, 1e-6)
    XCTAssertLessThan(try XCTUnwrap(errors.max()), 0.02)
  }

  /// The rule itself: fractions within 0.2, medians within 25 % only where most converge.
  func testAgreementRule() {
    func stats(_ diverged: Double, _ final: Double?, _ best: Double?) -> SeedStatistics {
      SeedStatistics(
        seeds: 20, divergedFraction: diverged,
        finalValidation: final.map { Quartiles(p25: $0, median: $0, p75: $0) },
        bestValidation: best.map { Quartiles(p25: $0, median: $0, p75: $0) })
    }
    XCTAssertTrue(StatisticsAgreement(stats(0.2, 1.2, 0.8), reference: stats(0, 1, 1)).agrees)
    XCTAssertFalse(StatisticsAgreement(stats(0.25, 1, 1), reference: stats(0, 1, 1)).agrees)
    XCTAssertFalse(StatisticsAgreement(stats(0, 1.3, 1), reference: stats(0, 1, 1)).agrees)
    XCTAssertFalse(StatisticsAgreement(stats(0, nil, nil), reference: stats(0, 1, 1)).agrees)
    // Most PyTorch seeds diverged: the medians are not compared.
    XCTAssertTrue(StatisticsAgreement(stats(0.9, 3, 3), reference: stats(0.8, 1, 1)).agrees)
    // NumPy's percentiles (linear interpolation).
    XCTAssertEqual(Quartiles([4, 1, 3, 2]), Quartiles(p25: 1.75, median: 2.5, p75: 3.25))
  }

  func median(_ xs: [Double]) -> Double { Quartiles(xs)?.median ?? .nan }
}

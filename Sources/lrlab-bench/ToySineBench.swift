import ArgumentParser
import Foundation
import GoldenFixtures
import Training

/// `lrlab-bench toy-sine`: lrlab's `sine` toy against real PyTorch over seeds, side by side, for
/// every configuration of `torch_toy_sine.json` (the same comparison as the test
/// `TorchToySineTests`, printed as a table).
struct ToySineBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "toy-sine",
    abstract: "Compare the sine toy with PyTorch 2.15 over seeds (torch_toy_sine.json).")

  @Option(help: "Seeds 0..<N (the reference has 20).")
  var seeds = 20

  @Option(help: "Only the cases whose id contains this.")
  var only: String?

  @Flag(help: "Markdown table (for notes).")
  var markdown = false

  @Flag(help: "Also print every seed's outcome (diverged at step, final and best val MSE).")
  var runs = false

  func run() throws {
    let golden = try ToySineGolden.load()
    let cases = golden.cases.filter { only == nil || $0.id.contains(only!) }
    let header = [
      "config", "diverged torch", "lrlab", "final median torch", "lrlab", "Δ", "best median torch",
      "lrlab", "Δ", "ok",
    ]
    var rows: [[String]] = []
    var agreeing = 0
    let start = DispatchTime.now().uptimeNanoseconds
    for item in cases {
      let measured = try SeedStatistics.measure(
        item.code, config: item.config, seeds: 0..<UInt64(seeds))
      let ours = measured.statistics
      if runs {
        for outcome in measured.outcomes {
          print(
            "\(item.id) seed \(outcome.seed): "
              + (outcome.diverged
                ? "diverged at step \(outcome.divergedAtStep ?? -1)"
                : "final \(outcome.finalValidation ?? .nan) best \(outcome.bestValidation ?? .nan)")
          )
        }
      }
      let agreement = StatisticsAgreement(ours, reference: item.statistics)
      if agreement.agrees { agreeing += 1 }
      func median(_ q: Quartiles?) -> String { q.map { String(format: "%.4f", $0.median) } ?? "—" }
      func delta(_ e: Double?) -> String {
        guard let e else { return "—" }
        return String(format: "%+.0f%%", e * 100) + (agreement.mediansCompared ? "" : "*")
      }
      rows.append([
        item.id, String(format: "%.2f", item.statistics.divergedFraction),
        String(format: "%.2f", ours.divergedFraction),
        median(item.statistics.finalValidation), median(ours.finalValidation),
        delta(agreement.finalMedianError),
        median(item.statistics.bestValidation), median(ours.bestValidation),
        delta(agreement.bestMedianError), agreement.agrees ? "yes" : "NO",
      ])
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    if markdown {
      print("| " + header.joined(separator: " | ") + " |")
      print("|" + header.map { _ in "---" }.joined(separator: "|") + "|")
      for row in rows { print("| " + row.joined(separator: " | ") + " |") }
    } else {
      let widths = header.indices.map { i in ([header] + rows).map { $0[i].count }.max()! }
      for row in [header] + rows {
        print(
          row.enumerated().map { i, cell in
            i == 0
              ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
              : String(repeating: " ", count: widths[i] - cell.count) + cell
          }.joined(separator: "  "))
      }
    }
    print(
      "\(agreeing) of \(rows.count) configurations agree (divergence fraction within 0.2; "
        + "medians within 25 % where most PyTorch seeds converge; * = not compared); "
        + "PyTorch \(golden.torch), \(seeds) seeds, \(String(format: "%.1f", seconds)) s")
  }
}

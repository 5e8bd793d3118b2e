import ArgumentParser
import Foundation
import TorchSnippet

/// Reading snippets: a 100,000-entry dict literal, a 100 KB script, and the two budget stops
/// (exponential recursion, a string doubled 30 times) — the issue-12 cases.
struct SnippetBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "snippet", abstract: "Time reading big and hostile snippets.")

  @Option(help: "Repetitions.")
  var repeats = 5

  static var bigDict: String {
    let entries = (0..<100_000).map { "'k\($0)': \($0)" }.joined(separator: ", ")
    return "config = {\(entries)}\nscheduler = StepLR(optimizer, config['k99999'] % 7 + 1)\n"
  }

  static var script100KB: String {
    var lines = ["optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)"]
    var index = 0
    while lines.reduce(0, { $0 + $1.utf8.count + 1 }) < 100_000 {
      lines.append(
        "w\(index) = [x * 2 for x in range(3)] + [\(index) // 7, math.cos(\(index) / 10)]  # \(index)")
      index += 1
    }
    lines.append("scheduler = StepLR(optimizer, step_size=3)")
    return lines.joined(separator: "\n") + "\n"
  }

  static let recursion =
    "f = lambda n: 1 if n == 0 else f(n - 1) + f(n - 1)\nx = f(19)\nscheduler = StepLR(optimizer, 2)"
  static let doubling =
    "d = lambda s, n: s if n == 0 else d(s + s, n - 1)\nt = d('x', 30)\nscheduler = StepLR(optimizer, 2)"

  func run() throws {
    let cases: [(String, String, Bool)] = [
      ("100,000-entry dict literal (\(Self.bigDict.utf8.count / 1000) KB)", Self.bigDict, true),
      ("100 KB script", Self.script100KB, true),
      ("f(19) stopped by the step budget", Self.recursion, false),
      ("string doubled 30 times stopped by the memory budget", Self.doubling, false),
    ]
    for (name, source, builds) in cases {
      var times: [Double] = []
      for _ in 0..<max(1, repeats) {
        let start = DispatchTime.now().uptimeNanoseconds
        let built = try? SnippetProgram.parse(source).build()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        precondition((built != nil) == builds, name)
      }
      let sorted = times.sorted()
      print("\(name): min \(format(sorted[0])) ms, median \(format(sorted[sorted.count / 2])) ms")
    }
  }

  func format(_ x: Double) -> String { String(format: "%.1f", x) }
}

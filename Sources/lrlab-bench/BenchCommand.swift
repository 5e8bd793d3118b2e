import ArgumentParser

/// Benchmarks, for a release build: `swift run -c release lrlab-bench <which>`.
@main
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lrlab-bench",
    abstract: "Benchmarks for lrlab (run with -c release).",
    subcommands: [
      SchedulersBench.self, SimulateBench.self, FrameBench.self, LabFrameBench.self,
      SpeedBench.self, ToySineBench.self, SnippetBench.self,
    ]
  )
}

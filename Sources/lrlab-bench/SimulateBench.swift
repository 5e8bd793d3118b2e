import ArgumentParser

struct SimulateBench: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "simulate", abstract: "(not built yet)")
  func run() throws { print("not built yet") }
}

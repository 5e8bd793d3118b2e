import ArgumentParser

struct SimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate", abstract: "(not built yet)")

  func run() throws {
    print("lrlab simulate: not built yet")
  }
}

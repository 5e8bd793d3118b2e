import ArgumentParser

struct ProgressCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "progress", abstract: "(not built yet)")

  func run() throws {
    print("lrlab progress: not built yet")
  }
}

import ArgumentParser

struct LabCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lab", abstract: "(not built yet)")

  func run() throws {
    print("lrlab lab: not built yet")
  }
}

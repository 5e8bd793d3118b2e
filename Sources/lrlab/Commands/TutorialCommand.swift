import ArgumentParser

struct TutorialCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tutorial", abstract: "(not built yet)")

  func run() throws {
    print("lrlab tutorial: not built yet")
  }
}

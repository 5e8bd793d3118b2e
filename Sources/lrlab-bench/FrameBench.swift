import ArgumentParser

struct FrameBench: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "frame", abstract: "(not built yet)")
  func run() throws { print("not built yet") }
}

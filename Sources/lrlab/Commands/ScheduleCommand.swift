import ArgumentParser

struct ScheduleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schedule", abstract: "(not built yet)")

  func run() throws {
    print("lrlab schedule: not built yet")
  }
}

import ArgumentParser

struct SchedulersBench: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "schedulers", abstract: "(not built yet)")
  func run() throws { print("not built yet") }
}

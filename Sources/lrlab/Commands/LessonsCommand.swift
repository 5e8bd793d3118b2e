import ArgumentParser

struct LessonsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lessons", abstract: "(not built yet)")

  func run() throws {
    print("lrlab lessons: not built yet")
  }
}

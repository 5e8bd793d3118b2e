import ArgumentParser

struct RangeTestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "range-test", abstract: "(not built yet)")

  func run() throws {
    print("lrlab range-test: not built yet")
  }
}

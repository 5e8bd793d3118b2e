import ArgumentParser
import Foundation

/// `lrlab`: with no subcommand, opens the tutorial.
@main
struct LrlabCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lrlab",
    abstract: "An interactive terminal tutorial on learning-rate schedulers.",
    subcommands: [
      TutorialCommand.self, LabCommand.self, ScheduleCommand.self, SimulateCommand.self,
      RangeTestCommand.self, SweepCommand.self, ExportCommand.self, LessonsCommand.self,
      ProgressCommand.self,
    ],
    defaultSubcommand: TutorialCommand.self
  )

  /// ArgumentParser exits 64 on a usage error; lrlab's contract is exit status 2 for any bad
  /// input, so usage errors are printed the same way but exit 2.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}

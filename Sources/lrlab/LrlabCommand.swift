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
      DoctorCommand.self, RangeTestCommand.self, SweepCommand.self, ExportCommand.self,
      LessonsCommand.self,
      ProgressCommand.self,
    ],
    defaultSubcommand: TutorialCommand.self
  )

  /// ArgumentParser exits 64 on a usage error; lrlab's contract is exit status 2 for any bad
  /// input, so usage errors are printed the same way but exit 2. Output goes through `Output`
  /// (sanitised, write failures reported), flushed before exiting.
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if let unknown = unknownHelpTopic(arguments) {
      printError("error: no command '\(unknown)'; `lrlab help` lists them")
      Output.exit(2)
    }
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
      Output.flush()
    } catch {
      Output.flush()
      // Help (`lrlab help X`, `--help`) through `Output` too: ArgumentParser's own print()
      // would lose a failed write (`lrlab help > /dev/full` exited 0).
      if exitCode(for: error) == .success {
        let message = fullMessage(for: error)
        if !message.isEmpty { Output.line(message) }
        Output.exit(0)
      }
      if exitCode(for: error) == .validationFailure {
        printError(fullMessage(for: error))
        Output.exit(2)
      }
      exit(withError: error)
    }
  }

  /// `lrlab help X Y`: the first of X, Y that names no command (nil when all do).
  static func unknownHelpTopic(_ arguments: [String]) -> String? {
    guard arguments.first == "help", arguments.count > 1 else { return nil }
    var command: any ParsableCommand.Type = LrlabCommand.self
    for name in arguments.dropFirst() where !name.hasPrefix("-") {
      guard
        let next = command.configuration.subcommands.first(where: {
          $0._commandName == name || $0.configuration.aliases.contains(name)
        })
      else { return name }
      command = next
    }
    return nil
  }
}

import ArgumentParser

/// `lrlab`: with no subcommand, opens the tutorial.
@main
struct LrlabCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lrlab",
    abstract: "An interactive terminal tutorial on learning-rate schedulers.",
    subcommands: [
      TutorialCommand.self, LabCommand.self, ScheduleCommand.self, SimulateCommand.self,
      RangeTestCommand.self, LessonsCommand.self, ProgressCommand.self,
    ],
    defaultSubcommand: TutorialCommand.self
  )
}

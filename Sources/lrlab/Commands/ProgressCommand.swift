import ArgumentParser
import Foundation
import Lessons

/// `lrlab progress …`: the learner's progress file.
struct ProgressCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "progress",
    abstract: "Show, reset, export or import your progress.",
    discussion: """
      Progress lives in $XDG_STATE_HOME/lrlab/progress.json (default \
      ~/.local/state/lrlab/progress.json).
      """,
    subcommands: [
      ProgressShowCommand.self, ProgressResetCommand.self, ProgressExportCommand.self,
      ProgressImportCommand.self,
    ],
    defaultSubcommand: ProgressShowCommand.self)

  static func loadStore() -> (ProgressStore, LearnerProgress) {
    let store = ProgressStore(url: ProgressStore.defaultURL())
    let loaded = store.load()
    for warning in loaded.warnings { printError("lrlab: warning: \(warning)") }
    return (store, loaded.progress)
  }
}

struct ProgressShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show", abstract: "Summarise your progress, lesson by lesson.")

  @OptionGroup var location: LessonsLocation

  func run() throws {
    let (store, progress) = ProgressCommand.loadStore()
    print("Progress file: \(store.url.path)")
    _ = try LessonsLocation.existing(location.lessons)
    let dirs = LessonLocator.directories(explicit: location.lessons)
    let course = Course.load(directories: dirs)
    var known: Set<String> = []
    for lesson in course.lessons {
      known.insert(lesson.id)
      let read = progress.lessonsRead[lesson.id] != nil ? "read" : "    "
      let score = progress.score(of: lesson)
      let checkpoints = lesson.checkpoints.filter { progress.checkpointsMet[$0.id] != nil }.count
      print(
        "\(read)  \(lesson.id)  quizzes \(score.correct)/\(score.total)  checkpoints \(checkpoints)/\(lesson.checkpoints.count)"
      )
    }
    let labs = progress.labsRun.values.reduce(0) { $0 + $1.runs }
    print(
      "Lessons read: \(progress.lessonsRead.count); quizzes answered: \(progress.quizzes.count) "
        + "(\(progress.quizzes.values.filter { $0.firstTryCorrect }.count) right first time); "
        + "lab runs: \(labs); checkpoints met: \(progress.checkpointsMet.count)")
    let unknown = progress.lessonsRead.keys.filter { !known.contains($0) }.count
    if unknown > 0 && !course.lessons.isEmpty {
      print("(\(unknown) read lesson\(unknown == 1 ? " is" : "s are") not in this course; kept)")
    }
  }
}

struct ProgressResetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reset", abstract: "Forget all progress (deletes the progress file).")

  func run() throws {
    let store = ProgressStore(url: ProgressStore.defaultURL())
    do { try store.reset() } catch {
      printError("lrlab: \(error)")
      throw ExitCode(1)
    }
    print("Progress reset (\(store.url.path)).")
  }
}

struct ProgressExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: "Write your progress as JSON to FILE (or standard output).")

  @Argument(help: "Where to write it; standard output if omitted.")
  var file: String?

  func run() throws {
    let (_, progress) = ProgressCommand.loadStore()
    let data = ProgressStore.encode(progress)
    guard let file else {
      print(String(decoding: data, as: UTF8.self))
      return
    }
    do { try ProgressStore.writeAtomically(data, to: URL(fileURLWithPath: file)) } catch {
      printError("lrlab: \(error)")
      throw ExitCode(1)
    }
  }
}

struct ProgressImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Replace your progress with FILE (a file written by `lrlab progress export`).")

  @Argument(help: "The progress file to import.")
  var file: String

  func run() throws {
    let imported: LearnerProgress
    do { imported = try ProgressStore.read(from: URL(fileURLWithPath: file)) } catch {
      printError("lrlab: refusing to import: \(error)")
      throw ExitCode(1)
    }
    let store = ProgressStore(url: ProgressStore.defaultURL())
    do { try store.save(imported) } catch {
      printError("lrlab: \(error)")
      throw ExitCode(1)
    }
    print("Imported progress from \(file) into \(store.url.path).")
  }
}

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
    commandName: "show", abstract: "Summarise your progress, lesson by lesson.",
    discussion: """
      The same computation Home and the reader show (Lessons' ProgressSummary): a quiz is \
      right once answered correctly before its answer was revealed; a checkpoint is met when \
      recorded or when everything it requires has happened. JSON: "progressFile", \
      "lessons" (each "id", "title", "state", "read", "quizzes" {right, revealed, answered, \
      total, missed}, "checkpoints" {met, unmet, total}, "labRuns"), "freePlayRuns", "totals".
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

  @Option(name: .long, help: "text or json.")
  var format: Format = .text

  @OptionGroup var location: LessonsLocation

  struct Report: Encodable {
    struct Totals: Encodable {
      var lessons, lessonsRead, quizzesRight, quizzesTotal, checkpointsMet, checkpointsTotal,
        labRuns: Int
    }
    var progressFile: String
    var lessons: [LessonProgress]
    var freePlayRuns: Int
    var totals: Totals
  }

  func run() throws {
    let (store, progress) = ProgressCommand.loadStore()
    let dirs = LessonLocator.directories(explicit: location.lessons)
    let course = Course.load(directories: dirs)
    let summary = ProgressSummary(lessons: course.lessons, progress: progress)
    if format == .json {
      let report = Report(
        progressFile: store.url.path, lessons: summary.lessons, freePlayRuns: summary.freePlayRuns,
        totals: Report.Totals(
          lessons: summary.lessons.count, lessonsRead: summary.lessonsRead,
          quizzesRight: summary.quizzesRight, quizzesTotal: summary.quizzesTotal,
          checkpointsMet: summary.checkpointsMet, checkpointsTotal: summary.checkpointsTotal,
          labRuns: summary.labRuns))
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
      print(String(decoding: data, as: UTF8.self))
      return
    }
    print("Progress file: \(store.url.path)")
    for p in summary.lessons {
      let read = p.read ? "read" : "    "
      print(
        "\(read)  \(p.id)  quizzes \(p.quizzes.right)/\(p.quizzes.total)  "
          + "checkpoints \(p.checkpoints.met.count)/\(p.checkpoints.total)  lab runs \(p.labRuns)  "
          + p.state.rawValue)
    }
    print(
      "Lessons read: \(summary.lessonsRead)/\(summary.lessons.count); quizzes right: "
        + "\(summary.quizzesRight)/\(summary.quizzesTotal); checkpoints met: "
        + "\(summary.checkpointsMet)/\(summary.checkpointsTotal); lab runs: \(summary.labRuns)"
        + (summary.freePlayRuns > 0 ? " (\(summary.freePlayRuns) in free play)" : ""))
    let known = Set(course.lessons.map(\.id))
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

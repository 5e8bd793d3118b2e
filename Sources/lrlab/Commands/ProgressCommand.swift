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

  /// The store at the default location; a HOME that is not absolute is bad input (exit 2).
  static func store() throws -> ProgressStore {
    do { return ProgressStore(url: try ProgressStore.locate()) } catch {
      printError("lrlab: \(error)")
      throw ExitCode(2)
    }
  }

  /// Loads the progress, printing warnings; a file that cannot be read exits 1.
  static func loadStore() throws -> (ProgressStore, LearnerProgress) {
    let store = try store()
    let loaded = store.load()
    for warning in loaded.warnings { printError("lrlab: warning: \(warning)") }
    if loaded.isReadOnly { throw ExitCode(1) }
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
    let (store, progress) = try ProgressCommand.loadStore()
    _ = try LessonsLocation.existing(location.lessons)
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
      Output.line(jsonEscapingUnsafe(String(decoding: data, as: UTF8.self)))
      return
    }
    Output.line("Progress file: \(store.url.path)")
    for p in summary.lessons {
      let read = p.read ? "read" : "    "
      Output.line(
        "\(read)  \(p.id)  quizzes \(p.quizzes.right)/\(p.quizzes.total)  "
          + "checkpoints \(p.checkpoints.met.count)/\(p.checkpoints.total)  lab runs \(p.labRuns)  "
          + p.state.rawValue)
    }
    Output.line(
      "Lessons read: \(summary.lessonsRead)/\(summary.lessons.count); quizzes right: "
        + "\(summary.quizzesRight)/\(summary.quizzesTotal); checkpoints met: "
        + "\(summary.checkpointsMet)/\(summary.checkpointsTotal); lab runs: \(summary.labRuns)"
        + (summary.freePlayRuns > 0 ? " (\(summary.freePlayRuns) in free play)" : ""))
    let known = Set(course.lessons.map(\.id))
    let unknown = progress.lessonsRead.keys.filter { !known.contains($0) }.count
    if unknown > 0 && !course.lessons.isEmpty {
      Output.line(
        "(\(unknown) read lesson\(unknown == 1 ? " is" : "s are") not in this course; kept)")
    }
  }
}

struct ProgressResetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reset",
    abstract: "Forget all progress (deletes the progress file, never anything else).")

  func run() throws {
    let store = try ProgressCommand.store()
    do { try store.reset() } catch {
      printError("lrlab: \(error)")
      throw ExitCode(1)
    }
    Output.line("Progress reset (\(store.url.path)).")
  }
}

struct ProgressExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write your progress as JSON to FILE (or standard output).",
    discussion: """
      FILE must be a regular file (or not exist yet); an existing file keeps its mode. \
      Devices, FIFOs and directories are refused: use - (or nothing) for standard output.
      """)

  @Argument(help: "Where to write it; standard output if omitted or -.")
  var file: String?

  func run() throws {
    let (_, progress) = try ProgressCommand.loadStore()
    let data = ProgressStore.encode(progress)
    guard let file, file != "-" else {
      Output.line(jsonEscapingUnsafe(String(decoding: data, as: UTF8.self)))
      return
    }
    do { try ProgressStore.export(data, to: URL(fileURLWithPath: file)) } catch {
      printError("lrlab: \(error)")
      throw ExitCode(1)
    }
  }
}

struct ProgressImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Replace your progress with FILE (a file written by `lrlab progress export`).",
    discussion: """
      With --merge, FILE is combined with your progress instead (nothing of either is lost). \
      The file is checked first: a damaged file, a newer lrlab's file or a count out of range \
      is refused with the reason.
      """)

  @Argument(help: "The progress file to import.")
  var file: String

  @Flag(name: .long, help: "Combine FILE with your progress instead of replacing it.")
  var merge = false

  func run() throws {
    let imported: LearnerProgress
    do { imported = try ProgressStore.read(from: URL(fileURLWithPath: file)) } catch {
      printError("lrlab: refusing to import: \(error)")
      throw ExitCode(1)
    }
    let store = try ProgressCommand.store()
    do {
      if merge { try store.save(imported) } else { try store.replace(with: imported) }
    } catch {
      printError("lrlab: \(error)")
      throw ExitCode(1)
    }
    Output.line(
      "\(merge ? "Merged" : "Imported") progress from \(file) into \(store.url.path).")
  }
}

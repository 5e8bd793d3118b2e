import ArgumentParser
import Foundation
import Lessons

/// `lrlab lessons …`: tools for instructors writing lessons.
struct LessonsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lessons",
    abstract: "Check, scaffold and list lesson files.",
    discussion: """
      Lessons come from --lessons DIR (repeatable), else $LRLAB_LESSONS (directories separated \
      by ':'), else the bundled Lessons/ directory. The file format is described in \
      Lessons/README.md.
      """,
    subcommands: [
      LessonsCheckCommand.self, LessonsTestCommand.self, LessonsPreviewCommand.self,
      LessonsNewCommand.self,
      LessonsListCommand.self,
    ])
}

struct LessonsLocation: ParsableArguments {
  @Option(name: .long, help: "A directory of lesson files (repeatable).")
  var lessons: [String] = []

  func directories() throws -> [URL] {
    _ = try Self.existing(lessons)
    let dirs = LessonLocator.directories(explicit: lessons)
    guard !dirs.isEmpty else {
      printError("lrlab: cannot find the bundled lessons; pass --lessons DIR or set LRLAB_LESSONS")
      throw ExitCode(2)
    }
    return dirs
  }

  /// The paths as URLs; a path that does not exist is bad input (exit 2).
  static func existing(_ paths: [String]) throws -> [URL] {
    for path in paths where !FileManager.default.fileExists(atPath: path) {
      printError("lrlab: \(path): no such lessons directory or file")
      throw ExitCode(2)
    }
    return paths.map { URL(fileURLWithPath: $0) }
  }
}

func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

struct LessonsCheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Validate lesson files; print every problem as file:line:column: severity: message.",
    discussion: "Exit status: 0 if there is no error (warnings allowed), 1 if there is any.")

  @Argument(help: "Lesson directories or files (default: the course's directories).")
  var paths: [String] = []

  @OptionGroup var location: LessonsLocation

  func run() throws {
    var urls: [URL]
    var only: Set<String>?
    if paths.isEmpty {
      urls = try location.directories()
    } else if !location.lessons.isEmpty {
      // FILE --lessons DIR: check FILE in the context of its course (prerequisites,
      // `ran-lab:` targets, duplicate ids), reporting FILE's diagnostics only.
      let files = try LessonsLocation.existing(paths)
      urls = try location.directories()
      let courseFiles = Set(Course.load(directories: urls).lessons.map { canonical($0.file) })
      urls += files.filter { !courseFiles.contains(canonical($0.relativePath)) }
      only = Set(files.map { canonical($0.relativePath) })
    } else {
      urls = try LessonsLocation.existing(paths)
    }
    var course = Course.load(directories: urls)
    if let only {
      course.lessons = course.lessons.filter { only.contains(canonical($0.file)) }
    }
    let diagnostics = Linter.check(course: course, labProblem: LabChecks.problem)
    for diagnostic in diagnostics { print(diagnostic) }
    print(Linter.summary(diagnostics, fileCount: course.fileCount))
    if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
  }

  func canonical(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
  }
}

struct LessonsNewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "new",
    abstract: "Create a lesson file using every block type (it passes `lrlab lessons check`).")

  @Argument(help: "The new lesson's id: lowercase letters, digits and dashes.")
  var id: String

  @Option(name: .long, help: "Where to write it (default: the current directory).")
  var dir: String?

  @OptionGroup var location: LessonsLocation

  func run() throws {
    guard LessonParser.isValidID(id) else {
      printError("lrlab: invalid lesson id '\(id)': use lowercase letters, digits and dashes")
      throw ExitCode(2)
    }
    // Without --dir the lesson goes into the current directory, never the bundled course.
    _ = try LessonsLocation.existing(location.lessons)
    let directory = URL(fileURLWithPath: dir ?? ".")
    let fm = FileManager.default
    do {
      try fm.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      printError("lrlab: cannot create \(directory.relativePath): \(error.localizedDescription)")
      throw ExitCode(1)
    }
    let course = Course.load(directories: [directory])
    if let existing = course.lesson(id: id) {
      printError("lrlab: a lesson with id '\(id)' already exists: \(existing.file)")
      throw ExitCode(1)
    }
    let orders = course.lessons.map(\.order).filter { $0 != Int.max }
    let order = (orders.max() ?? 0) + 10
    let name = String(format: "%02d-%@.md", course.lessons.count + 1, id)
    let file = directory.appendingPathComponent(name)
    guard !fm.fileExists(atPath: file.path) else {
      printError("lrlab: \(file.relativePath) already exists")
      throw ExitCode(1)
    }
    do {
      try Data(LessonScaffold.text(id: id, order: order).utf8).write(to: file)
    } catch {
      printError("lrlab: cannot write \(file.relativePath): \(error.localizedDescription)")
      throw ExitCode(1)
    }
    print(file.relativePath)
  }
}

struct LessonsListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List the course's lessons in order.",
    discussion: """
      JSON: an array of lessons in course order, each with "id", "title", "file" and \
      "quizzes" (plus "order" and "broken"); each quiz with "question" (plain text), \
      "choices" (strings) and "answers" (0-based indices of the correct choices), plus "id"; \
      a numeric quiz has empty choices/answers and "answer" and "tolerance".
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

  @Option(name: .long, help: "table or json.")
  var format: Format = .table

  @OptionGroup var location: LessonsLocation

  func run() throws {
    let course = Course.load(directories: try location.directories())
    switch format {
    case .table: print(CourseListing.table(course))
    case .json: print(CourseListing.json(course))
    }
    let broken = course.brokenLessons.count
    if broken > 0 || !course.diagnostics.isEmpty {
      printError(
        "lrlab: \(broken) broken lesson\(broken == 1 ? "" : "s"); run `lrlab lessons check` for details"
      )
    }
  }
}

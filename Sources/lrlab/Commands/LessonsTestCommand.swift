import App
import ArgumentParser
import Foundation
import Lessons

/// `lrlab lessons test`: runs every lab and checks every expect and sourced numeric quiz.
struct LessonsTestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run every lab headlessly and check its expects and the numeric quiz answers.",
    discussion: """
      Each lab runs as the Lab runs it (same options, validation and simulator) on --seeds \
      seeds — its own seed and the next ones — unless an expect says `on K/N seeds`. A \
      numeric quiz that names its `source` is recomputed with the real schedulers.

      A failure reads FILE:LINE:COL: error: expect 'final_lr < 0.004' failed on seed 3: \
      final_lr = 0.0051. JSON: {"passed", "expects": [{"file", "line", "lab", "text", \
      "passed", "seeds": [{"seed", "passed", "value"}]}], "quizzes": [{"file", "line", "id", \
      "passed", "answer", "computed"}]}.

      Exit status: 0 when everything holds, 1 when an expect or answer fails, 2 on unusable \
      input (a missing path, a lesson with errors: run `lrlab lessons check`).
      """)

  @Argument(help: "Lesson directories or files (default: the course's directories).")
  var paths: [String] = []

  @Option(name: .long, help: "Seeds per expect that does not say otherwise (default 5).")
  var seeds: Int = 5

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

  @Option(name: .long, help: "text or json.")
  var format: Format = .text

  @OptionGroup var location: LessonsLocation

  func run() throws {
    guard (1...100).contains(seeds) else {
      printError("lrlab: --seeds must be from 1 to 100; got \(seeds)")
      throw ExitCode(2)
    }
    let urls = try paths.isEmpty ? location.directories() : LessonsLocation.existing(paths)
    // A file is tested in the context of its directory (its prerequisites live there).
    var contextDirs: [URL] = []
    for url in urls {
      let dir = LessonLocator.isDirectory(url) ? url : url.deletingLastPathComponent()
      if !contextDirs.contains(where: { $0.standardizedFileURL == dir.standardizedFileURL }) {
        contextDirs.append(dir)
      }
    }
    var course = Course.load(directories: contextDirs)
    let files = Set(urls.filter { !LessonLocator.isDirectory($0) }.map(\.standardizedFileURL.path))
    if !files.isEmpty {
      let dirs = Set(urls.filter { LessonLocator.isDirectory($0) }.map(\.standardizedFileURL.path))
      course.lessons = course.lessons.filter {
        let url = URL(fileURLWithPath: $0.file).standardizedFileURL
        return files.contains(url.path) || dirs.contains(url.deletingLastPathComponent().path)
      }
    }
    let broken = Linter.check(course: course, labProblem: LabChecks.problem).filter {
      $0.severity == .error
    }
    if !broken.isEmpty || course.lessons.isEmpty {
      for d in broken { printError(d.description) }
      printError(
        course.lessons.isEmpty
          ? "lrlab: no lesson files found"
          : "lrlab: fix the errors above first (lrlab lessons check)")
      throw ExitCode(2)
    }
    let tty = format == .text && isatty(STDERR_FILENO) == 1
    let runLab: LessonTest.LabRunner = { lab, seed in LabVerifier.run(lab, seed: seed) }
    let showProgress: @Sendable (Int, Int) -> Void = { done, total in
      FileHandle.standardError.write(Data("\r\u{1B}[Krunning labs: \(done)/\(total)".utf8))
    }
    let report = LessonTest.run(
      course: course, seeds: seeds, runLab: runLab, progress: tty ? showProgress : nil)
    if tty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    switch format {
    case .json:
      print(LessonTest.json(report))
    case .text:
      for e in report.expects { if let line = e.failureLine { print(line) } }
      for q in report.quizzes { if let line = q.failureLine { print(line) } }
      print(LessonTest.summary(report))
    }
    if !report.passed { throw ExitCode(1) }
  }
}

/// `lessons check`'s and `lessons test`'s view of whether the Lab can run a lab.
enum LabChecks {
  @Sendable static func problem(_ lab: Lab) -> (message: String, line: Int?, column: Int?)? {
    LabVerifier.problem(lab).map { ($0.message, $0.line, $0.column) }
  }
}

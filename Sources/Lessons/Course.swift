import Foundation
import Markdown

/// The whole course: every lesson file found, in order, with course-level checks applied.
public struct Course: Sendable, Equatable {
  /// Every lesson, sorted by `order` then id — broken ones included (they carry diagnostics;
  /// a lesson whose front matter could not be read sorts last).
  public var lessons: [Lesson]
  /// Problems not tied to one lesson file (e.g. a lessons directory that does not exist).
  public var diagnostics: [Diagnostic]
  /// How many lesson files were read.
  public var fileCount: Int { lessons.count }

  /// Assembles a course from parsed lessons: sorts them and adds the course-level diagnostics
  /// (duplicate ids, missing prerequisites, prerequisite cycles, unknown `ran-lab:` labs) to the
  /// lessons concerned.
  public init(lessons: [Lesson], diagnostics: [Diagnostic] = []) {
    self.lessons = CourseChecks.apply(to: lessons).sorted {
      ($0.order, $0.id, $0.file) < ($1.order, $1.id, $1.file)
    }
    self.diagnostics = diagnostics
  }

  public var brokenLessons: [Lesson] { lessons.filter(\.isBroken) }
  public func lesson(id: String) -> Lesson? { lessons.first { $0.id == id } }

  /// Every diagnostic, lessons' and the course's, sorted by file then position.
  public var allDiagnostics: [Diagnostic] {
    (diagnostics + lessons.flatMap(\.diagnostics)).enumerated().sorted {
      ($0.element.file, $0.element.position, $0.offset)
        < ($1.element.file, $1.element.position, $1.offset)
    }.map(\.element)
  }

  /// Loads every `*.md` file (except README.md) in `directories`, sorted by name (a path may
  /// also name one file). A file that fails to parse never stops the others from loading.
  public static func load(directories: [URL]) -> Course {
    var lessons: [Lesson] = []
    var diagnostics: [Diagnostic] = []
    let fm = FileManager.default
    for url in directories {
      // Paths stay as the user gave them (relative ones too), for readable messages.
      let path = url.relativePath
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
        diagnostics.append(problem(path, "no such lessons directory or file"))
        continue
      }
      var files: [String] = []
      if isDir.boolValue {
        guard let names = try? fm.contentsOfDirectory(atPath: path) else {
          diagnostics.append(problem(path, "cannot read this directory"))
          continue
        }
        files =
          names.filter { $0.lowercased().hasSuffix(".md") && $0.lowercased() != "readme.md" }
          .sorted().map { url.appendingPathComponent($0).relativePath }
      } else {
        files = [path]
      }
      for file in files {
        guard let data = fm.contents(atPath: file) else {
          diagnostics.append(problem(file, "cannot read this file"))
          continue
        }
        lessons.append(LessonParser.parse(contents: data, file: file))
      }
    }
    return Course(lessons: lessons, diagnostics: diagnostics)
  }

  private static func problem(_ path: String, _ message: String) -> Diagnostic {
    Diagnostic(
      file: Sanitizer.cleanLine(path), position: SourcePosition(line: 1, column: 1),
      severity: .error, message: message)
  }
}

/// Checks that need every lesson at once.
enum CourseChecks {
  static func apply(to input: [Lesson]) -> [Lesson] {
    var lessons = input
    // Duplicate ids: the first file (in load order) keeps the id, later ones are errors.
    var firstFile: [String: String] = [:]
    for index in lessons.indices {
      let lesson = lessons[index]
      if let other = firstFile[lesson.id] {
        add(
          &lessons[index], at: lesson.keyPositions["id"],
          "duplicate lesson id \(quoted(lesson.id)) (also in \(other))")
      } else {
        firstFile[lesson.id] = lesson.file
      }
    }
    let byID = Dictionary(lessons.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    for index in lessons.indices {
      for (n, prerequisite) in lessons[index].prerequisites.enumerated() {
        let at = lessons[index].keyPositions["prerequisites.\(n)"]
        guard let required = byID[prerequisite] else {
          var message = "prerequisite \(quoted(prerequisite)) is not a lesson in this course"
          if let s = Suggest.closest(to: prerequisite, in: Array(byID.keys)) {
            message += "; did you mean '\(s)'?"
          }
          add(&lessons[index], at: at, message)
          continue
        }
        let lesson = lessons[index]
        if (required.order, required.id) > (lesson.order, lesson.id) {
          add(
            &lessons[index], at: at,
            "prerequisite \(quoted(prerequisite)) comes after this lesson in the course (order \(required.order) > \(lesson.order)); learners meet it later",
            severity: .warning)
        }
      }
      for checkpoint in lessons[index].checkpoints {
        for requirement in checkpoint.requires where requirement.hasPrefix("ran-lab:") {
          let target = String(requirement.dropFirst(8))
          let lessonID = String(target.prefix { $0 != "/" })
          guard let lesson = byID[lessonID] else {
            add(
              &lessons[index], at: checkpoint.position,
              "\(quoted(requirement)) names a lesson that is not in this course")
            continue
          }
          if !lesson.labs.contains(where: { $0.id == target }) {
            var message = "\(quoted(requirement)): lesson \(quoted(lessonID)) has no such lab"
            if let s = Suggest.closest(to: target, in: lesson.labs.map(\.id)) {
              message += "; did you mean 'ran-lab:\(s)'?"
            }
            add(&lessons[index], at: checkpoint.position, message)
          }
        }
      }
    }
    for cycle in prerequisiteCycles(lessons) {
      let path = (cycle + [cycle[0]]).joined(separator: " → ")
      for index in lessons.indices where cycle.contains(lessons[index].id) {
        if byID[lessons[index].id]?.file != lessons[index].file { continue }
        add(
          &lessons[index], at: lessons[index].keyPositions["prerequisites"],
          "prerequisite cycle: \(path)")
      }
    }
    return lessons
  }

  private static func add(
    _ lesson: inout Lesson, at position: SourcePosition?, _ message: String,
    severity: Diagnostic.Severity = .error
  ) {
    var sink = DiagnosticSink(file: lesson.file)
    sink.add(position ?? SourcePosition(line: 1, column: 1), severity, message)
    // Idempotent: a course rebuilt from already-checked lessons gets each diagnostic once.
    lesson.diagnostics += sink.items.filter { !lesson.diagnostics.contains($0) }
  }

  /// Each cycle once, as lesson ids in prerequisite order, starting from its smallest id.
  static func prerequisiteCycles(_ lessons: [Lesson]) -> [[String]] {
    var edges: [String: [String]] = [:]
    for lesson in lessons where edges[lesson.id] == nil { edges[lesson.id] = lesson.prerequisites }
    var state: [String: Int] = [:]  // 1: on the stack, 2: done
    var cycles: [[String]] = []
    var seen: Set<[String]> = []
    for root in edges.keys.sorted() where state[root] == nil {
      // Iterative DFS: (node, next edge index).
      var stack: [(String, Int)] = [(root, 0)]
      var path: [String] = [root]
      state[root] = 1
      while let (node, edgeIndex) = stack.last {
        let next = edges[node] ?? []
        if edgeIndex < next.count {
          stack[stack.count - 1].1 += 1
          let target = next[edgeIndex]
          guard edges[target] != nil else { continue }
          if state[target] == 1, let start = path.firstIndex(of: target) {
            var cycle = Array(path[start...])
            if let minIndex = cycle.indices.min(by: { cycle[$0] < cycle[$1] }) {
              cycle = Array(cycle[minIndex...] + cycle[..<minIndex])
            }
            if seen.insert(cycle).inserted { cycles.append(cycle) }
          } else if state[target] == nil {
            state[target] = 1
            stack.append((target, 0))
            path.append(target)
          }
        } else {
          state[node] = 2
          stack.removeLast()
          path.removeLast()
        }
      }
    }
    return cycles
  }
}

import Foundation
import Glibc
import Lessons

/// Notices lesson files that changed on disk (size or modification time, by `stat`, at most
/// every `interval`) and reads them again. Cheap: one `stat` per file per check, nothing else.
final class LessonWatcher {
  private struct Stamp: Equatable {
    var seconds: Int
    var nanoseconds: Int
    var size: Int
  }
  private var stamps: [String: Stamp?]
  /// Milliseconds between checks; the main loop wakes at least this often while watching.
  let intervalMs: Int32

  init(files: [String], intervalMs: Int32 = 500) {
    self.intervalMs = intervalMs
    stamps = [:]
    for file in files { stamps[file] = Self.stamp(file) }
  }

  private static func stamp(_ path: String) -> Stamp? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return Stamp(
      seconds: Int(st.st_mtim.tv_sec), nanoseconds: Int(st.st_mtim.tv_nsec), size: Int(st.st_size))
  }

  /// The lessons whose files changed since the last check, read again.
  func changedLessons() -> [Lesson] {
    var changed: [Lesson] = []
    for (file, old) in stamps.sorted(by: { $0.key < $1.key }) {
      let now = Self.stamp(file)
      guard now != old else { continue }
      stamps[file] = now
      guard now != nil, let data = FileManager.default.contents(atPath: file) else { continue }
      changed.append(LessonParser.parse(contents: data, file: file))
    }
    return changed
  }
}

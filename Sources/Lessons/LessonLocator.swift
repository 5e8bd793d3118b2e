import Foundation

/// Where lessons come from: `--lessons DIR` (repeatable), else `$LRLAB_LESSONS` (a
/// colon-separated list of directories), else the bundled course.
///
/// The bundled `Lessons/` is found from any working directory: first from this source file's
/// `#filePath`, walked up to the package root (the one holding `Package.swift`); then from the
/// running executable's directory, walked up likewise (e.g. `.build/debug/lrlab`), or
/// `Lessons/` / `../share/lrlab/Lessons` beside the executable (an installed copy).
public enum LessonLocator {
  public static func directories(
    explicit: [String], environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> [URL] {
    if !explicit.isEmpty { return explicit.map { URL(fileURLWithPath: $0) } }
    if let value = environment["LRLAB_LESSONS"], !value.isEmpty {
      return value.split(separator: ":").map { URL(fileURLWithPath: String($0)) }
    }
    if let bundled = bundledDirectory() { return [bundled] }
    return []
  }

  /// The bundled course directory, or nil if it cannot be found.
  public static func bundledDirectory(filePath: String = #filePath) -> URL? {
    if let found = packageLessons(from: URL(fileURLWithPath: filePath).deletingLastPathComponent())
    {
      return found
    }
    guard let exe = Bundle.main.executableURL?.resolvingSymlinksInPath() else { return nil }
    let dir = exe.deletingLastPathComponent()
    for candidate in ["Lessons", "../share/lrlab/Lessons"] {
      let url = dir.appendingPathComponent(candidate).standardizedFileURL
      if isDirectory(url) { return url }
    }
    return packageLessons(from: dir)
  }

  /// `Lessons/` in the nearest directory at or above `start` that holds a `Package.swift`.
  private static func packageLessons(from start: URL) -> URL? {
    var dir = start
    while dir.path != "/" && !dir.path.isEmpty {
      if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
        let lessons = dir.appendingPathComponent("Lessons")
        if isDirectory(lessons) { return lessons }
      }
      dir.deleteLastPathComponent()
    }
    return nil
  }

  public static func isDirectory(_ url: URL) -> Bool {
    var isDir: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
  }
}

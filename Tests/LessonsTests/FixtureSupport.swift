import Foundation
import XCTest

@testable import Lessons

/// The test fixtures directory (copied into the test bundle).
let fixtures: URL = {
  if let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) { return url }
  return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Fixtures")
}()

/// Diagnostics as `lrlab lessons check` prints them, with `base/` removed from file names.
func printed(_ diagnostics: [Diagnostic], relativeTo base: URL) -> [String] {
  let prefix = base.path + "/"
  return diagnostics.map { d in
    var d = d
    if d.file.hasPrefix(prefix) { d.file = String(d.file.dropFirst(prefix.count)) }
    return d.description.replacingOccurrences(of: prefix, with: "")
  }
}

/// A fresh temporary directory, removed when the test ends.
func temporaryDirectory(_ test: XCTestCase) throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "lrlab-lessons-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
  return url
}

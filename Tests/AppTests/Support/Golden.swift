import Foundation
import TerminalUI
import XCTest

/// Compares a frame (text + styles) with Tests/AppTests/Golden/<name>.txt.
/// `LRLAB_RECORD_GOLDEN=1 swift test --filter AppTests` re-records the files.
func assertGolden(
  _ buffer: Buffer, _ name: String, file: StaticString = #filePath, line: UInt = #line
) {
  let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Golden")
  let url = dir.appendingPathComponent(name + ".txt")
  let actual = "size \(buffer.width)x\(buffer.height)\n" + buffer.styledText().combined
  if ProcessInfo.processInfo.environment["LRLAB_RECORD_GOLDEN"] == "1" {
    XCTAssertNoThrow(
      try actual.write(to: url, atomically: true, encoding: .utf8), file: file, line: line)
    return
  }
  guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
    XCTFail("missing golden \(url.path); record with LRLAB_RECORD_GOLDEN=1", file: file, line: line)
    return
  }
  if expected != actual {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let firstDiff =
      zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
    let got = firstDiff < a.count ? String(a[firstDiff]) : "<end>"
    let want = firstDiff < e.count ? String(e[firstDiff]) : "<end>"
    XCTFail(
      "golden \(name) differs at line \(firstDiff + 1):\n  want: \(want)\n  got:  \(got)\n"
        + "re-record with LRLAB_RECORD_GOLDEN=1 if the change is intended", file: file, line: line)
  }
}

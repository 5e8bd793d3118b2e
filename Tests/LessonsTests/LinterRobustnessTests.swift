import Foundation
import XCTest

@testable import Lessons

/// `check` never crashes, whatever the bytes.
final class LinterRobustnessTests: XCTestCase {
  private func check(_ data: Data) throws -> [Diagnostic] {
    let dir = try temporaryDirectory(self)
    let file = dir.appendingPathComponent("input.md")
    try data.write(to: file)
    return Linter.check(paths: [file])
  }

  func testEmptyFile() throws {
    XCTAssertEqual(try check(Data()).map(\.message), ["the file is empty"])
  }

  func testBinaryGarbage() throws {
    var generator = SplitMix(seed: 42)
    for _ in 0..<20 {
      let bytes = (0..<2048).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
      let diagnostics = try check(Data(bytes))
      XCTAssertTrue(diagnostics.contains { $0.severity == .error })
    }
  }

  func testGarbageInsideEveryBlockKind() throws {
    var generator = SplitMix(seed: 7)
    let fences = ["quiz", "lab id=x", "checkpoint", "expect", "python"]
    for round in 0..<25 {
      let noise = String(
        decoding: (0..<300).map { _ in UInt8(truncatingIfNeeded: generator.next() % 128) },
        as: UTF8.self)
      let text =
        "---\nid: x\ntitle: t\norder: 1\nformat_version: 1\n---\n\n```\(fences[round % 5])\n\(noise)\n```\n"
      _ = try check(Data(text.utf8))
    }
  }

  func testDeeplyNestedYAMLIsRefusedNotACrash() throws {
    let header = "---\nid: x\ntitle: t\norder: 1\nformat_version: 1\n"
    let flow = header + "x: " + String(repeating: "[", count: 100_000) + "\n---\n\nBody.\n"
    XCTAssertEqual(
      try check(Data(flow.utf8)).map(\.description).map { String($0.drop { $0 != ":" }) },
      [":6:1: error: the YAML in the front matter is nested more than 64 levels deep"])
    let blocks = (0..<2_000).map { String(repeating: " ", count: $0) + "- " }.joined(
      separator: "\n")
    let quiz = header + "---\n\n```quiz\n" + blocks + "\n```\n"
    XCTAssertEqual(
      try check(Data(quiz.utf8)).map(\.message),
      ["the YAML in quiz is nested more than 64 levels deep"])
    let dashes = header + "---\n\n```expect\n" + String(repeating: "- ", count: 50_000) + "x\n```\n"
    XCTAssertEqual(
      try check(Data(dashes.utf8)).map(\.message),
      [
        "an ```expect block must follow a ```lab block",
        "the YAML in expect is nested more than 64 levels deep",
      ])
  }

  func testInvalidUTF8() throws {
    let text = "---\nid: x\ntitle: t\norder: 1\nformat_version: 1\n---\n\nok\n"
    var data = Data(text.utf8)
    data.append(contentsOf: [0xC3, 0x28, 0xFF])
    let diagnostics = try check(data)
    XCTAssertEqual(
      diagnostics.map(\.description).map {
        $0.components(separatedBy: ": ").dropFirst().joined(separator: ": ")
      },
      ["error: the file is not valid UTF-8 (bad bytes shown as \u{FFFD})"])
    XCTAssertEqual(diagnostics.first?.position.line, 9)
  }

  func testTenMegabyteFile() throws {
    let header = "---\nid: big\ntitle: Big\norder: 1\nformat_version: 1\n---\n\n"
    let chunk =
      "A paragraph with *emphasis*, `code` and [a link](u).\n\n- item\n- item\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
    let text = header + String(repeating: chunk, count: 10 * 1024 * 1024 / chunk.utf8.count)
    let diagnostics = try check(Data(text.utf8))
    XCTAssertEqual(diagnostics, [])
  }

  func testHostileTextIsSanitisedInTheModel() {
    let text = """
      ---
      id: hostile
      title: "Title\\e[2J\\x07"
      order: 1
      format_version: 1
      summary: "\\u202Eevil"
      ---

      Body \u{1B}]0;pwned\u{07}.

      ```quiz
      id: q
      question: "Pick\\e[31m one"
      choices:
        - text: "A\\x9b"
          correct: true
        - B
      hints: ["\\e]8;;x\\e\\\\"]
      ```

      ```lab id=l title="T\u{1B}[1m"
      scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10)
      ```
      """
    let lesson = LessonParser.parse(contents: text, file: "hostile\u{1B}x.md")
    XCTAssertEqual(lesson.diagnostics.map(\.description), [])
    let dump = String(reflecting: lesson)
    XCTAssertTrue(dump.contains("\u{FFFD}"))
    // The ESC [2J sequence is one replacement, the BEL another.
    XCTAssertEqual(lesson.title, "Title\u{FFFD}\u{FFFD}")
    XCTAssertEqual(lesson.summary, "\u{FFFD}evil")
    XCTAssertEqual(lesson.file, "hostile\u{FFFD}.md")
    XCTAssertEqual(lesson.quizzes.first?.question, [.text("Pick\u{FFFD} one")])
    XCTAssertEqual(lesson.labs.first?.title, "T\u{FFFD}")
    for scalar in dump.unicodeScalars where scalar != "\n" {
      XCTAssertFalse(
        (0x00...0x1F).contains(scalar.value) || (0x7F...0x9F).contains(scalar.value)
          || (0x202A...0x202E).contains(scalar.value), "U+\(String(scalar.value, radix: 16))")
    }
  }
}

/// A tiny deterministic generator for fuzz inputs.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

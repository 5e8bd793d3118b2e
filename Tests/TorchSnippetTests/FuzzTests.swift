import GoldenFixtures
import Schedulers
import TorchSnippet
import XCTest

/// Hostile input never crashes the reader: random bytes, every truncation of every golden
/// snippet, and random splices. Each build that succeeds is also stepped.
final class FuzzTests: XCTestCase {
  /// A fixed-seed generator so a failure reproduces.
  struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// Parses, builds and steps `source`; returns whether it built.
  @discardableResult
  func exercise(_ source: String) -> Bool {
    do {
      let built = try SnippetProgram.parse(source).build()
      let trace = ScheduleRunner.run(built, steps: min(built.naturalLength, 50), metrics: [1, 0.5])
      XCTAssertFalse(trace.rows.isEmpty)
      _ = trace.csv()
      return true
    } catch {
      XCTAssertGreaterThanOrEqual(error.line, 1, source)
      XCTAssertGreaterThanOrEqual(error.column, 1, source)
      XCTAssertTrue(error.rendered().hasPrefix("error: "))
      return false
    }
  }

  func testRandomBytes() {
    var rng = SplitMix(state: 42)
    for _ in 0..<500 {
      let count = Int.random(in: 0..<80, using: &rng)
      let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
      exercise(String(decoding: bytes, as: UTF8.self))
    }
  }

  func testRandomPythonishText() {
    let pieces = [
      "scheduler", " = ", "StepLR(", "optimizer", ", ", "step_size=", "3", ")", "\n", "lambda",
      " e", ": ", "e", " ** ", "-", "(", "[", "]", "{", "}", "'a'", ":", "0.5", "1e-3", "if ",
      " else ", "for ", " in ", "    ", "\t", "#", ",", ".", "torch.optim.", "math.cos", "\\",
      "\"", "f'x{y}'", "OneCycleLR(optimizer, max_lr=0.1, total_steps=5)", "**", "//", "%",
      "class ", "def ", "try:", "except", "finally:", "with ", " as ", "@", "*", "return ",
      "self.", "nn.Linear(2, 2)", "[p for n, p in model.named_parameters()]", "{**", "|", "::",
      "async ", "await ", "yield ", "global ", "raise ", "range(", "functools.partial(",
      "2 ** 70", "import os", "from x import *", "__name__", "if ", "while ", "main()",
    ]
    var rng = SplitMix(state: 7)
    for _ in 0..<1500 {
      let count = Int.random(in: 1..<25, using: &rng)
      exercise((0..<count).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined())
    }
  }

  /// Every 97th cut of the whole-script fixtures, and each with one line deleted.
  func testTruncatedAndMangledScripts() throws {
    for name in ["train_classifier", "finetune_bert", "autoencoder_groups"] {
      let url = try XCTUnwrap(
        Bundle.module.url(forResource: name, withExtension: "py", subdirectory: "Fixtures"))
      let source = try String(contentsOf: url, encoding: .utf8)
      let scalars = Array(source.unicodeScalars)
      for cut in stride(from: 0, to: scalars.count, by: 97) {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[..<cut])
        exercise(text)
      }
      let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
      for index in stride(from: 0, to: lines.count, by: 3) {
        var mangled = lines
        mangled.remove(at: index)
        exercise(mangled.joined(separator: "\n"))
      }
    }
  }

  func testEveryTruncationOfEveryGoldenSnippet() throws {
    for golden in try GoldenFile.load().cases {
      let scalars = Array(golden.code.unicodeScalars)
      for cut in stride(from: 0, to: scalars.count, by: 2) {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[..<cut])
        exercise(text)
      }
      let constructorRaises = golden.error?.atStep == 0
      XCTAssertEqual(exercise(golden.code), !constructorRaises, golden.id)
    }
  }
}

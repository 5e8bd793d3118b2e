import Foundation
import FuzzTargets
import XCTest

/// A short, deterministic stand-in for `scripts/fuzz.sh` in CI: every seed of every target,
/// then seeded random mutations of them (byte flips, truncations, splices), through the same
/// entry points libFuzzer drives. An invariant violation traps (the test process dies).
final class FuzzPropertyTests: XCTestCase {
  static let corpus: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("Fuzz/corpus")
  }()

  func seeds(_ target: FuzzEntry.Target) throws -> [Data] {
    let dir = Self.corpus.appendingPathComponent(target.rawValue)
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    return try names.map { try Data(contentsOf: dir.appendingPathComponent($0)) }
  }

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

  static func mutate(_ data: Data, with other: Data, using rng: inout SplitMix) -> Data {
    var bytes = [UInt8](data)
    switch Int.random(in: 0..<4, using: &rng) {
    case 0 where !bytes.isEmpty:
      for _ in 0..<Int.random(in: 1...4, using: &rng) {
        bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
      }
    case 1:
      bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng)))
    case 2:
      let cut = Int.random(in: 0...bytes.count, using: &rng)
      let theirs = [UInt8](other)
      bytes =
        Array(bytes.prefix(cut)) + theirs.suffix(Int.random(in: 0...theirs.count, using: &rng))
    default:
      let interesting: [[UInt8]] = [
        [0x1B, 0x5D, 0x35, 0x32, 0x3B], [0x00], [0xE2, 0x80, 0xAE], Array("1e999".utf8),
        Array("9223372036854775807".utf8), Array("\"".utf8), Array("{".utf8), Array("[".utf8),
        Array("\n---\n".utf8), Array("```".utf8),
      ]
      let at = Int.random(in: 0...bytes.count, using: &rng)
      bytes.insert(
        contentsOf: interesting[Int.random(in: 0..<interesting.count, using: &rng)], at: at)
    }
    return Data(bytes)
  }

  func exercise(_ target: FuzzEntry.Target, mutations: Int) throws {
    let seeds = try seeds(target)
    XCTAssertFalse(seeds.isEmpty, "Fuzz/corpus/\(target.rawValue) has seeds")
    for seed in seeds { FuzzEntry.run(target, seed) }
    var rng = SplitMix(state: 0x5EED)
    for _ in 0..<mutations {
      let a = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
      let b = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
      FuzzEntry.run(target, Self.mutate(a, with: b, using: &rng))
    }
  }

  func testSnippetReader() throws { try exercise(.snippet, mutations: 300) }
  func testLessonParser() throws { try exercise(.lesson, mutations: 100) }
  func testProgressDecoder() throws { try exercise(.progress, mutations: 500) }
}

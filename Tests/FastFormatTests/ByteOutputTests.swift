import FastFormat
import XCTest

/// ByteOutput writes exactly what `description` / `String(_:)` write.
final class ByteOutputTests: XCTestCase {
  func testDoublesMatchDescriptionOverRandomBitPatternsAndEdgeCases() {
    var edge: [Double] = [
      0, -0.0, 1, -1, 0.5, 0.1, 1e16, 1e15, 9_007_199_254_740_992, 123_456_789_012_345_680,
      .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, .infinity,
      -.infinity, .nan,
      -.nan, 1e-05, 0.0001, 100, 1e22, 2.5e300, 0.015142857142857138, 3.0e-7,
    ]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    for _ in 0..<100_000 {
      edge.append(Double(bitPattern: next()))
      // Typical simulator values: losses and learning rates between 1e-12 and 1e20.
      let decade = Double(Int(next() % 33) - 12)
      edge.append(Double(next() >> 11) * 0x1.0p-53 * pow(10, decade))
      edge.append(Double(Int64(bitPattern: next()) % 100_000) / 8)
    }
    let out = ByteOutput()
    var expected = ""
    for value in edge {
      out.append(value)
      out.append(UInt8(ascii: ","))
      expected += value.description + ","
    }
    XCTAssertEqual(out.string(), expected)
  }

  func testLiteralsAreCopiedAsTheirUTF8() {
    let out = ByteOutput(capacity: 1)
    out.append(literal: "{\"step\": ")
    out.append(3)
    out.append(literal: ", \"é\": []}")
    XCTAssertEqual(out.string(), "{\"step\": 3, \"é\": []}")
  }

  func testIntegersMatchString() {
    let out = ByteOutput()
    var expected = ""
    for value in [0, 1, -1, 9, 10, 99, 100, 1_000_000, Int.max, Int.min, -123_456_789] {
      out.append(value)
      out.append(" ")
      expected += String(value) + " "
    }
    XCTAssertEqual(out.string(), expected)
  }

  func testStreamingWritesEverythingInChunks() throws {
    var pipe: [Int32] = [0, 0]
    XCTAssertEqual(pipe.withUnsafeMutableBufferPointer { Glibc.pipe($0.baseAddress!) }, 0)
    let out = ByteOutput(fileDescriptor: pipe[1], chunk: 64)
    var expected = ""
    for i in 0..<200 {
      out.append(i)
      out.append("\n")
      out.flushIfFull()
      expected += "\(i)\n"
    }
    // Chunks went out before the end.
    XCTAssertLessThan(out.bytes.count, 80)
    out.flush()
    close(pipe[1])
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = read(pipe[0], &buffer, buffer.count)
      if n <= 0 { break }
      received += buffer[0..<n]
    }
    close(pipe[0])
    XCTAssertEqual(String(decoding: received, as: UTF8.self), expected)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The runtime's shortest round-trip formatter: the digit generator behind
/// `Double.description` (the standard library declares it the same way), writing into our
/// buffer instead of a new String. This entry point leaves padding zeros ("0.5", "1.0") as
/// they were in the buffer, so the buffer is filled with "0" first; NaN (whose payload it
/// would print) goes through `description`. FastFormatTests compare it with `description`
/// over random bit patterns and the edge cases.
@_silgen_name("swift_float64ToString")
private func runtimeFloat64ToString(
  _ buffer: UnsafeMutablePointer<UInt8>, _ bufferLength: UInt, _ value: Float64, _ debug: Bool
) -> UInt64

/// Text output as UTF-8 bytes, without a String per number: integers and doubles are
/// formatted straight into a growing buffer, exactly as `String(n)` and `Double.description`
/// would write them. With a file descriptor, the buffer is written out whenever it passes
/// `flushThreshold`, so a million rows stream in constant memory.
public struct ByteOutput {
  public private(set) var bytes: [UInt8]
  private let fd: Int32?
  private let flushThreshold: Int
  /// Set when a write to the file descriptor failed (the rest is dropped).
  public private(set) var writeFailed = false

  /// Collects everything in memory (`bytes`).
  public init(capacity: Int = 4096) {
    bytes = []
    bytes.reserveCapacity(capacity)
    fd = nil
    flushThreshold = Int.max
  }

  /// Streams to `fd` in chunks of about `chunk` bytes; call `flush()` at the end.
  public init(fileDescriptor: Int32, chunk: Int = 1 << 16) {
    bytes = []
    bytes.reserveCapacity(chunk + 512)
    fd = fileDescriptor
    flushThreshold = chunk
  }

  @inline(__always)
  public mutating func append(_ byte: UInt8) {
    bytes.append(byte)
  }

  public mutating func append(_ text: String) {
    bytes.append(contentsOf: text.utf8)
    flushIfFull()
  }

  /// `Double.description`, byte for byte.
  @inline(__always)
  public mutating func append(_ value: Double) {
    guard !value.isNaN else {
      bytes.append(contentsOf: value.description.utf8)
      return
    }
    let start = bytes.count
    bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 32))
    let count = bytes.withUnsafeMutableBufferPointer { buffer in
      Int(runtimeFloat64ToString(buffer.baseAddress! + start, 32, value, false))
    }
    bytes.removeLast(32 - count)
  }

  /// `String(value)`, byte for byte.
  @inline(__always)
  public mutating func append(_ value: Int) {
    if value < 0 {
      guard value != Int.min else {
        bytes.append(contentsOf: String(value).utf8)
        return
      }
      bytes.append(UInt8(ascii: "-"))
    }
    var rest = value.magnitude
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var n = 0
      repeat {
        digits[19 - n] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
        rest /= 10
        n += 1
      } while rest > 0
      bytes.append(contentsOf: UnsafeBufferPointer(start: digits.baseAddress! + 20 - n, count: n))
    }
  }

  /// Writes the buffer out once it is past the chunk size (call after each row).
  @inline(__always)
  public mutating func flushIfFull() {
    if bytes.count >= flushThreshold { flush() }
  }

  /// Writes everything buffered to the file descriptor (no-op in memory).
  public mutating func flush() {
    guard let fd, !bytes.isEmpty else { return }
    if !writeFailed {
      bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
          let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
          if n < 0 {
            if errno == EINTR { continue }
            writeFailed = true
            return
          }
          offset += n
        }
      }
    }
    bytes.removeAll(keepingCapacity: true)
  }

  /// The collected text (in-memory output).
  public func string() -> String { String(decoding: bytes, as: UTF8.self) }
}

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
/// `flushThreshold`, so a million rows stream in constant memory. A reference type: pass it
/// around, do not copy it expecting two buffers.
public final class ByteOutput {
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  public private(set) var count = 0
  private let fd: Int32?
  private let flushThreshold: Int
  /// Set when a write to the file descriptor failed (the rest is dropped).
  public private(set) var writeFailed = false
  /// The `errno` of that failed write (EPIPE: the reader went away).
  public private(set) var writeError: Int32 = 0

  /// Collects everything in memory (`bytes`).
  public init(capacity: Int = 4096) {
    self.capacity = max(64, capacity)
    base = .allocate(capacity: self.capacity)
    fd = nil
    flushThreshold = Int.max
  }

  /// Streams to `fd` in chunks of about `chunk` bytes; call `flush()` at the end.
  public init(fileDescriptor: Int32, chunk: Int = 1 << 16) {
    capacity = max(64, chunk + 1024)
    base = .allocate(capacity: capacity)
    fd = fileDescriptor
    flushThreshold = chunk
  }

  deinit { base.deallocate() }

  /// What is buffered (everything, for in-memory output).
  public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

  /// Room for `extra` more bytes.
  @inline(__always)
  private func reserve(_ extra: Int) {
    guard count + extra > capacity else { return }
    var newCapacity = capacity * 2
    while count + extra > newCapacity { newCapacity *= 2 }
    let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    grown.update(from: base, count: count)
    base.deallocate()
    base = grown
    capacity = newCapacity
  }

  @inline(__always)
  public func append(_ byte: UInt8) {
    reserve(1)
    base[count] = byte
    count += 1
  }

  /// A literal's bytes, copied straight (no String machinery: the hot rows use these).
  @inline(__always)
  public func append(literal text: StaticString) {
    let n = text.utf8CodeUnitCount
    reserve(n)
    (base + count).update(from: text.utf8Start, count: n)
    count += n
  }

  public func append(_ text: String) {
    var text = text
    text.withUTF8 { utf8 in
      reserve(utf8.count)
      if let source = utf8.baseAddress { (base + count).update(from: source, count: utf8.count) }
      count += utf8.count
    }
    flushIfFull()
  }

  /// `Double.description`, byte for byte.
  @inline(__always)
  public func append(_ value: Double) {
    guard !value.isNaN else {
      append(value.description)
      return
    }
    reserve(32)
    let start = base + count
    start.initialize(repeating: UInt8(ascii: "0"), count: 32)
    count += Int(runtimeFloat64ToString(start, 32, value, false))
  }

  /// `String(value)`, byte for byte.
  @inline(__always)
  public func append(_ value: Int) {
    reserve(21)
    if value < 0 {
      guard value != Int.min else {
        append(String(value))
        return
      }
      base[count] = UInt8(ascii: "-")
      count += 1
    }
    var rest = value.magnitude
    var digits = 1
    var probe = rest
    while probe >= 10 {
      probe /= 10
      digits += 1
    }
    var index = count + digits - 1
    repeat {
      base[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
      rest /= 10
      index -= 1
    } while rest > 0
    count += digits
  }

  /// Writes the buffer out once it is past the chunk size (call after each row).
  @inline(__always)
  public func flushIfFull() {
    if count >= flushThreshold { flush() }
  }

  /// Writes everything buffered to the file descriptor (no-op in memory).
  public func flush() {
    guard let fd, count > 0 else { return }
    var offset = 0
    while !writeFailed && offset < count {
      let n = write(fd, base + offset, count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        writeFailed = true
        writeError = errno
      } else {
        offset += n
      }
    }
    count = 0
  }

  /// The collected text (in-memory output).
  public func string() -> String {
    String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
  }
}

import Foundation
import Glibc
import Markdown

/// The one way lrlab's commands write to standard output and standard error.
///
/// - Every string passes `Sanitizer.clean`, the TUI's sanitiser: text from a snippet, a lesson
///   or a file can never reach the terminal as an escape sequence, a bidi override, a NUL, a
///   zero-width character or an unbounded stack of combining marks. (JSON writers escape such
///   characters as `\uXXXX` first, so JSON stays lossless.)
/// - Writes go straight to the file descriptor (buffered here, flushed at 64 KB and at exit):
///   a write that fails ends the process with a message and status 1 (`> /dev/full`, a closed
///   descriptor); a closed pipe (EPIPE) ends it quietly, as other Unix tools do (status 141,
///   a shell's SIGPIPE status, when SIGPIPE is ignored).
enum Output {
  nonisolated(unsafe) private static var pending: [UInt8] = []
  private static let flushAt = 1 << 16

  /// Writes `text` (sanitised) to standard output.
  static func write(_ text: String) {
    append(Sanitizer.clean(text))
  }

  /// Writes `text` and a newline to standard output.
  static func line(_ text: String) {
    write(text + "\n")
  }

  /// Writes already-safe bytes (numbers, ASCII punctuation) to standard output; anything that
  /// is not plain printable ASCII goes through the sanitiser anyway.
  static func bytes(_ bytes: [UInt8]) {
    if bytes.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A }) {
      pending.append(contentsOf: bytes)
      if pending.count >= flushAt { flush() }
    } else {
      write(String(decoding: bytes, as: UTF8.self))
    }
  }

  private static func append(_ text: String) {
    pending.append(contentsOf: text.utf8)
    if pending.count >= flushAt { flush() }
  }

  /// Writes `message` (sanitised) and a newline to standard error, after what is pending on
  /// standard output (so the two interleave in order on a terminal). A failure is ignored.
  static func error(_ message: String) {
    flush()
    let bytes = Array((Sanitizer.clean(message) + "\n").utf8)
    // When standard error itself fails there is nowhere left to say it: the exit status the
    // command was going to give still tells.
    _ = writeAll(STDERR_FILENO, bytes)
  }

  /// Sends what is pending to standard output; a failure ends the process (see above).
  static func flush() {
    guard !pending.isEmpty else { return }
    let bytes = pending
    pending.removeAll(keepingCapacity: true)
    guard writeAll(STDOUT_FILENO, bytes) else { failedWrite(errno: errno) }
  }

  /// Standard output could not be written: a closed pipe ends quietly (141), anything else
  /// says why and exits 1.
  static func failedWrite(errno code: Int32) -> Never {
    if code == EPIPE { _exit(141) }
    let message = "lrlab: cannot write to standard output: \(String(cString: strerror(code)))\n"
    _ = writeAll(STDERR_FILENO, Array(message.utf8))
    _exit(1)
  }

  /// Ends the process with `status` after flushing standard output.
  static func exit(_ status: Int32) -> Never {
    flush()
    Glibc.exit(status)
  }

  /// write(2) until done; false (errno set) on failure.
  static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { raw in
      guard var base = raw.baseAddress else { return true }
      var left = raw.count
      while left > 0 {
        let n = Glibc.write(fd, base, left)
        if n < 0 {
          if errno == EINTR { continue }
          return false
        }
        if n == 0 {
          errno = EIO
          return false
        }
        base += n
        left -= n
      }
      return true
    }
  }
}

/// An error message on standard error (sanitised).
func printError(_ message: String) {
  Output.error(message)
}

/// Text for a JSON string whose characters the sanitiser would replace: escaped as `\uXXXX`
/// instead (valid JSON, lossless, and inert on a terminal). Apply to JSON documents only.
func jsonEscapingUnsafe(_ json: String) -> String {
  var out = String.UnicodeScalarView()
  var changed = false
  var marks = 0
  for scalar in json.unicodeScalars {
    let combining = Sanitizer.isCombiningMark(scalar)
    marks = combining ? marks + 1 : 0
    if (scalar != "\n" && Sanitizer.isForbidden(scalar))
      || (combining && marks > Sanitizer.maxCombiningMarks)
    {
      changed = true
      if scalar.value <= 0xFFFF {
        let hex = String(scalar.value, radix: 16)
        out.append(
          contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
      } else {
        out.append(scalar)
      }
    } else {
      out.append(scalar)
    }
  }
  return changed ? String(out) : json
}

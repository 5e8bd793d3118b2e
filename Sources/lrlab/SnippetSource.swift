import ArgumentParser
import Foundation
import Glibc

/// Where a command's PyTorch snippet comes from: the argument, standard input (`-`) or `--file`.
/// Input is bounded (`maxBytes`): `lrlab schedule - < /dev/zero` stops with a clear error.
struct SnippetSource {
  var argument: String?
  var file: String?

  /// The largest snippet read, from standard input or a file (a long script is ~50 KB).
  static let maxBytes = 1 << 20

  /// The snippet, which `lrlab <command>` requires; misuse is reported through `usage`.
  func read(command: String, usage: (String) -> ExitCode) throws -> String {
    guard let text = try readIfGiven(usage: usage) else {
      throw usage("give a snippet: `lrlab \(command) 'CODE'`, `-` to read stdin, or --file PATH")
    }
    return text
  }

  /// The snippet, or nil when neither the argument nor `--file` was given.
  func readIfGiven(usage: (String) -> ExitCode) throws -> String? {
    switch (argument, file) {
    case (nil, nil):
      return nil
    case (_?, _?):
      throw usage("give either a snippet argument or --file, not both")
    case ("-"?, nil):
      return try Self.readBounded(fd: STDIN_FILENO, name: "standard input", usage: usage)
    case (let text?, nil):
      guard text.utf8.count <= Self.maxBytes else {
        throw usage("the snippet is larger than \(Self.maxBytes >> 20) MB")
      }
      return text
    case (nil, let path?):
      let fd = open(path, O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else {
        throw usage("\(path): cannot read the file (\(String(cString: strerror(errno))))")
      }
      defer { close(fd) }
      var info = stat()
      if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
        throw usage("\(path): is a directory, not a snippet file")
      }
      return try Self.readBounded(fd: fd, name: path, usage: usage)
    }
  }

  /// Reads `fd` to its end, refusing more than `maxBytes`.
  static func readBounded(fd: Int32, name: String, usage: (String) -> ExitCode) throws -> String {
    var data = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw usage("\(name): cannot read (\(String(cString: strerror(errno))))")
      }
      if n == 0 { break }
      data.append(contentsOf: chunk[0..<n])
      if data.count > maxBytes {
        throw usage("\(name): the snippet is larger than \(maxBytes >> 20) MB; not reading further")
      }
    }
    return String(decoding: data, as: UTF8.self)
  }
}

import ArgumentParser
import Foundation

/// Where a command's PyTorch snippet comes from: the argument, standard input (`-`) or `--file`.
struct SnippetSource {
  var argument: String?
  var file: String?

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
      return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    case (let text?, nil):
      return text
    case (nil, let path?):
      guard let data = FileManager.default.contents(atPath: path) else {
        throw usage("\(path): cannot read the file")
      }
      return String(decoding: data, as: UTF8.self)
    }
  }
}

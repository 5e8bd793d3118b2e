import Foundation
import XCTest

/// The package root, found from this file's path (tests run from any working directory).
let packageRoot: URL = {
  var url = URL(fileURLWithPath: #filePath)
  while url.path != "/" {
    url.deleteLastPathComponent()
    if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
      return url
    }
  }
  return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
}()

/// The `lrlab` binary that `swift test` built beside the test bundle.
let lrlabBinary: URL = {
  let beside = Bundle.main.bundleURL.appendingPathComponent("lrlab")
  if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
  for dir in [".build/debug", ".build/x86_64-unknown-linux-gnu/debug"] {
    let url = packageRoot.appendingPathComponent(dir).appendingPathComponent("lrlab")
    if FileManager.default.isExecutableFile(atPath: url.path) { return url }
  }
  return beside
}()

struct ProcessResult {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs `lrlab` with `arguments`, feeding `stdin`, and waits for it.
func runLrlab(
  _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
  currentDirectory: URL? = nil
) throws -> ProcessResult {
  let process = Process()
  process.executableURL = lrlabBinary
  process.arguments = arguments
  var env = ProcessInfo.processInfo.environment
  for (k, v) in environment { env[k] = v }
  process.environment = env
  if let currentDirectory { process.currentDirectoryURL = currentDirectory }
  let out = Pipe()
  let err = Pipe()
  let input = Pipe()
  process.standardOutput = out
  process.standardError = err
  process.standardInput = input
  try process.run()
  // Read both pipes concurrently so a large output cannot deadlock the child.
  nonisolated(unsafe) var errData = Data()
  let errReader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
  errReader.start()
  if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
  try? input.fileHandleForWriting.close()
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  while !errReader.isFinished { Thread.sleep(forTimeInterval: 0.005) }
  return ProcessResult(
    status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
    stderr: String(decoding: errData, as: UTF8.self))
}

/// A detached tmux session running a command, driven like a person would.
final class TmuxSession {
  let name: String
  private let socket: String

  static var isAvailable: Bool {
    ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].contains {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  /// The tmux socket this test process uses.
  static var socket: String { "lrlab-test-\(ProcessInfo.processInfo.processIdentifier)" }

  /// Starts this process's tmux server if it is not running. A server started by a client whose
  /// output is a pipe inherits that pipe (Foundation's `Process` leaves descriptors open in the
  /// child), and reading the client's output would then never end. So the server is started
  /// apart, through bash with every inherited descriptor above 2 closed, and kept alive by a
  /// "keepalive" session; the clients below then only send commands and exit.
  static func ensureServer() {
    if runDetached(["has-session", "-t", "keepalive"]) == 0 { return }
    runDetached(["-f", "/dev/null", "new-session", "-d", "-s", "keepalive", "sleep 3600"])
  }

  /// Stops this process's tmux server; call it from a test class's `tearDown`.
  static func stopServer() { runDetached(["kill-server"]) }

  @discardableResult
  private static func runDetached(_ arguments: [String]) -> Int32 {
    let quoted = (["-L", socket] + arguments).map {
      "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
    let script =
      "for fd in $(ls /proc/$$/fd); do [ $fd -gt 2 ] && eval \"exec $fd>&-\"; done 2>/dev/null; "
      + "exec tmux \(quoted.joined(separator: " ")) </dev/null >/dev/null 2>&1"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", script]
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// Starts `command` (a shell command line) in a `width`×`height` session.
  init(command: String, width: Int = 120, height: Int = 40, environment: [String: String] = [:])
    throws
  {
    name = "lrlab-test-\(UUID().uuidString.prefix(8))"
    socket = Self.socket
    Self.ensureServer()
    let exports = environment.map { "export \($0.key)='\($0.value)';" }.joined(separator: " ")
    try tmux([
      "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
      "\(exports) \(command); echo __LRLAB_EXIT_$?__; stty -a; sleep 30",
    ])
  }

  deinit { _ = try? tmux(["kill-session", "-t", name]) }

  func sendKeys(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }
  func sendLiteral(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }
  func resize(width: Int, height: Int) throws {
    try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
  }
  func capture() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }
  /// The screen with its SGR escapes (`capture-pane -e`): colour as the terminal got it.
  func captureEscapes() throws -> String { try tmux(["capture-pane", "-e", "-p", "-t", name]) }

  /// Distinct foreground colours in a `captureEscapes()` screen: 256-colour (38;5;N), 8/16
  /// colour (30–37, 90–97) and direct (38;2;R;G;B) SGR parameters.
  static func foregroundColours(_ escaped: String) -> Set<String> {
    var colours: Set<String> = []
    var rest = Substring(escaped)
    while let start = rest.range(of: "\u{1B}[") {
      rest = rest[start.upperBound...]
      guard let end = rest.firstIndex(where: { $0.isLetter }) else { break }
      defer { rest = rest[rest.index(after: end)...] }
      guard rest[end] == "m" else { continue }
      let params = rest[..<end].split(separator: ";", omittingEmptySubsequences: false).map {
        Int($0) ?? 0
      }
      var i = 0
      while i < params.count {
        let p = params[i]
        if p == 38, i + 2 < params.count, params[i + 1] == 5 {
          colours.insert("256:\(params[i + 2])")
          i += 3
        } else if p == 38, i + 4 < params.count, params[i + 1] == 2 {
          colours.insert("rgb:\(params[i + 2]),\(params[i + 3]),\(params[i + 4])")
          i += 5
        } else if p == 48, i + 1 < params.count {
          i += params[i + 1] == 5 ? 3 : params[i + 1] == 2 ? 5 : 1
        } else {
          if (30...37).contains(p) || (90...97).contains(p) { colours.insert("ansi:\(p)") }
          i += 1
        }
      }
    }
    return colours
  }

  /// Any other tmux command, for this session's server.
  @discardableResult
  func run(_ arguments: [String]) throws -> String { try tmux(arguments) }

  /// The pid of the program the pane's shell is running (its first child).
  func programPID() throws -> Int32? {
    let shell = try tmux(["list-panes", "-t", name, "-F", "#{pane_pid}"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    guard !shell.isEmpty,
      let children = try? String(
        contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
    else { return nil }
    return children.split(separator: " ").first.flatMap { Int32($0) }
  }

  /// Polls the screen until `predicate` holds or `timeout` passes; returns the last capture.
  @discardableResult
  func waitFor(timeout: TimeInterval = 10, _ predicate: (String) -> Bool) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var screen = try capture()
    while !predicate(screen) && Date() < deadline {
      Thread.sleep(forTimeInterval: 0.1)
      screen = try capture()
    }
    return screen
  }

  @discardableResult
  private func tmux(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["tmux", "-L", socket] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = Pipe()
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}

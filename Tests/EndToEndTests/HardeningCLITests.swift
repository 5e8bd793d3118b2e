import Foundation
import XCTest

@testable import lrlab

/// Issue 12's reproductions through the built binary: nothing lost, nothing injected, nothing
/// stuck. Each test is one class of fault.
final class HardeningCLITests: XCTestCase {
  private let valid = packageRoot.appendingPathComponent("Tests/LessonsTests/Fixtures/valid").path

  private func tempDir() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lrlab-harden-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }

  /// Runs a shell command line (for redirections the Process API cannot express).
  private func shell(_ script: String, environment: [String: String] = [:]) throws
    -> ProcessResult
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", script]
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    env["LRLAB"] = lrlabBinary.path
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    nonisolated(unsafe) var errData = Data()
    let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !reader.isFinished { Thread.sleep(forTimeInterval: 0.005) }
    return ProcessResult(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  private func assertInert(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
    for scalar in text.unicodeScalars where scalar != "\n" {
      let bad =
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
        || [0x202E, 0x202D, 0x200B, 0x200D, 0x2066, 0xFEFF].contains(scalar.value)
      XCTAssertFalse(
        bad, "U+\(String(scalar.value, radix: 16)) reached the output: \(text.debugDescription)",
        file: file, line: line)
    }
  }

  // MARK: Learner data is never lost

  func testAnUnreadableProgressFileIsReportedNeverOverwrittenAndNotDeletedRecursively() throws {
    let state = try tempDir()
    let env = ["XDG_STATE_HOME": state.path, "LRLAB_LESSONS": valid]
    let progress = state.appendingPathComponent("lrlab/progress.json")
    try FileManager.default.createDirectory(at: progress, withIntermediateDirectories: true)
    try Data("precious".utf8).write(to: progress.appendingPathComponent("keep"))
    let shown = try runLrlab(["progress", "show"], environment: env)
    XCTAssertEqual(shown.status, 1, "an unreadable file is not 'no progress'")
    XCTAssertTrue(shown.stderr.contains("it is a directory"), shown.stderr)
    let good = state.appendingPathComponent("good.json")
    try Data("{\"version\": 1}".utf8).write(to: good)
    XCTAssertEqual(try runLrlab(["progress", "import", good.path], environment: env).status, 1)
    XCTAssertEqual(try runLrlab(["progress", "export"], environment: env).status, 1)
    let reset = try runLrlab(["progress", "reset"], environment: env)
    XCTAssertEqual(reset.status, 1)
    XCTAssertTrue(reset.stderr.contains("not deleting"), reset.stderr)
    XCTAssertEqual(
      try Data(contentsOf: progress.appendingPathComponent("keep")), Data("precious".utf8))
  }

  func testANewerVersionsFileIsRefusedWithAnUpgradeMessage() throws {
    let state = try tempDir()
    let env = ["XDG_STATE_HOME": state.path, "LRLAB_LESSONS": valid]
    let progress = state.appendingPathComponent("lrlab/progress.json")
    try FileManager.default.createDirectory(
      at: progress.deletingLastPathComponent(), withIntermediateDirectories: true)
    let newer = Data("{\"version\": 2, \"lessonsRead\": {}}".utf8)
    try newer.write(to: progress)
    let shown = try runLrlab(["progress", "show"], environment: env)
    XCTAssertEqual(shown.status, 1)
    XCTAssertTrue(shown.stderr.contains("upgrade lrlab"), shown.stderr)
    XCTAssertEqual(try Data(contentsOf: progress), newer)
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: progress.deletingLastPathComponent().path)
        .filter { $0.contains("corrupt") }, [])
  }

  func testTruncatedJSONAndHugeNumbersAreReportedPrecisely() throws {
    let state = try tempDir()
    let env = ["XDG_STATE_HOME": state.path, "LRLAB_LESSONS": valid]
    for (text, expected) in [
      (
        "{\"version\": 1, \"lessonsRead\": ", "1:31: unexpected end of file (the file is truncated)"
      ),
      ("{\"version\": 1e999}", "1:13: number 1e999 is out of range"),
    ] {
      let file = state.appendingPathComponent("in.json")
      try Data(text.utf8).write(to: file)
      let result = try runLrlab(["progress", "import", file.path], environment: env)
      XCTAssertEqual(result.status, 1)
      XCTAssertTrue(result.stderr.contains(expected), result.stderr)
      XCTAssertFalse(result.stderr.contains("not a JSON object"), result.stderr)
    }
  }

  func testCountsNearIntMaxAreRefusedOnImport() throws {
    let state = try tempDir()
    let env = ["XDG_STATE_HOME": state.path, "LRLAB_LESSONS": valid]
    let file = state.appendingPathComponent("in.json")
    try Data(
      """
      {"version": 1, "labsRun": {"basics/steplr": {"runs": 9223372036854775807, "lastRunAt": "2027-01-15T08:00:00Z"}},
       "quizzes": {"basics/steplr-baseline": {"attempts": 9223372036854775807, "correct": true,
         "firstTryCorrect": true, "answeredAt": "2027-01-15T08:00:00Z"}}}
      """.utf8
    ).write(to: file)
    let result = try runLrlab(["progress", "import", file.path], environment: env)
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stderr.contains("out of range"), result.stderr)
    XCTAssertEqual(try runLrlab(["progress", "show"], environment: env).status, 0)
  }

  func testConcurrentProcessesNeverLoseAnUpdate() throws {
    // Eight lrlab processes merge eight different progress files into one store at the same
    // time; every lesson survives (without the lock + re-read, most would be lost).
    let state = try tempDir()
    let env = ["XDG_STATE_HOME": state.path, "LRLAB_LESSONS": valid]
    var script = ""
    for k in 0..<8 {
      let file = state.appendingPathComponent("p\(k).json")
      try Data(
        "{\"version\": 1, \"lessonsRead\": {\"lesson-\(k)\": \"2027-01-15T08:00:00Z\"}}".utf8
      ).write(to: file)
      script += "\"$LRLAB\" progress import --merge '\(file.path)' >/dev/null & "
    }
    script += "wait"
    for _ in 0..<3 {
      let result = try shell(script, environment: env)
      XCTAssertEqual(result.status, 0, result.stderr)
    }
    let exported = try runLrlab(["progress", "export"], environment: env)
    let object =
      try JSONSerialization.jsonObject(with: Data(exported.stdout.utf8)) as? [String: Any]
    XCTAssertEqual(
      (object?["lessonsRead"] as? [String: Any])?.keys.sorted(), (0..<8).map { "lesson-\($0)" })
  }

  func testExportWritesRegularFilesOnlyKeepingTheMode() throws {
    let state = try tempDir()
    let env = ["XDG_STATE_HOME": state.path, "LRLAB_LESSONS": valid]
    let fifo = state.appendingPathComponent("fifo")
    XCTAssertEqual(mkfifo(fifo.path, 0o644), 0)
    for target in [fifo.path, "/dev/null", state.path] {
      let result = try runLrlab(["progress", "export", target], environment: env)
      XCTAssertEqual(result.status, 1, target)
      XCTAssertTrue(result.stderr.contains("regular files only"), result.stderr)
    }
    var info = stat()
    XCTAssertEqual(lstat("/dev/null", &info), 0)
    XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR, "/dev/null is still a device")
    let mine = state.appendingPathComponent("mine.json")
    try Data().write(to: mine)
    chmod(mine.path, 0o600)
    XCTAssertEqual(try runLrlab(["progress", "export", mine.path], environment: env).status, 0)
    XCTAssertEqual(stat(mine.path, &info), 0)
    XCTAssertEqual(info.st_mode & 0o777, 0o600)
    let dash = try runLrlab(["progress", "export", "-"], environment: env)
    XCTAssertEqual(dash.status, 0)
    XCTAssertTrue(dash.stdout.contains("\"version\""), dash.stdout)
  }

  func testASymlinkedProgressFileStaysALink() throws {
    let state = try tempDir()
    let env = ["XDG_STATE_HOME": state.path, "LRLAB_LESSONS": valid]
    let dir = state.appendingPathComponent("lrlab")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let target = state.appendingPathComponent("synced.json")
    try Data("{\"version\": 1}".utf8).write(to: target)
    try FileManager.default.createSymbolicLink(
      atPath: dir.appendingPathComponent("progress.json").path, withDestinationPath: target.path)
    let file = state.appendingPathComponent("in.json")
    try Data("{\"version\": 1, \"lessonsRead\": {\"basics\": \"2027-01-15T08:00:00Z\"}}".utf8)
      .write(to: file)
    XCTAssertEqual(try runLrlab(["progress", "import", file.path], environment: env).status, 0)
    XCTAssertEqual(
      try FileManager.default.destinationOfSymbolicLink(
        atPath: dir.appendingPathComponent("progress.json").path), target.path)
    XCTAssertTrue(try String(contentsOf: target, encoding: .utf8).contains("basics"))
  }

  func testHomeMustBeAbsolute() throws {
    let cwd = try tempDir()
    for home in ["", "relative"] {
      let result = try runLrlab(
        ["progress", "show"],
        environment: ["HOME": home, "XDG_STATE_HOME": "", "LRLAB_LESSONS": valid],
        currentDirectory: cwd)
      XCTAssertEqual(result.status, 2, result.stderr)
      XCTAssertTrue(result.stderr.contains("must be an absolute path"), result.stderr)
    }
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cwd.path), [])
  }

  // MARK: Nothing injected

  func testErrorExcerptsAreSanitised() throws {
    for hostile in [
      "StepLR(optimizer, step_size='\u{1B}]52;c;aGVsbG8=\u{07}')",
      "StepLR(optimizer, step_size='\u{1B}]2;pwned\u{07}')",
      "StepLR(optimizer, step_size='\u{202E}x\u{0}y')",
    ] {
      for command in ["schedule", "simulate"] {
        let result = try runLrlab([command, hostile])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("line 1"), result.stderr)
        assertInert(result.stderr)
        assertInert(result.stdout)
      }
    }
  }

  func testLessonsListSanitisesZeroWidthAndCombiningStacks() throws {
    let dir = try tempDir()
    let zalgo = "Z" + String(repeating: "\u{0301}", count: 40)
    try Data(
      """
      ---
      id: hostile
      title: "A\u{200B}B\u{202E}C \(zalgo) \\e]2;x\\a"
      order: 1
      format_version: 1
      ---

      # Body
      """.utf8
    ).write(to: dir.appendingPathComponent("01-hostile.md"))
    for format in ["table", "json"] {
      let result = try runLrlab(["lessons", "list", "--format", format, "--lessons", dir.path])
      assertInert(result.stdout)
      assertInert(result.stderr)
      let marks = result.stdout.unicodeScalars.filter { $0 == "\u{0301}" }.count
      XCTAssertLessThanOrEqual(marks, 4, result.stdout)
    }
  }

  // MARK: Write failures and bounded input

  func testWriteFailuresExitOneWithAMessage() throws {
    for command in [
      "\"$LRLAB\" schedule 'StepLR(optimizer, step_size=2)' --steps 100000 --format csv",
      "\"$LRLAB\" simulate --model linear --epochs 2 'StepLR(optimizer, step_size=1)'",
      "\"$LRLAB\" lessons list --lessons '\(valid)'",
      "XDG_STATE_HOME=$(mktemp -d) \"$LRLAB\" progress show --lessons '\(valid)'",
      "XDG_STATE_HOME=$(mktemp -d) \"$LRLAB\" progress export",
      // Help went through ArgumentParser's print(), which loses a failed write (status 0).
      "\"$LRLAB\" help schedule",
      "\"$LRLAB\" sweep --help",
      // sweep and doctor wrote through FileHandle.write, which traps on a failed write.
      "\"$LRLAB\" sweep --model quadratic --points 2 --seeds 1 --epochs 3 --format csv",
      "\"$LRLAB\" sweep --model quadratic --points 2 --seeds 1 --epochs 3 --format json",
      "printf 'optimizer = SGD(model.parameters(), lr=0.1)\\nscheduler = StepLR(optimizer, step_size=2)\\n"
        + "print(scheduler.get_last_lr())\\nfor epoch in range(10):\\n    optimizer.step()\\n"
        + "    scheduler.step()\\n' | \"$LRLAB\" doctor -",
    ] {
      let full = try shell(command + " > /dev/full")
      XCTAssertEqual(full.status, 1, command)
      XCTAssertTrue(full.stderr.contains("cannot write to standard output"), full.stderr)
      XCTAssertFalse(full.stderr.contains("Fatal error"), full.stderr)
      let closed = try shell(command + " >&-")
      XCTAssertEqual(closed.status, 1, command)
      XCTAssertFalse(closed.stderr.contains("Fatal error"), closed.stderr)
    }
    // A closed stderr too: no trap, status 2 for the bad input.
    let noStderr = try shell("\"$LRLAB\" schedule 'StepLR(' 2>&-")
    XCTAssertEqual(noStderr.status, 2)
    // A reader that goes away: a quiet end, no message.
    let pipe = try shell(
      "\"$LRLAB\" schedule 'StepLR(optimizer, step_size=2)' --steps 1000000 --format csv | head -1")
    XCTAssertEqual(pipe.stdout, "step,lr\n")
    XCTAssertEqual(pipe.stderr, "")
  }

  /// `export --pytorch -o` never replaces what is not a regular file: an atomic write would
  /// rename its temporary file over a FIFO or a device (as root, over /dev/full itself).
  func testExportRefusesAFIFOAndLeavesIt() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lrlab-export-fifo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let fifo = dir.appendingPathComponent("run.py").path
    XCTAssertEqual(mkfifo(fifo, 0o644), 0)
    let result = try shell(
      "\"$LRLAB\" export --pytorch --model linear --epochs 2 'StepLR(optimizer, step_size=1)' -o '\(fifo)'"
    )
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertTrue(result.stderr.contains("not a regular file"), result.stderr)
    var info = stat()
    XCTAssertEqual(lstat(fifo, &info), 0)
    XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO)
  }

  /// A --schedule's parse error quotes the schedule's source line: sanitised like every error.
  func testSweepScheduleErrorIsInert() throws {
    let result = try runLrlab([
      "sweep", "--model", "quadratic", "--points", "1", "--seeds", "1", "--epochs", "2",
      "--schedule", "StepLR(step_size=2\u{1B}[31m)",
    ])
    XCTAssertEqual(result.status, 2, result.stderr)
    XCTAssertTrue(result.stderr.contains("U+001B"), result.stderr)
    assertInert(result.stderr)
  }

  func testInputIsBounded() throws {
    let result = try shell("\"$LRLAB\" schedule - < /dev/zero")
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("larger than 1 MB"), result.stderr)
    let file = try shell("\"$LRLAB\" simulate --file /dev/zero")
    XCTAssertEqual(file.status, 2)
    XCTAssertTrue(file.stderr.contains("larger than 1 MB"), file.stderr)
  }

  // MARK: Memory and caps

  func testStepsTimesParamGroupsAreCapped() throws {
    let groups = (0..<100).map { "{'params': model.p\($0).parameters()}" }.joined(separator: ", ")
    let snippet =
      "optimizer = SGD([\(groups)], lr=0.1)\nscheduler = CosineAnnealingLR(optimizer, T_max=200000)"
    let result = try runLrlab(["schedule", "--format", "csv", "--steps", "200000", snippet])
    XCTAssertEqual(result.status, 2, result.stderr)
    XCTAssertTrue(result.stderr.contains("100 param groups × 200000 steps"), result.stderr)
    XCTAssertTrue(result.stderr.contains("at most 100000 steps"), result.stderr)
  }

  func testTheLabRefusesARunItCouldNotHoldInMemory() throws {
    let result = try runLrlab(["lab", "--epochs", "195000", "--batch-size", "1"])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("at most 1000000 steps"), result.stderr)
  }

  func testStreamedOutputMatchesTheWholeTrace() throws {
    // The streamed table (two passes), CSV and JSON are the formats' contracts, row for row.
    let snippet = "StepLR(optimizer, step_size=3, gamma=0.5)"
    let table = try runLrlab(["schedule", "--steps", "7", snippet])
    XCTAssertEqual(
      table.stdout,
      """
      step     lr
         0    0.1
         1    0.1
         2    0.1
         3   0.05
         4   0.05
         5   0.05
         6  0.025
         7  0.025

      """)
    let json = try runLrlab(["schedule", "--steps", "2", "--format", "json", snippet])
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    XCTAssertEqual((object?["rows"] as? [Any])?.count, 3)
  }

  // MARK: Smaller

  func testNumberOptionsAreFiniteDecimals() throws {
    for value in ["0x1p-3", "1e400", "inf", "nan", "1e", ".", "--1"] {
      let result = try runLrlab(["schedule", "--lr=\(value)", "StepLR(optimizer, step_size=2)"])
      XCTAssertEqual(result.status, 2, value)
    }
    XCTAssertEqual(
      try runLrlab(["schedule", "--lr=.5e-1", "--steps", "1", "StepLR(optimizer, step_size=2)"])
        .status, 0)
    XCTAssertEqual(DecimalNumber.parse("1e-3"), 1e-3)
    XCTAssertEqual(DecimalNumber.parse("-2.5"), -2.5)
    XCTAssertNil(DecimalNumber.parse("0x10"))
  }

  func testRangeTestRefusesInfiniteSweepsAndBadMomentum() throws {
    let sweep = try runLrlab(["range-test", "--start-lr", "1e-300", "--end-lr", "1e300"])
    XCTAssertEqual(sweep.status, 2)
    XCTAssertFalse(sweep.stdout.contains("inf"), sweep.stdout)
    for momentum in ["-1", "2", "1"] {
      let result = try runLrlab(["range-test", "--momentum=\(momentum)"])
      XCTAssertEqual(result.status, 2, momentum)
      XCTAssertTrue(result.stderr.contains("momentum"), result.stderr)
    }
  }

  func testLessonsCheckOnADirectoryWithoutLessonsAndTheSameDirectoryTwice() throws {
    let empty = try runLrlab(["lessons", "check", "/etc"])
    XCTAssertEqual(empty.status, 1)
    XCTAssertTrue(empty.stdout.contains("no lesson files"), empty.stdout)
    let twice = try runLrlab(["lessons", "check", valid, valid, valid + "/"])
    XCTAssertFalse(twice.stdout.contains("duplicate lesson id"), twice.stdout)
    XCTAssertEqual(twice.status, 0, twice.stdout)
  }

  func testLessonsNewWithAnOrderNearIntMax() throws {
    let dir = try tempDir()
    try Data(
      "---\nid: last\ntitle: Last\norder: \(Int.max - 3)\nformat_version: 1\n---\n\n# Last\n".utf8
    ).write(to: dir.appendingPathComponent("01-last.md"))
    let result = try runLrlab(["lessons", "new", "next", "--dir", dir.path])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertTrue(result.stderr.contains("no room"), result.stderr)
  }

  func testHelpOnAnUnknownCommandExitsTwo() throws {
    let result = try runLrlab(["help", "bogus"])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("no command 'bogus'"), result.stderr)
    XCTAssertEqual(try runLrlab(["help", "schedule"]).status, 0)
    XCTAssertEqual(try runLrlab(["help", "progress", "export"]).status, 0)
  }

  func testSimulateSaysDivergedOnce() throws {
    let result = try runLrlab(["simulate", "--lr", "50", "StepLR(optimizer, step_size=2)"])
    XCTAssertTrue(result.stdout.contains("diverged: training loss"), result.stdout)
    XCTAssertFalse(result.stdout.contains("diverged: diverged:"), result.stdout)
  }

  func testDecimatedSeriesKeepsEveryExtreme() {
    var series = DecimatedSeries(steps: 999_999)
    for x in 0..<1_000_000 { series.append(x: x, y: x == 500_000 ? 9 : (x == 700_001 ? -9 : 0)) }
    let chart = series.series(name: "lr")
    XCTAssertLessThan(chart.ys.count, 20_000)
    XCTAssertTrue(chart.ys.contains(9) && chart.ys.contains(-9))
    XCTAssertEqual(chart.xs.first, 0)
    XCTAssertEqual(chart.xs.last, 999_999)
  }
}

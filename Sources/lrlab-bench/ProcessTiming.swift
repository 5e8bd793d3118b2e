import Foundation

/// Runs a child process and times it: wall clock and its CPU time (user + sys), the latter
/// barely moved by other work on a shared machine.
enum ProcessTiming {
  struct Sample {
    var wallMilliseconds: Double
    var cpuMilliseconds: Double
    var status: Int32
  }

  /// Runs `arguments` with standard output sent to `stdoutPath` (posix_spawn + waitpid:
  /// Foundation's Process adds tens of milliseconds of polling). nil when it cannot start.
  static func run(_ arguments: [String], stdoutPath: String = "/dev/null") -> Sample? {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    let childStart = childCPUMilliseconds()
    let start = DispatchTime.now().uptimeNanoseconds
    var pid: pid_t = 0
    guard posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ) == 0 else { return nil }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    return Sample(
      wallMilliseconds: wall, cpuMilliseconds: childCPUMilliseconds() - childStart, status: status)
  }

  /// CPU time of terminated children (user + sys).
  static func childCPUMilliseconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1000 + Double(t.tv_usec) / 1000 }
    return ms(usage.ru_utime) + ms(usage.ru_stime)
  }

  /// This process's CPU time (all threads).
  static func processCPUMilliseconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) * 1000 + Double(spec.tv_nsec) / 1e6
  }

  /// A binary built beside this one (same configuration), if there is one.
  static func sibling(_ name: String) -> String? {
    let path = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent(name).path
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
  }
}

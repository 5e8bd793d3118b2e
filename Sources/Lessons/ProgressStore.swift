import Foundation

/// Reads and writes `progress.json`: atomically (temp file in the same directory, fsync,
/// rename), moving a corrupt file aside as `progress.json.corrupt-<timestamp>`.
public struct ProgressStore: Sendable {
  public let url: URL

  public init(url: URL) { self.url = url }

  /// `$XDG_STATE_HOME/lrlab/progress.json`, default `~/.local/state/lrlab/progress.json`.
  public static func defaultURL(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> URL {
    let base: URL
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      base = URL(fileURLWithPath: state)
    } else {
      let home = environment["HOME"] ?? NSHomeDirectory()
      base = URL(fileURLWithPath: home).appendingPathComponent(".local/state")
    }
    return base.appendingPathComponent("lrlab/progress.json")
  }

  public struct Loaded: Sendable {
    public var progress: LearnerProgress
    /// Human-readable warnings (e.g. the file was corrupt and moved aside).
    public var warnings: [String]
  }

  public enum StoreError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    public var description: String {
      switch self {
      case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
      case .unwritable(let path, let reason): "cannot write \(path): \(reason)"
      }
    }
  }

  /// Loads the progress; a missing file is a fresh start, a corrupt one is moved aside.
  public func load(now: Date = Date()) -> Loaded {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      return Loaded(progress: LearnerProgress(), warnings: [])
    }
    switch Self.decode(data) {
    case .success(let progress):
      return Loaded(progress: progress, warnings: [])
    case .failure(let reason):
      let aside = url.path + ".corrupt-\(Self.timestamp(now))"
      var warnings = ["\(url.path): \(reason)"]
      do {
        try FileManager.default.moveItem(atPath: url.path, toPath: aside)
        warnings.append("moved it aside to \(aside) and started afresh")
      } catch {
        warnings.append("could not move it aside (\(error.localizedDescription)); starting afresh")
      }
      return Loaded(progress: LearnerProgress(), warnings: warnings)
    }
  }

  public func save(_ progress: LearnerProgress) throws {
    try Self.writeAtomically(Self.encode(progress), to: url)
  }

  /// Deletes the progress file (a fresh start).
  public func reset() throws {
    guard FileManager.default.fileExists(atPath: url.path) else { return }
    do { try FileManager.default.removeItem(at: url) } catch {
      throw StoreError.unwritable(path: url.path, reason: error.localizedDescription)
    }
  }

  /// Reads a progress file to import; throws a message naming the problem if it is not one.
  public static func read(from file: URL) throws -> LearnerProgress {
    guard let data = FileManager.default.contents(atPath: file.path) else {
      throw StoreError.unreadable(path: file.path, reason: "no such file, or not readable")
    }
    switch decode(data) {
    case .success(let progress): return progress
    case .failure(let reason): throw StoreError.unreadable(path: file.path, reason: reason)
    }
  }

  public enum DecodeResult {
    case success(LearnerProgress)
    case failure(String)
  }

  public static func decode(_ data: Data) -> DecodeResult {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
      return .failure("not a JSON object")
    }
    do {
      let progress = try decoder.decode(LearnerProgress.self, from: data)
      if progress.version > LearnerProgress.currentVersion {
        return .failure(
          "progress format version \(progress.version) is newer than this lrlab knows (\(LearnerProgress.currentVersion))"
        )
      }
      if progress.version < 1 {
        return .failure("invalid progress format version \(progress.version)")
      }
      return .success(progress)
    } catch {
      return .failure("not a valid progress file (\(describe(error)))")
    }
  }

  public static func encode(_ progress: LearnerProgress) -> Data {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    // Encoding plain dictionaries of strings, numbers and dates cannot fail.
    return (try? encoder.encode(progress)) ?? Data("{}".utf8)
  }

  /// Writes `data` to a temp file in the same directory, fsyncs it, renames it over `url`.
  public static func writeAtomically(_ data: Data, to url: URL) throws {
    let dir = url.deletingLastPathComponent()
    let fail = { (reason: String) in StoreError.unwritable(path: url.path, reason: reason) }
    do {
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    } catch { throw fail(error.localizedDescription) }
    let temp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
    let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard fd >= 0 else { throw fail(String(cString: strerror(errno))) }
    var ok = data.withUnsafeBytes { raw -> Bool in
      guard let base = raw.baseAddress else { return true }
      var offset = 0
      while offset < raw.count {
        let n = write(fd, base + offset, raw.count - offset)
        if n <= 0 { return false }
        offset += n
      }
      return true
    }
    ok = ok && fsync(fd) == 0
    let reason = String(cString: strerror(errno))
    close(fd)
    guard ok, rename(temp.path, url.path) == 0 else {
      let renameReason = String(cString: strerror(errno))
      unlink(temp.path)
      throw fail(ok ? renameReason : reason)
    }
    // Make the rename itself durable.
    let dirFD = open(dir.path, O_RDONLY)
    if dirFD >= 0 {
      fsync(dirFD)
      close(dirFD)
    }
  }

  static func timestamp(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    return formatter.string(from: date)
  }

  static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): "missing \"\(key.stringValue)\""
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
      DecodingError.dataCorrupted(let context):
      "at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
    default: "\(error)"
    }
  }
}

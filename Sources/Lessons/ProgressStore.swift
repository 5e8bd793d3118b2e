import Foundation

#if canImport(Glibc)
  import Glibc
  private let systemRead = Glibc.read
#elseif canImport(Darwin)
  import Darwin
  private let systemRead = Darwin.read
#endif

/// Reads and writes `progress.json` so that no learner data is ever lost:
/// - a file it cannot read (permissions, I/O error, a directory, a newer lrlab's format) is
///   never overwritten: the store is then read-only (`Loaded.isReadOnly`) and saves throw;
/// - a corrupt file is moved aside to a unique `progress.json.corrupt-<timestamp>[-N]` first;
/// - every save takes an advisory lock (`flock` on `progress.json.lock`), re-reads the file and
///   applies the change to what is there now (`update`) or merges (`save`), then writes
///   atomically (temp file in the same directory, fsync, rename), so concurrent lrlab processes
///   never undo each other;
/// - a symlinked `progress.json` is written through to its target (the link stays).
public struct ProgressStore: Sendable {
  public let url: URL

  public init(url: URL) { self.url = url }

  /// The largest progress file read (a real one is a few KB).
  public static let maxFileBytes = 16 << 20

  /// `$XDG_STATE_HOME/lrlab/progress.json` (when absolute), else
  /// `$HOME/.local/state/lrlab/progress.json`; HOME must be an absolute path (an empty or
  /// relative HOME would put progress under the current directory).
  public static func locate(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(StoreError) -> URL {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return URL(fileURLWithPath: state).appendingPathComponent("lrlab/progress.json")
    }
    guard let home = environment["HOME"], home.hasPrefix("/") else {
      let shown = environment["HOME"].map { "'\($0)'" } ?? "unset"
      throw .noHome(
        "HOME is \(shown); it must be an absolute path (or set XDG_STATE_HOME to one)")
    }
    return URL(fileURLWithPath: home).appendingPathComponent(".local/state/lrlab/progress.json")
  }

  public struct Loaded: Sendable {
    public var progress: LearnerProgress
    /// Human-readable warnings (e.g. the file was corrupt and moved aside).
    public var warnings: [String]
    /// Set when the file exists but could not be read (or is a newer lrlab's): it must not be
    /// written, so saves are refused. The reason is in `warnings`.
    public var isReadOnly: Bool = false
    public init(progress: LearnerProgress, warnings: [String], isReadOnly: Bool = false) {
      self.progress = progress
      self.warnings = warnings
      self.isReadOnly = isReadOnly
    }
  }

  public enum StoreError: Error, CustomStringConvertible, Equatable, Sendable {
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    /// A newer lrlab's file: never touched.
    case newerVersion(path: String, version: Int)
    case noHome(String)
    public var description: String {
      switch self {
      case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
      case .unwritable(let path, let reason): "cannot write \(path): \(reason)"
      case .newerVersion(let path, let version):
        "\(path) was written by a newer lrlab (progress format \(version); this one knows "
          + "\(LearnerProgress.currentVersion)): upgrade lrlab to use it; the file is left untouched"
      case .noHome(let message): message
      }
    }
  }

  // MARK: Reading

  /// What is at the path.
  enum Contents {
    case missing
    case data(Data)
    /// Exists but cannot be read: must not be overwritten.
    case unreadable(String)
  }

  /// Reads the file at `path` (following symlinks) without ever mistaking an error for absence.
  static func readContents(_ path: String) -> Contents {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    if fd < 0 {
      let code = errno
      if code == ENOENT {
        // A dangling symlink is "missing" too (writing creates its target).
        return .missing
      }
      return .unreadable(String(cString: strerror(code)))
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { return .unreadable(String(cString: strerror(errno))) }
    let kind = info.st_mode & S_IFMT
    if kind == S_IFDIR { return .unreadable("it is a directory") }
    guard kind == S_IFREG else { return .unreadable("it is not a regular file") }
    guard Int(info.st_size) <= maxFileBytes else {
      return .unreadable("it is larger than \(maxFileBytes >> 20) MB; not a progress file")
    }
    var data = Data()
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        return .unreadable(String(cString: strerror(errno)))
      }
      if n == 0 { break }
      data.append(contentsOf: chunk[0..<n])
      if data.count > maxFileBytes {
        return .unreadable("it is larger than \(maxFileBytes >> 20) MB; not a progress file")
      }
    }
    return .data(data)
  }

  /// The outcome of reading the store's file, before anything is done about it.
  enum Reading {
    case fresh
    case progress(LearnerProgress)
    case corrupt(String)
    case refused(StoreError)
  }

  func reading() -> Reading {
    switch Self.readContents(url.path) {
    case .missing: return .fresh
    case .unreadable(let reason):
      return .refused(.unreadable(path: url.path, reason: reason))
    case .data(let data):
      switch Self.decodeChecked(data) {
      case .success(let progress): return .progress(progress)
      case .failure(.newer(let version)):
        return .refused(.newerVersion(path: url.path, version: version))
      case .failure(.invalid(let reason)): return .corrupt(reason)
      }
    }
  }

  /// Loads the progress; a missing file is a fresh start, a corrupt one is moved aside, one
  /// that cannot be read (or is a newer lrlab's) makes the store read-only.
  public func load(now: Date = Date()) -> Loaded {
    switch reading() {
    case .fresh: return Loaded(progress: LearnerProgress(), warnings: [])
    case .progress(let progress): return Loaded(progress: progress, warnings: [])
    case .refused(let error):
      return Loaded(
        progress: LearnerProgress(),
        warnings: ["\(error)", "progress will not be saved until this is fixed"],
        isReadOnly: true)
    case .corrupt(let reason):
      // Under the lock, so a concurrent save cannot slip in between the read and the move.
      let result = try? withLock { () throws(StoreError) -> Loaded in
        // Someone may have fixed or replaced it meanwhile.
        guard case .corrupt(let reason) = reading() else { return load(now: now) }
        return moveAside(reason: reason, now: now)
      }
      return result
        ?? Loaded(
          progress: LearnerProgress(),
          warnings: [
            "\(url.path): \(reason)",
            "could not lock it to move it aside; progress will not be saved",
          ], isReadOnly: true)
    }
  }

  /// Moves the corrupt file to a name no other file has; read-only when that fails.
  private func moveAside(reason: String, now: Date) -> Loaded {
    var warnings = ["\(url.path): \(reason)"]
    let target = Self.resolvedPath(url.path)
    let stem = target + ".corrupt-\(Self.timestamp(now))"
    for n in 1...1000 {
      let aside = n == 1 ? stem : "\(stem)-\(n)"
      // link(2) fails if `aside` exists: nothing is ever replaced.
      if link(target, aside) == 0 {
        unlink(target)
        warnings.append("moved it aside to \(aside) and started afresh")
        return Loaded(progress: LearnerProgress(), warnings: warnings)
      }
      let code = errno
      if code == EEXIST { continue }
      // A file system without hard links: rename, having checked the name is free.
      if access(aside, F_OK) != 0, rename(target, aside) == 0 {
        warnings.append("moved it aside to \(aside) and started afresh")
        return Loaded(progress: LearnerProgress(), warnings: warnings)
      }
      warnings.append(
        "could not move it aside (\(String(cString: strerror(code)))); progress will not be saved")
      return Loaded(progress: LearnerProgress(), warnings: warnings, isReadOnly: true)
    }
    warnings.append("could not find a free name to move it aside; progress will not be saved")
    return Loaded(progress: LearnerProgress(), warnings: warnings, isReadOnly: true)
  }

  // MARK: Writing

  /// Applies `change` to the progress as it is in the file now (re-read under the lock), writes
  /// the result and returns it. The file is never written when it could not be read.
  @discardableResult
  public func update(now: Date = Date(), _ change: (inout LearnerProgress) -> Void)
    throws(StoreError) -> LearnerProgress
  {
    try withLock { () throws(StoreError) -> LearnerProgress in
      var current: LearnerProgress
      switch reading() {
      case .fresh: current = LearnerProgress()
      case .progress(let progress): current = progress
      case .refused(let error): throw error
      case .corrupt(let reason):
        let loaded = moveAside(reason: reason, now: now)
        if loaded.isReadOnly {
          throw .unwritable(path: url.path, reason: loaded.warnings.joined(separator: "; "))
        }
        current = loaded.progress
      }
      change(&current)
      try Self.writeAtomically(
        Self.encode(current), to: URL(fileURLWithPath: Self.resolvedPath(url.path)))
      return current
    }
  }

  /// Saves `progress` merged with whatever another process saved meanwhile (see
  /// `LearnerProgress.merging`); returns what was written.
  @discardableResult
  public func save(_ progress: LearnerProgress) throws(StoreError) -> LearnerProgress {
    try update { $0 = $0.merging(progress) }
  }

  /// Replaces the progress with `progress` (an import), unless the file cannot be read.
  public func replace(with progress: LearnerProgress) throws(StoreError) {
    try update { $0 = progress }
  }

  /// A fresh start: deletes the progress file (a symlink's target is emptied instead, keeping
  /// the link). Never deletes a directory or anything but the one file.
  public func reset() throws(StoreError) {
    var info = stat()
    guard lstat(url.path, &info) == 0 else { return }  // nothing there
    let kind = info.st_mode & S_IFMT
    if kind == S_IFLNK {
      try withLock { () throws(StoreError) in
        try Self.writeAtomically(
          Self.encode(LearnerProgress()), to: URL(fileURLWithPath: Self.resolvedPath(url.path)))
      }
      return
    }
    guard kind == S_IFREG else {
      throw .unwritable(
        path: url.path,
        reason: kind == S_IFDIR
          ? "it is a directory, not a progress file; not deleting it"
          : "it is not a regular file; not deleting it")
    }
    try withLock { () throws(StoreError) in
      if unlink(url.path) != 0 && errno != ENOENT {
        throw .unwritable(path: url.path, reason: String(cString: strerror(errno)))
      }
    }
  }

  /// Runs `body` holding the exclusive advisory lock beside the (resolved) file.
  func withLock<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
    let target = Self.resolvedPath(url.path)
    let dir = (target as NSString).deletingLastPathComponent
    do {
      try FileManager.default.createDirectory(
        atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      throw .unwritable(path: url.path, reason: Self.reason(error))
    }
    let lockPath = target + ".lock"
    let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      throw .unwritable(path: lockPath, reason: String(cString: strerror(errno)))
    }
    defer { close(fd) }
    while flock(fd, LOCK_EX) != 0 {
      if errno != EINTR {
        throw .unwritable(path: lockPath, reason: String(cString: strerror(errno)))
      }
    }
    defer { flock(fd, LOCK_UN) }
    return try body()
  }

  /// `path` with symlinks in its last component followed (up to 32 hops), so writes go to
  /// the link's target and the link stays.
  static func resolvedPath(_ path: String) -> String {
    var current = path
    for _ in 0..<32 {
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let n = readlink(current, &buffer, buffer.count - 1)
      guard n > 0 else { return current }
      let target = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      if target.hasPrefix("/") {
        current = target
      } else {
        current = ((current as NSString).deletingLastPathComponent as NSString)
          .appendingPathComponent(target)
      }
    }
    return current
  }

  // MARK: Import and export

  /// Reads a progress file to import; throws a message naming the problem if it is not one.
  public static func read(from file: URL) throws(StoreError) -> LearnerProgress {
    switch readContents(file.path) {
    case .missing: throw .unreadable(path: file.path, reason: "no such file")
    case .unreadable(let reason): throw .unreadable(path: file.path, reason: reason)
    case .data(let data):
      switch decodeChecked(data) {
      case .success(let progress): return progress
      case .failure(.newer(let version)):
        throw .newerVersion(path: file.path, version: version)
      case .failure(.invalid(let reason)): throw .unreadable(path: file.path, reason: reason)
      }
    }
  }

  /// Writes an export: to a regular file only (created 0644, or keeping an existing file's
  /// mode), atomically; never replaces a device, FIFO, socket or directory. A symlink is
  /// written through to its target.
  public static func export(_ data: Data, to file: URL) throws(StoreError) {
    let target = resolvedPath(file.path)
    var info = stat()
    var mode: mode_t = 0o644
    if stat(target, &info) == 0 {
      guard info.st_mode & S_IFMT == S_IFREG else {
        throw .unwritable(
          path: file.path,
          reason: "not a regular file; export writes regular files only (use - for standard output)"
        )
      }
      mode = info.st_mode & 0o7777
    }
    try writeAtomically(data, to: URL(fileURLWithPath: target), mode: mode)
  }

  // MARK: Decoding

  public enum DecodeResult {
    case success(LearnerProgress)
    case failure(String)
  }

  enum DecodeFailure: Error {
    case newer(version: Int)
    case invalid(String)
  }

  public static func decode(_ data: Data) -> DecodeResult {
    switch decodeChecked(data) {
    case .success(let progress): return .success(progress)
    case .failure(.newer(let version)):
      return .failure(
        "progress format version \(version) is newer than this lrlab knows "
          + "(\(LearnerProgress.currentVersion)): upgrade lrlab")
    case .failure(.invalid(let reason)): return .failure(reason)
    }
  }

  static func decodeChecked(_ data: Data) -> Result<LearnerProgress, DecodeFailure> {
    if let problem = JSONSyntax.problem(in: data) {
      return .failure(.invalid("\(problem)"))
    }
    // The version first: a newer file is refused whatever else it holds.
    struct Version: Decodable { var version: Int? }
    if let version = (try? JSONDecoder().decode(Version.self, from: data))?.version,
      version > LearnerProgress.currentVersion
    {
      return .failure(.newer(version: version))
    }
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    do {
      let progress = try decoder.decode(LearnerProgress.self, from: data)
      if progress.version < 1 {
        return .failure(.invalid("invalid progress format version \(progress.version)"))
      }
      if let problem = progress.rangeProblem() { return .failure(.invalid(problem)) }
      return .success(progress)
    } catch {
      return .failure(.invalid("not a valid progress file (\(describe(error)))"))
    }
  }

  public static func encode(_ progress: LearnerProgress) -> Data {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    // Encoding plain dictionaries of strings, finite numbers and dates cannot fail.
    return (try? encoder.encode(progress)) ?? Data("{}".utf8)
  }

  /// Writes `data` to a temp file in the same directory, fsyncs it, renames it over `url`.
  public static func writeAtomically(_ data: Data, to url: URL, mode: mode_t = 0o644)
    throws(StoreError)
  {
    let dir = url.deletingLastPathComponent()
    let fail = { (reason: String) in StoreError.unwritable(path: url.path, reason: reason) }
    do {
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    } catch { throw fail(reason(error)) }
    let temp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
    let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    guard fd >= 0 else { throw fail(String(cString: strerror(errno))) }
    fchmod(fd, mode)  // the umask does not decide an existing file's mode
    var failure: Int32 = 0
    data.withUnsafeBytes { raw in
      guard let base = raw.baseAddress else { return }
      var offset = 0
      while offset < raw.count {
        let n = write(fd, base + offset, raw.count - offset)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 {
          failure = n < 0 ? errno : ENOSPC
          return
        }
        offset += n
      }
    }
    if failure == 0 && fsync(fd) != 0 { failure = errno }
    if close(fd) != 0 && failure == 0 { failure = errno }
    if failure == 0 && rename(temp.path, url.path) != 0 { failure = errno }
    guard failure == 0 else {
      unlink(temp.path)
      throw fail(String(cString: strerror(failure)))
    }
    // Make the rename itself durable.
    let dirFD = open(dir.path, O_RDONLY | O_CLOEXEC)
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

  static func reason(_ error: any Error) -> String {
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return error.localizedDescription
  }

  static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, let context):
      let path = (context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".")
      return "missing \"\(path)\""
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
      DecodingError.dataCorrupted(let context):
      return
        "at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
    default: return "\(error)"
    }
  }
}

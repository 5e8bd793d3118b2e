import App
import Foundation

/// Performs the Lab screen's effects outside the pure core and sends the results back as
/// `Msg.lab(...)` through `send`.
enum LabEffectRunner {
  static func perform(_ effect: LabEffect, send: (Msg) -> Void) {
    switch effect {
    case .writeFile(let path, let contents):
      do {
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        send(.lab(.fileWritten(path: path)))
      } catch {
        send(.lab(.fileFailed(path: path, message: error.localizedDescription)))
      }
    case .export(let stem, let fileExtension, let contents):
      let directory = FileManager.default.currentDirectoryPath
      switch writeNewFile(
        directory: directory, stem: stem, fileExtension: fileExtension, contents: contents)
      {
      case .success(let path): send(.lab(.fileWritten(path: path)))
      case .failure(let failure):
        send(.lab(.fileFailed(path: failure.path, message: failure.message)))
      }
    case .evaluate(let job):
      // The runtime gives these to its `EvaluationWorker`; inline only where there is none.
      send(.lab(job.perform()))
    }
  }

  struct WriteFailure: Error {
    var path: String
    var message: String
  }

  /// `<directory>/<stem>-<YYYYMMDD-HHMMSS>.<ext>`, created exclusively (`O_EXCL`): an existing
  /// file is never replaced; `-2`, `-3`, … are tried instead.
  static func writeNewFile(
    directory: String, stem: String, fileExtension: String, contents: String, now: Date = Date()
  ) -> Result<String, WriteFailure> {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    let base = (directory as NSString).appendingPathComponent(
      "\(stem)-\(formatter.string(from: now))")
    var last = base + "." + fileExtension
    for attempt in 1...100 {
      let path = attempt == 1 ? base + "." + fileExtension : "\(base)-\(attempt).\(fileExtension)"
      last = path
      let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
      if fd < 0 {
        if errno == EEXIST { continue }
        return .failure(WriteFailure(path: path, message: String(cString: strerror(errno))))
      }
      let data = Array(contents.utf8)
      var written = 0
      while written < data.count {
        let n = data[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if n < 0 {
          if errno == EINTR { continue }
          let why = String(cString: strerror(errno))
          close(fd)
          return .failure(WriteFailure(path: path, message: why))
        }
        written += n
      }
      if close(fd) != 0 {
        return .failure(WriteFailure(path: path, message: String(cString: strerror(errno))))
      }
      return .success(path)
    }
    return .failure(WriteFailure(path: last, message: "100 files of that name already exist"))
  }
}

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
    }
  }
}

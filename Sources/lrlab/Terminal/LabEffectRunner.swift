import App

/// Performs the Lab screen's effects (owned with the Lab, issue 6): runs whatever the Lab asks
/// outside the pure core and sends results back as `Msg.lab(...)` through `send`.
enum LabEffectRunner {
  static func perform(_ effect: LabEffect, send: (Msg) -> Void) {
    switch effect {
    case .placeholder: break
    }
  }
}

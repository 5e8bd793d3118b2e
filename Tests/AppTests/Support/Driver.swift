import App
import TerminalUI
import XCTest

/// Drives a model with messages and records every effect, like the runtime would.
struct Driver {
  var model: AppModel
  var effects: [Effect] = []

  init(_ model: AppModel) { self.model = model }

  @discardableResult
  mutating func send(_ msgs: Msg...) -> [Effect] {
    var out: [Effect] = []
    for msg in msgs { out += update(&model, msg) }
    effects += out
    return out
  }

  @discardableResult
  mutating func keys(_ keys: Key...) -> [Effect] {
    var out: [Effect] = []
    for key in keys { out += send(.key(key)) }
    return out
  }

  @discardableResult
  mutating func type(_ text: String) -> [Effect] {
    var out: [Effect] = []
    for ch in text { out += send(.key(.char(ch))) }
    return out
  }

  var frame: Buffer { render(model) }
  var screenText: String { frame.plainText() }
}

// The Lab screen's hook into the app. This file is a placeholder owned by the Lab engineer
// (issue 6), who replaces its bodies; the app core relies only on the members below.
// See Sources/App/Architecture.swift for how messages, ticks and effects route.
import Lessons
import TerminalUI

/// Everything the Lab screen knows. Lives in `AppModel.stack` as `Screen.lab(LabState)`.
public struct LabState: Sendable, Equatable {
  /// The lesson lab it was opened from (Enter on a lab card), or nil (Home's Lab item,
  /// `lrlab lab`).
  public var lab: Lab?

  public init(lab: Lab?) { self.lab = lab }

  /// Nanoseconds between ticks while animating; nil when idle (paused, finished): no ticks.
  public var frameInterval: UInt64? { nil }

  /// Handles a message while the Lab is on top: keys, mouse, resize, ticks, `Msg.lab`.
  /// Return `handled: false` to let the app apply its global keys (`?` help, `q`/Esc back).
  public mutating func update(_ msg: Msg, context: LabContext) -> LabOutcome {
    LabOutcome(handled: false)
  }

  /// Draws the Lab into `context.area` (the app draws the title bar and the status line).
  public func view(into buffer: inout Buffer, context: LabContext) {
    buffer.put(
      "The Lab is not built yet.", x: context.area.x + 2, y: context.area.y + 1,
      style: context.styles.dim)
  }

  /// Every key of the Lab, for the help overlay.
  public var keyHelp: [KeyHelp] { [KeyHelp("q / Esc", "back")] }
  /// The main keys, for the status line.
  public var statusKeys: [KeyHelp] { [KeyHelp("q", "back")] }
  /// The title bar's text for this screen.
  public var title: String { lab?.title ?? "Lab" }
}

/// Results delivered back to the Lab by the runtime.
public enum LabMsg: Sendable, Equatable {
  /// An export was written (the path as written).
  case fileWritten(path: String)
  case fileFailed(path: String, message: String)
}

/// Work the Lab asks the runtime to do (see `LabEffectRunner` in Sources/lrlab/Terminal).
public enum LabEffect: Sendable, Equatable {
  /// Write `contents` to `path` (relative: the current directory), replacing it; answer with
  /// `LabMsg.fileWritten` or `LabMsg.fileFailed`.
  case writeFile(path: String, contents: String)
}

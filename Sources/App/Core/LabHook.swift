import TerminalUI

// The app-side half of the Lab hook (the Lab's own half is Sources/App/Lab/LabScreen.swift).

/// What the Lab's `update` returns.
public struct LabOutcome: Sendable, Equatable {
  /// False: the app applies its global keys to the message.
  public var handled: Bool
  /// Work for the runtime (progress, `Effect.lab(...)`).
  public var effects: [Effect]
  /// True: leave the Lab (back to the screen below).
  public var close: Bool
  public init(handled: Bool, effects: [Effect] = [], close: Bool = false) {
    self.handled = handled
    self.effects = effects
    self.close = close
  }
}

/// What the Lab draws and updates with.
public struct LabContext: Sendable, Equatable {
  /// TerminalUI's theme and glyphs, as the widgets (LineChart, …) take them.
  public var theme: Theme
  public var glyphs: Glyphs
  /// The app's styles by role (title bar, cards, correct/wrong, …), to match the other screens.
  public var styles: AppTheme
  public var capabilities: DisplayCapabilities
  /// The time of the latest tick.
  public var now: Instant
  /// The screen area the Lab owns (between the title bar and the status line).
  public var area: Rect
  /// A runtime performs `LabEffect.evaluate` off the UI thread: the Lab asks for it instead of
  /// evaluating code inline (see `LabEvaluation`).
  public var evaluatesInBackground = false
}

/// A key press, decoded by the backend from ncurses (or built by tests).
public enum Key: Sendable, Hashable {
  case char(Character)
  case up, down, left, right
  case pageUp, pageDown, home, end
  case enter, escape, tab, backTab, backspace, delete
  /// Ctrl-C. Normally arrives as SIGINT (the runtime quits); kept so tests and raw input agree.
  case ctrlC
  case function(Int)
}

/// A mouse event at a 0-based cell position.
public struct MouseEvent: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    case press
    case release
    case wheelUp
    case wheelDown
  }
  public var kind: Kind
  public var x: Int
  public var y: Int
  public init(_ kind: Kind, x: Int, y: Int) {
    self.kind = kind
    self.x = x
    self.y = y
  }
}

/// A point in time on the app's monotonic clock, in nanoseconds from an arbitrary origin.
public struct Instant: Sendable, Hashable, Comparable {
  public var nanoseconds: UInt64
  public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }
  public static func milliseconds(_ ms: UInt64) -> Instant { Instant(nanoseconds: ms * 1_000_000) }
  public static func < (a: Instant, b: Instant) -> Bool { a.nanoseconds < b.nanoseconds }
  /// Nanoseconds from `earlier` to `self` (0 if `earlier` is later).
  public func since(_ earlier: Instant) -> UInt64 {
    nanoseconds >= earlier.nanoseconds ? nanoseconds - earlier.nanoseconds : 0
  }
  public func adding(nanoseconds delta: UInt64) -> Instant {
    Instant(nanoseconds: nanoseconds &+ delta)
  }
}

/// Where ticks get their time. The runtime uses a monotonic clock; tests use `FakeClock`.
public protocol TickClock {
  func now() -> Instant
}

/// A clock that only moves when told to: animations are testable frame by frame.
public final class FakeClock: TickClock {
  public private(set) var current: Instant
  public init(start: Instant = Instant(nanoseconds: 0)) { current = start }
  public func now() -> Instant { current }
  public func advance(milliseconds: UInt64) {
    current = current.adding(nanoseconds: milliseconds * 1_000_000)
  }
}

import Lessons
import TerminalUI

/// One screen on the navigation stack. Home is always at the bottom; `q`/Esc pops.
public enum Screen: Sendable, Equatable {
  case home(HomeState)
  case reader(ReaderState)
  case quiz(QuizState)
  case schedulePreview(SchedulePreviewState)
  /// What is left: unmet checkpoints (with the lab that meets each), quizzes to retry.
  case progress(ProgressScreenState)
  /// The Lab screen (Sources/App/Lab/): it owns its state, update, view and ticks.
  case lab(LabState)
}

/// A key and what it does, for the help overlay and the status line.
public struct KeyHelp: Sendable, Equatable {
  public var keys: String
  public var action: String
  public init(_ keys: String, _ action: String) {
    self.keys = keys
    self.action = action
  }
}

/// The whole app state. `update` changes it, `view` draws it; neither does I/O.
public struct AppModel: Sendable, Equatable {
  /// Below this size the app shows an "enlarge the terminal" screen instead of its screens.
  public static let minimumWidth = 60
  public static let minimumHeight = 16

  public var course: CourseSnapshot
  /// The progress file's content, kept in step with the store through `ProgressEvent`s (the
  /// same `LearnerProgress.apply` the runtime uses).
  public var progress: LearnerProgress
  public var capabilities: DisplayCapabilities {
    didSet {
      theme = AppTheme(capabilities: capabilities)
      glyphs = Symbols.forCapabilities(capabilities)
      widgetTheme = Theme(colorMode: capabilities.colorMode)
      widgetGlyphs = TerminalUI.Glyphs.forUnicode(capabilities.unicode)
    }
  }
  public private(set) var theme: AppTheme
  /// The app's own glyph set (box, marks, pointers), ASCII when the terminal needs it.
  private(set) var glyphs: Symbols
  /// TerminalUI's theme and glyphs, for widgets (Markdown, charts, …) and the Lab.
  public private(set) var widgetTheme: Theme
  public private(set) var widgetGlyphs: TerminalUI.Glyphs
  public var width: Int
  public var height: Int
  /// Never empty; `stack[0]` is Home.
  public var stack: [Screen]
  public var showsHelp = false
  /// `q` on Home asked "quit?": a second `q` (or `y`) quits, any other key stays.
  public var confirmingQuit = false
  /// A one-off message for the status line (e.g. progress could not be saved).
  public var statusMessage: String?
  /// A standing notice for the status line, shown whenever there is no one-off message (e.g.
  /// the progress file could not be read, so nothing is saved this session).
  public var persistentNotice: String?
  /// The time of the last tick (the clock only advances through `Msg.tick`).
  public var now = Instant(nanoseconds: 0)
  /// Ghosts the Lab keeps per lesson for the session (see `LabShelf`).
  public var labShelf = LabShelf()
  /// Set by a runtime that performs `LabEffect.evaluate` on a background thread.
  public var evaluatesInBackground = false
  /// Lesson labs opened so far (each one's background answers are told apart by it).
  public var labSessions = 0

  public init(
    course: CourseSnapshot, progress: LearnerProgress = LearnerProgress(),
    capabilities: DisplayCapabilities = .full, width: Int = 80, height: Int = 24
  ) {
    self.course = course
    self.progress = progress
    self.capabilities = capabilities
    self.theme = AppTheme(capabilities: capabilities)
    self.glyphs = Symbols.forCapabilities(capabilities)
    self.widgetTheme = Theme(colorMode: capabilities.colorMode)
    self.widgetGlyphs = TerminalUI.Glyphs.forUnicode(capabilities.unicode)
    self.width = width
    self.height = height
    self.stack = [.home(HomeState())]
  }

  /// Every lesson's state, quiz score, checkpoints and lab runs: the one computation all
  /// screens render (and `lrlab progress show`).
  public var summary: ProgressSummary {
    ProgressSummary(lessons: course.lessons, progress: progress)
  }

  public var top: Screen { stack[stack.count - 1] }
  public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

  /// Nanoseconds between ticks the runtime should send now; nil means no ticks at all (the
  /// runtime then blocks on input). Only the Lab animates.
  public var frameInterval: UInt64? {
    if case .lab(let lab) = top { return lab.frameInterval }
    return nil
  }

  /// The area between the title bar and the status line.
  public var contentArea: Rect { Rect(x: 0, y: 1, width: width, height: max(0, height - 2)) }

  /// Opens a lesson's lab on top: read and started inline, or — with a runtime that evaluates
  /// in the background — shown at once while the worker reads and starts it.
  mutating func pushLab(_ lab: Lab) -> [Effect] {
    guard evaluatesInBackground else {
      stack.append(.lab(LabState(lab: lab)))
      return []
    }
    labSessions += 1
    let (state, job) = LabState.opening(lab, session: labSessions)
    stack.append(.lab(state))
    return [.lab(.evaluate(job))]
  }

  /// What the Lab screen is given to draw and update with.
  public var labContext: LabContext {
    LabContext(
      theme: widgetTheme, glyphs: widgetGlyphs, styles: theme, capabilities: capabilities, now: now,
      area: contentArea, evaluatesInBackground: evaluatesInBackground)
  }
}

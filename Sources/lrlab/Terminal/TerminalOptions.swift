import App
import ArgumentParser
import Glibc

/// `--color auto|always|never`.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
  case auto, always, never
}

/// Display options shared by the commands that open the TUI.
struct DisplayOptions: ParsableArguments {
  @Option(help: "Colour: auto (honours NO_COLOR and the terminal), always, never.")
  var color: ColorChoice = .auto

  @Flag(help: "Draw with ASCII only (no Unicode box drawing, braille or symbols).")
  var ascii = false
}

/// Why the terminal could not be opened; the command prints `message` and exits 2.
struct TerminalUnavailable: Error {
  var message: String
}

/// What the terminal can show, decided from the locale, the terminal and the options.
enum CapabilityDetection {
  /// True when the locale's character set is UTF-8 (call after `setlocale`).
  static func localeIsUTF8(codeset: String) -> Bool {
    let c = codeset.uppercased()
    return c == "UTF-8" || c == "UTF8"
  }

  /// Whether colour is wanted at all: `--color never` no, `NO_COLOR` set and non-empty no
  /// (no-color.org) unless `--color always`. Decided before the terminal is asked.
  static func wantsColor(choice: ColorChoice, noColorEnv: String?) -> Bool {
    switch choice {
    case .never: return false
    case .auto: if let v = noColorEnv, !v.isEmpty { return false }
    case .always: break
    }
    return true
  }

  /// The colour level: 256 → 8 → none. `colors` must be read after `start_color()` (ncurses
  /// sets `COLORS` there; before, it is 0 and every run would be monochrome).
  static func colorLevel(
    choice: ColorChoice, noColorEnv: String?, terminalHasColors: Bool, colors: Int
  ) -> DisplayCapabilities.ColorLevel {
    guard wantsColor(choice: choice, noColorEnv: noColorEnv) else { return .none }
    guard terminalHasColors, colors >= 8 else { return .none }
    return colors >= 256 ? .palette256 : .basic
  }
}

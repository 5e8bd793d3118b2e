/// How many colours the terminal shows (after `NO_COLOR`, `--color` and terminfo are applied).
public enum ColorMode: String, Sendable, Hashable, CaseIterable {
  /// Monochrome: states are told apart by attributes only (bold/underline/reverse/dim).
  case none
  case ansi8
  case ansi256
}

/// What a piece of the screen means; the theme turns it into a `Style`.
public enum ThemeRole: Sendable, Hashable {
  case text, muted, accent, title, border
  case heading(level: Int)
  case emphasis, strong, strikethrough, code, link, linkURL, quote
  case selection, mark, success, error, warning, disabled
  case codeKeyword, codeString, codeNumber, codeComment, codeBuiltin, codeDecorator, codeBorder
  case statusBar, statusKey, statusMessage
  case scrollTrack, scrollThumb, gaugeFilled, gaugeEmpty
  /// Chart series by index (cycled), the previous run drawn for comparison, event markers and
  /// their labels, the scrubbing cursor, axes and their labels.
  case series(Int)
  case ghost, marker, markerLabel, cursor, axis, axisLabel, legend
}

/// Semantic roles → styles, for one colour mode. Every role keeps an attribute-only distinction in
/// monochrome, so selection, errors, emphasis and chart series stay readable without colour.
public struct Theme: Sendable, Equatable {
  public let colorMode: ColorMode

  public init(colorMode: ColorMode) { self.colorMode = colorMode }

  public static let monochrome = Theme(colorMode: .none)
  public static let ansi8 = Theme(colorMode: .ansi8)
  public static let ansi256 = Theme(colorMode: .ansi256)

  /// Number of distinct series styles before they repeat.
  public static let seriesCount = 6

  public subscript(role: ThemeRole) -> Style { style(role) }

  public func style(_ role: ThemeRole) -> Style {
    let attrs = Theme.attributes(role)
    switch colorMode {
    case .none: return Style(attributes: attrs)
    case .ansi8: return Style(foreground: color8(role), attributes: attrs.union(extra8(role)))
    case .ansi256:
      return Style(foreground: color256(role), background: background256(role), attributes: attrs)
    }
  }

  /// The monochrome distinction of each role, kept in colour modes too.
  private static func attributes(_ role: ThemeRole) -> TextAttributes {
    switch role {
    case .text, .code, .codeString, .codeNumber, .codeBuiltin, .codeDecorator, .axisLabel, .legend,
      .gaugeEmpty, .statusMessage:
      return []
    case .muted, .border, .linkURL, .codeComment, .codeBorder, .disabled, .ghost, .scrollTrack,
      .axis, .strikethrough:
      return .dim
    case .accent, .title, .strong, .codeKeyword, .statusKey, .success, .markerLabel: return .bold
    case .heading(let level): return level <= 1 ? [.bold, .underline] : .bold
    case .emphasis: return .italic
    case .link: return .underline
    case .quote: return .italic
    case .selection, .statusBar, .cursor: return .reverse
    case .scrollThumb, .gaugeFilled: return []
    case .mark: return .bold
    case .error: return [.bold, .underline]
    case .warning: return .bold
    case .marker: return []
    case .series(let index):
      switch index % Theme.seriesCount {
      case 0: return .bold
      case 1: return []
      case 2: return .underline
      case 3: return [.bold, .underline]
      case 4: return .italic
      default: return [.bold, .italic]
      }
    }
  }

  private func color256(_ role: ThemeRole) -> Color {
    switch role {
    case .heading(let level): return .indexed(level <= 1 ? 75 : level == 2 ? 117 : 153)
    case .accent, .title: return .indexed(75)
    case .code: return .indexed(180)
    case .link: return .indexed(39)
    case .linkURL, .muted, .border, .codeBorder, .disabled, .scrollTrack, .axis:
      return .indexed(244)
    case .quote: return .indexed(250)
    case .success: return .indexed(76)
    case .error: return .indexed(203)
    case .warning, .mark: return .indexed(214)
    case .codeKeyword: return .indexed(170)
    case .codeString: return .indexed(114)
    case .codeNumber: return .indexed(215)
    case .codeComment: return .indexed(245)
    case .codeBuiltin: return .indexed(80)
    case .codeDecorator: return .indexed(221)
    case .statusKey: return .indexed(75)
    case .series(let index):
      let palette: [UInt8] = [39, 208, 76, 170, 220, 45]
      return .indexed(palette[index % palette.count])
    case .ghost: return .indexed(242)
    case .marker: return .indexed(136)
    case .markerLabel: return .indexed(178)
    case .axisLabel, .legend: return .indexed(250)
    case .gaugeFilled: return .indexed(75)
    default: return .default
    }
  }

  private func background256(_ role: ThemeRole) -> Color {
    switch role {
    case .statusBar: return .indexed(236)
    default: return .default
    }
  }

  private func color8(_ role: ThemeRole) -> Color {
    switch role {
    case .heading, .accent, .title, .link, .statusKey, .codeBuiltin, .gaugeFilled: return .ansi(6)
    case .code, .codeNumber, .warning, .mark, .marker, .markerLabel, .codeDecorator: return .ansi(3)
    case .success, .codeString: return .ansi(2)
    case .error: return .ansi(1)
    case .codeKeyword: return .ansi(5)
    case .series(let index):
      let palette: [UInt8] = [6, 3, 2, 5, 1, 4]
      return .ansi(palette[index % palette.count])
    default: return .default
    }
  }

  /// Dim is unreliable on 8-colour terminals; nothing extra needed so far.
  private func extra8(_ role: ThemeRole) -> TextAttributes { [] }
}

import XCTest

@testable import TerminalUI

final class ThemeTests: XCTestCase {
  func testMonochromeUsesAttributesOnly() {
    let theme = Theme.monochrome
    let roles: [ThemeRole] = [
      .text, .heading(level: 1), .emphasis, .strong, .code, .link, .selection, .error, .success,
      .ghost, .series(0), .series(1), .statusBar,
    ]
    for role in roles {
      XCTAssertEqual(theme[role].foreground, .default, "\(role)")
      XCTAssertEqual(theme[role].background, .default, "\(role)")
    }
  }

  func testStatesStayDistinguishableWithoutColour() {
    let theme = Theme.monochrome
    let states: [ThemeRole] = [.text, .selection, .error, .muted, .strong, .emphasis, .link]
    XCTAssertEqual(Set(states.map { theme[$0] }).count, states.count)
    XCTAssertTrue(theme[.selection].attributes.contains(.reverse))
    XCTAssertTrue(theme[.ghost].attributes.contains(.dim))
    // The first four chart series differ from each other and from the ghost.
    let series = (0..<4).map { theme[.series($0)] } + [theme[.ghost]]
    XCTAssertEqual(Set(series).count, 5)
  }

  func testColourModes() {
    XCTAssertEqual(Theme.ansi256[.series(0)].foreground, .indexed(39))
    XCTAssertEqual(Theme.ansi256[.series(Theme.seriesCount)], Theme.ansi256[.series(0)])
    XCTAssertEqual(Theme.ansi8[.error].foreground, .ansi(1))
    XCTAssertEqual(Theme.ansi8[.success].foreground, .ansi(2))
    for mode in ColorMode.allCases {
      let theme = Theme(colorMode: mode)
      // Selection is reverse video everywhere, so it never depends on colour.
      XCTAssertTrue(theme[.selection].attributes.contains(.reverse))
      let palette = Set((0..<Theme.seriesCount).map { theme[.series($0)] })
      XCTAssertEqual(palette.count, Theme.seriesCount, "\(mode)")
    }
    // 8-colour mode only uses the 8 basic colours.
    for role in [ThemeRole.heading(level: 2), .link, .series(5), .warning, .codeKeyword] {
      if case .ansi(let n) = Theme.ansi8[role].foreground { XCTAssertLessThan(n, 8) }
    }
  }

  func testStyleMerging() {
    let base = Style(foreground: .ansi(2), attributes: .bold)
    let merged = base.merged(with: Style(background: .indexed(236), attributes: .underline))
    XCTAssertEqual(
      merged,
      Style(foreground: .ansi(2), background: .indexed(236), attributes: [.bold, .underline]))
  }
}

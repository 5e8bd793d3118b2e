import App
import Lessons
import TerminalUI
import XCTest

/// One meaning per key across screens, and `?` lists every screen's keys.
final class KeyHelpTests: XCTestCase {
  /// Home, reader, quiz (choices and numeric), schedule preview, progress screen.
  func screens() -> [(String, Driver)] {
    func at(_ keys: [Key]) -> Driver {
      var d = Driver(FixtureCourse.model(width: 100, height: 30))
      for k in keys { d.keys(k) }
      return d
    }
    return [
      ("home", at([])), ("reader", at([.down, .enter])),
      ("quiz", at([.down, .enter, .tab, .enter])),
      ("numeric quiz", at([.down, .enter, .tab, .tab, .tab, .enter])),
      ("preview", at([.down, .enter, .tab, .tab, .tab, .tab, .char("s")])),
      ("progress", at([.char("P")])),
    ]
  }

  func testSharedKeysMeanTheSameEverywhereAndHelpListsThem() {
    var ctrlC: Set<String> = []
    var help: Set<String> = []
    for (name, d) in screens() {
      let keys = d.model.keyHelp
      let byKey = Dictionary(keys.map { ($0.keys, $0.action) }, uniquingKeysWith: { a, _ in a })
      XCTAssertNotNil(byKey["q / Esc"], "\(name): q / Esc listed")
      ctrlC.insert(byKey["Ctrl-C"] ?? "missing")
      help.insert(byKey["?"] ?? "missing")
      // Every key on the status line is explained in the help.
      for status in d.model.statusKeys {
        let listed = keys.contains { help in
          help.keys == status.keys || help.keys.contains(status.keys)
            || status.keys == "↑↓" && help.keys.hasPrefix("↑/↓")
        }
        XCTAssertTrue(listed, "\(name): status key \(status.keys) is in the help")
      }
      // `?` shows it, any key closes it.
      var shown = d
      shown.keys(.char("?"))
      XCTAssertTrue(shown.screenText.contains("Keys · "), "\(name):\n\(shown.screenText)")
      XCTAssertTrue(shown.screenText.contains("Ctrl-C"), "\(name):\n\(shown.screenText)")
      shown.keys(.char("x"))
      XCTAssertFalse(shown.model.showsHelp)
    }
    XCTAssertEqual(ctrlC, ["quit at once, from anywhere"])
    XCTAssertEqual(help, ["help: this screen's keys"])
    // `s` on a lab card previews its schedule; nowhere else outside the Lab does it do anything.
    for (name, d) in screens() where name != "reader" {
      XCTAssertFalse(d.model.keyHelp.contains { $0.keys == "s" }, name)
    }
  }
}

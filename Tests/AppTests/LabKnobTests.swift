import XCTest

@testable import App

final class LabKnobTests: XCTestCase {
  func testLadderMovesAlongRoundNumbers() {
    let lr = KnobSpec("lr", .ladder(zero: false), min: 1e-6, max: 10)
    var value = KnobValue.number(0.1)
    var seen: [Double] = []
    for _ in 0..<4 {
      value = lr.nudge(value, +1)
      seen.append(value.doubleValue ?? .nan)
    }
    XCTAssertEqual(seen, [0.2, 0.3, 0.5, 1.0])
    value = .number(0.1)
    seen = []
    for _ in 0..<4 {
      value = lr.nudge(value, -1)
      seen.append(value.doubleValue ?? .nan)
    }
    XCTAssertEqual(seen, [0.05, 0.03, 0.02, 0.01])
    XCTAssertEqual(KnobValue.number(0.002).python, "0.002")
  }

  func testLadderFromAnOffGridValueGoesToTheNeighbours() {
    let lr = KnobSpec("lr", .ladder(zero: false), min: 1e-6, max: 10)
    XCTAssertEqual(lr.nudge(.number(0.07), +1), .number(0.1))
    XCTAssertEqual(lr.nudge(.number(0.07), -1), .number(0.05))
  }

  func testLadderWithZeroReachesZeroAndComesBack() {
    let etaMin = KnobSpec("eta_min", .ladder(zero: true))
    XCTAssertEqual(etaMin.nudge(.number(1e-6), -1), .number(0))
    XCTAssertEqual(etaMin.nudge(.number(0), +1), .number(1e-6))
    XCTAssertEqual(etaMin.nudge(.number(0), -1), .number(0))
  }

  func testLinearStepsStayOnTheGridAndInBounds() {
    let pct = KnobSpec("pct_start", .linear(step: 0.05), min: 0.05, max: 0.95)
    XCTAssertEqual(pct.nudge(.number(0.3), +1), .number(0.35))
    XCTAssertEqual(pct.nudge(.number(0.1), +1), .number(0.15))
    XCTAssertEqual(pct.nudge(.number(0.05), -1), .number(0.05))
    XCTAssertEqual(pct.nudge(.number(0.95), +1), .number(0.95))
  }

  func testIntegersChoicesTogglesAndLists() {
    let stepSize = KnobSpec("step_size", .integer(step: 1), min: 1)
    XCTAssertEqual(stepSize.nudge(.integer(1), -1), .integer(1))
    XCTAssertEqual(stepSize.nudge(.integer(10), +1), .integer(11))
    let anneal = KnobSpec("anneal_strategy", .choices(["cos", "linear"]))
    XCTAssertEqual(anneal.nudge(.choice("cos"), +1), .choice("linear"))
    XCTAssertEqual(anneal.nudge(.choice("cos"), -1), .choice("linear"))
    XCTAssertEqual(KnobSpec("three_phase", .toggle).nudge(.flag(false), +1), .flag(true))
    let milestones = KnobSpec("milestones", .shiftedList, min: 1)
    XCTAssertEqual(milestones.nudge(.integers([10, 15]), +1), .integers([11, 16]))
    XCTAssertEqual(milestones.nudge(.integers([1, 15]), -1), .integers([1, 15]))
  }

  func testPythonSpellings() {
    XCTAssertEqual(KnobValue.number(1e-6).python, "1e-06")
    XCTAssertEqual(KnobValue.number(25).python, "25.0")
    XCTAssertEqual(KnobValue.number(0.0001).python, "0.0001")
    XCTAssertEqual(KnobValue.integers([5, 8]).python, "[5, 8]")
    XCTAssertEqual(KnobValue.flag(true).python, "True")
    XCTAssertEqual(KnobValue.choice("cos").python, "'cos'")
  }

  func testEveryTemplateHasADefaultForEachKnob() {
    for template in ScheduleTemplate.allCases {
      let defaults = template.defaults(units: 20, lr: 0.1)
      for spec in template.knobs {
        XCTAssertNotNil(defaults[spec.key], "\(template) lacks a default for \(spec.key)")
      }
      XCTAssertEqual(Set(defaults.keys), Set(template.knobs.map(\.key)), "\(template)")
    }
  }
}

import Lessons
import TerminalUI
import XCTest

@testable import App

/// A scripted engine: `epochs × 4` steps with loss 1/step, code containing "bad" is an error at
/// that spot, and a small range test.
let scriptedEngine = LabEngine(
  name: "scripted",
  start: { config, code in
    let total = config.epochs * 4
    let sim = FakeSimulation(total: total)
    let classes: [String] =
      switch config.schedule {
      case .template(let t, _): t.classNames
      case .code: code.contains("StepLR") ? ["StepLR"] : []
      }
    return LabStart(
      trace: FakeSimulation.trace(total: total), simulation: sim,
      facts: LabCheckpoints.RunFacts(
        classNames: classes, metric: config.metric, mistake: config.mistake))
  },
  check: { code, _ in
    for (i, line) in code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if let r = line.range(of: "bad") {
        return LabProblem(
          "unexpected name 'bad'", line: i + 1,
          column: line.distance(from: line.startIndex, to: r.lowerBound) + 1)
      }
    }
    return nil
  },
  scheduleCSV: { _, _, _ in .success("step,lr\n0,0.1\n") },
  rangeTest: { _ in
    .success(
      LabRangeTestState(
        points: [(1e-4, 1.0), (1e-3, 0.8), (1e-2, 0.5), (1e-1, 0.4), (1, 3.0)],
        steepest: 0.001,
        minimumOverTen: 0.0123))
  })

/// An app model with the Lab on top, driven by messages as the runtime would.
struct LabDriver {
  var model: AppModel
  var effects: [Effect] = []

  init(
    lab: Lab? = nil, engine: LabEngine = scriptedEngine, width: Int = 120, height: Int = 40,
    capabilities: DisplayCapabilities = .full
  ) {
    model = AppModel(
      course: CourseSnapshot(lessons: []), capabilities: capabilities, width: width, height: height)
    model.stack.append(.lab(LabState(lab: lab, engine: engine)))
  }

  var lab: LabState {
    if case .lab(let s) = model.top { return s }
    XCTFail("the Lab is not on top")
    return LabState(lab: nil, engine: scriptedEngine)
  }

  mutating func send(_ msg: Msg) { effects += update(&model, msg) }
  mutating func key(_ c: Character) { send(.key(.char(c))) }
  mutating func keys(_ s: String) { for c in s { key(c) } }
  mutating func key(_ k: Key) { send(.key(k)) }
  /// Ticks while the app asks for them (at most `limit`).
  mutating func tick(_ count: Int = 1) {
    for _ in 0..<count where model.frameInterval != nil {
      send(.tick(model.now.adding(nanoseconds: model.frameInterval ?? 0)))
    }
  }
}

import GoldenFixtures
import Schedulers
import TorchSnippet
import XCTest

/// Every PyTorch golden case, read from its `code` by the snippet reader and stepped.
final class GoldenSnippetTests: XCTestCase {
  func testEveryGoldenCaseMatchesPyTorch() throws {
    try checkEveryCase(of: "torch_schedules", count: 108)
  }

  /// Every Hugging Face transformers case (`hf_schedules.json`, transformers 5.24 on torch
  /// 2.15): the schedule functions, `get_scheduler` for every name, and transformers' errors.
  func testEveryTransformersCaseMatches() throws {
    try checkEveryCase(of: "hf_schedules", count: 50)
  }

  /// 110 randomised transformers cases (arguments, import styles, get_scheduler names with
  /// scheduler_specific_kwargs, GreedyLR options, errors) recorded by
  /// scripts/golden/gen_hf_extra.py from transformers 5.24.
  func testRandomisedTransformersCasesMatch() throws {
    try checkEveryCase(of: "hf_extra_schedules", count: 110)
  }

  /// Loads a golden file (which must hold `count` cases) and checks each of them.
  func checkEveryCase(of name: String, count: Int) throws {
    let file = try GoldenFile.load(name)
    XCTAssertEqual(file.cases.count, count, name)
    let passed = file.cases.filter { checkGolden($0) }.count
    XCTAssertEqual(passed, file.cases.count, "\(name): cases passing")
  }
}

extension XCTestCase {
  /// Checks one golden case through the snippet reader; every failure message names the case.
  func checkGolden(_ golden: GoldenCase) -> Bool {
    let id = golden.id
    let built: BuiltSchedule
    do {
      built = try SnippetProgram.parse(golden.code).build()
    } catch {
      guard let expected = golden.error, expected.atStep == 0 else {
        XCTFail("\(id): unexpected error\n\(error.rendered())")
        return false
      }
      XCTAssertEqual(error.pythonError?.type, expected.type, "\(id): error type")
      XCTAssertEqual(error.pythonError?.message, expected.message, "\(id): error message")
      XCTAssertTrue(golden.lr.isEmpty, "\(id): PyTorch recorded rows before a constructor error")
      return error.pythonError == SchedulerError(expected.type, expected.message)
        && golden.lr.isEmpty
    }
    if let expected = golden.error, expected.atStep == 0 {
      XCTFail("\(id): PyTorch raised \(expected.type): \(expected.message) in the constructor")
      return false
    }
    let trace = ScheduleRunner.run(built, steps: golden.steps, metrics: golden.metrics ?? [])
    var ok = true
    if trace.rows.count != golden.lr.count {
      XCTFail("\(id): \(trace.rows.count) rows, PyTorch has \(golden.lr.count)")
      ok = false
    }
    for (k, (row, expected)) in zip(trace.rows, golden.lr).enumerated() {
      guard row.lr.count == expected.count else {
        XCTFail("\(id): row \(k) has \(row.lr.count) groups, PyTorch \(expected.count)")
        return false
      }
      for (g, (actual, want)) in zip(row.lr, expected).enumerated()
      where !goldenMatches(actual, want) {
        XCTFail("\(id): lr[\(k)][\(g)] = \(actual), PyTorch \(want)")
        return false
      }
    }
    if let momentum = golden.momentum {
      XCTAssertTrue(trace.cyclesMomentum, "\(id): PyTorch cycles momentum")
      for (k, (row, expected)) in zip(trace.rows, momentum).enumerated() {
        guard let actualRow = row.momentum, actualRow.count == expected.count else {
          XCTFail("\(id): row \(k) has no momentum for every group")
          return false
        }
        for (g, (actual, want)) in zip(actualRow, expected).enumerated()
        where !goldenMatches(actual, want) {
          XCTFail("\(id): momentum[\(k)][\(g)] = \(actual), PyTorch \(want)")
          return false
        }
      }
    } else if trace.cyclesMomentum {
      XCTFail("\(id): cycles momentum, PyTorch recorded none")
      ok = false
    }
    switch (golden.error, trace.failure) {
    case (nil, nil): break
    case (let expected?, let failure?):
      XCTAssertEqual(failure.step, expected.atStep, "\(id): error step")
      XCTAssertEqual(failure.error.type, expected.type, "\(id): error type")
      XCTAssertEqual(failure.error.message, expected.message, "\(id): error message")
      ok =
        ok && failure.step == expected.atStep && failure.error.type == expected.type
        && failure.error.message == expected.message
    case (let expected?, nil):
      XCTFail("\(id): PyTorch raised \(expected.type) at step \(expected.atStep); we did not")
      ok = false
    case (nil, let failure?):
      XCTFail("\(id): step \(failure.step) raised \(failure.error); PyTorch did not")
      ok = false
    }
    return ok
  }
}

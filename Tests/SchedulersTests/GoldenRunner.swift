import GoldenFixtures
import Schedulers
import XCTest

/// How to build one golden case in Swift: its optimizer and its scheduler (the `code` field
/// translated by hand).
struct GoldenRecipe: Sendable {
  let optimizer: @Sendable () -> OptimizerState
  let scheduler: @Sendable (OptimizerState) throws -> any LRScheduler
}

/// `torch.optim.SGD(model.parameters(), lr=…, momentum=…)`.
func sgd(_ lr: Double, momentum: Double = 0.9) -> @Sendable () -> OptimizerState {
  {
    var group = ParamGroup(lr: lr)
    group.momentum = momentum
    return OptimizerState(kind: .sgd, groups: [group])
  }
}

/// `torch.optim.SGD([{'params': backbone, 'lr': backboneLR}, {'params': head}], lr=…, momentum=…)`.
func sgdTwoGroups(backbone backboneLR: Double, lr: Double, momentum: Double = 0.9)
  -> @Sendable () -> OptimizerState
{
  {
    var backbone = ParamGroup(lr: backboneLR, name: "backbone")
    var head = ParamGroup(lr: lr, name: "head")
    backbone.momentum = momentum
    head.momentum = momentum
    return OptimizerState(kind: .sgd, groups: [backbone, head])
  }
}

/// `torch.optim.Adam(model.parameters(), lr=…)`.
func adam(_ lr: Double) -> @Sendable () -> OptimizerState {
  { OptimizerState(kind: .adam, groups: [ParamGroup(lr: lr)]) }
}

/// What running a recipe the way the golden file was recorded produced.
struct RecordedRun {
  var lr: [[Double]] = []
  var momentum: [[Double]] = []
  var error: (atStep: Int, error: SchedulerError)?
}

/// Runs `steps` pairs of `optimizer.step(); scheduler.step()` (with `metrics[min(i, n-1)]` for
/// ReduceLROnPlateau), recording every row until an error.
func runRecipe(_ recipe: GoldenRecipe, steps: Int, metrics: [Double]?) -> RecordedRun {
  var result = RecordedRun()
  let optimizer = recipe.optimizer()
  let record = {
    result.lr.append(optimizer.groups.map(\.lr))
    result.momentum.append(optimizer.groups.indices.map { optimizer.momentum(ofGroup: $0) })
  }
  let scheduler: any LRScheduler
  do {
    scheduler = try recipe.scheduler(optimizer)
  } catch {
    result.error = (0, error as? SchedulerError ?? SchedulerError("Swift", "\(error)"))
    return result
  }
  record()
  for step in stride(from: 1, through: steps, by: 1) {
    optimizer.stepCalled = true
    do {
      if let metrics, !metrics.isEmpty {
        try scheduler.step(metric: metrics[min(step - 1, metrics.count - 1)])
      } else {
        try scheduler.step()
      }
    } catch {
      result.error = (step, error)
      return result
    }
    record()
  }
  return result
}

/// Asserts a run matches its golden case: same rows, every value within 1e-12 relative (or
/// 1e-15 absolute), momentum where recorded, and the same error at the same step.
func assertMatches(
  _ run: RecordedRun, _ expected: GoldenCase, file: StaticString = #filePath, line: UInt = #line
) {
  let id = expected.id
  XCTAssertEqual(run.lr.count, expected.lr.count, "\(id): row count", file: file, line: line)
  for (k, (actualRow, expectedRow)) in zip(run.lr, expected.lr).enumerated() {
    assertRow(actualRow, expectedRow, "\(id): lr[\(k)]", file: file, line: line)
  }
  if let expectedMomentum = expected.momentum {
    for (k, (actualRow, expectedRow)) in zip(run.momentum, expectedMomentum).enumerated() {
      assertRow(actualRow, expectedRow, "\(id): momentum[\(k)]", file: file, line: line)
    }
  }
  switch (run.error, expected.error) {
  case (nil, nil):
    break
  case (let actual?, let wanted?):
    XCTAssertEqual(actual.atStep, wanted.atStep, "\(id): error step", file: file, line: line)
    XCTAssertEqual(actual.error.type, wanted.type, "\(id): error type", file: file, line: line)
    XCTAssertEqual(
      actual.error.message, wanted.message, "\(id): error message", file: file, line: line)
  case (let actual?, nil):
    XCTFail(
      "\(id): unexpected error at step \(actual.atStep): \(actual.error)", file: file, line: line)
  case (nil, let wanted?):
    XCTFail("\(id): expected \(wanted.type) at step \(wanted.atStep)", file: file, line: line)
  }
}

private func assertRow(
  _ actual: [Double], _ expected: [Double], _ what: String, file: StaticString, line: UInt
) {
  XCTAssertEqual(actual.count, expected.count, "\(what): group count", file: file, line: line)
  for (a, e) in zip(actual, expected) where !goldenMatches(a, e) {
    XCTFail("\(what): \(a) != \(e)", file: file, line: line)
  }
}

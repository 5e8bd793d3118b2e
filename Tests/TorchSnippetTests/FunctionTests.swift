import Schedulers
import TorchSnippet
import XCTest

/// `def` functions (HuggingFace's `lr_lambda` style) and top-level `if`.
final class FunctionTests: XCTestCase {
  /// transformers' get_cosine_schedule_with_warmup, values from CPython.
  func testHuggingFaceCosineWithWarmup() throws {
    let source = """
      import math
      optimizer = torch.optim.AdamW(model.parameters(), lr=3e-5)
      num_warmup_steps, num_training_steps, num_cycles = 2, 10, 0.5

      def lr_lambda(current_step: int) -> float:
          if current_step < num_warmup_steps:
              return float(current_step) / float(max(1, num_warmup_steps))
          progress = float(current_step - num_warmup_steps) / float(max(1, num_training_steps - num_warmup_steps))
          return max(0.0, 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress)))

      scheduler = LambdaLR(optimizer, lr_lambda, -1)
      """
    let built = try XCTUnwrap(build(source))
    XCTAssertEqual(
      lrs(built, steps: 12),
      [
        0.0, 1.5e-05, 3e-05, 2.8858192987669303e-05, 2.5606601717798212e-05,
        2.074025148547635e-05, 1.5e-05, 9.259748514523654e-06, 4.393398282201788e-06,
        1.1418070123306989e-06, 0.0, 1.1418070123306974e-06, 4.393398282201785e-06,
      ])
  }

  func testDefaultsAreEvaluatedWhenTheDefRuns() throws {
    let source = """
      warmup = 4
      def f(step, w=warmup):
          x = step
          x += 1
          if x > w:
              return 1.0
          elif x == w:
              return 0.5
          else:
              return 0.25
      warmup = 100
      scheduler = LambdaLR(optimizer, f)
      """
    let built = try XCTUnwrap(build(source, SnippetContext(defaultLR: 1)))
    XCTAssertEqual(lrs(built, steps: 5), [0.25, 0.25, 0.25, 0.5, 1.0, 1.0])
  }

  func testFunctionErrorsHappenAtStepTime() throws {
    let source = """
      def f(step):
          return 1 / (3 - step)
      scheduler = LambdaLR(optimizer, f)
      """
    let trace = ScheduleRunner.run(try XCTUnwrap(build(source)), steps: 5)
    XCTAssertEqual(trace.rows.count, 3)
    XCTAssertEqual(trace.failure?.step, 3)
    XCTAssertEqual(trace.failure?.error, SchedulerError("ZeroDivisionError", "division by zero"))
  }

  func testFunctionWithoutReturnGivesNone() throws {
    let error = buildError("def f(step):\n    pass\nscheduler = LambdaLR(optimizer, f)")
    XCTAssertEqual(
      error?.pythonError,
      .typeError("unsupported operand type(s) for *: 'float' and 'NoneType'"))
  }

  func testTopLevelIfRunsTheChosenBranch() throws {
    let source = """
      use_warmup = False
      if use_warmup:
          scheduler = LinearLR(optimizer, start_factor=0.1, total_iters=5)
      else:
          scheduler = StepLR(optimizer, step_size=5)
      """
    XCTAssertEqual(build(source)?.className, "StepLR")
  }

  func testFunctionSyntaxErrors() {
    XCTAssertEqual(parseError("return 1")?.message, "'return' outside function")
    XCTAssertEqual(
      parseError("def f(x=1, y):\n    return y")?.message,
      "parameter without a default follows parameter with a default")
  }

  func testLoopsInsideAFunctionAreSkipped() {
    let built = build(
      "def f(x):\n    for i in y:\n        pass\n    return 0.5\nscheduler = LambdaLR(optimizer, f)"
    )
    XCTAssertEqual(built.map { lrs($0, steps: 1) }, [0.05, 0.05])
  }
}

/// Model definitions that often come along with a pasted optimizer.
final class ModelLineTests: XCTestCase {
  func testTorchNNLayersAreNetworks() throws {
    let source = """
      import torch.nn as nn
      net = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 1))
      optimizer = torch.optim.SGD(net.parameters(), lr=0.05)
      scheduler = StepLR(optimizer, 1, gamma=0.5)
      """
    let built = try XCTUnwrap(build(source))
    XCTAssertEqual(built.optimizer.groups.map(\.initialLR), [0.05])
    XCTAssertEqual(built.optimizer.groups.map(\.name), ["net"])
  }

  func testUnknownModelClassIsANameError() {
    XCTAssertEqual(
      buildError("model = Net()\nscheduler = StepLR(optimizer, 2)")?.pythonError,
      SchedulerError("NameError", "name 'Net' is not defined. Did you mean: 'set'?"))
  }
}

import Schedulers
import XCTest

@testable import TorchSnippet

/// How transformers' schedules are reached and what lrlab knows of them beyond their values.
final class TransformersSnippetTests: XCTestCase {
  func testImportStylesAndTheirNames() throws {
    let sources = [
      "from transformers import get_cosine_schedule_with_warmup as cosine\nscheduler = cosine(optimizer, 10, 120)",
      "import transformers as tf\nscheduler = tf.get_cosine_schedule_with_warmup(optimizer, 10, 120)",
      "import transformers\nscheduler = transformers.optimization.get_cosine_schedule_with_warmup(optimizer, 10, 120)",
      "from transformers import get_scheduler, SchedulerType\nscheduler = get_scheduler(SchedulerType.COSINE, optimizer, 10, 120)",
    ]
    for source in sources {
      let built = try XCTUnwrap(build(source), source)
      XCTAssertEqual(built.className, "get_cosine_schedule_with_warmup", source)
      XCTAssertEqual(built.naturalLength, 120, source)
    }
  }

  func testNaturalLengths() throws {
    let wsd = try XCTUnwrap(
      build(
        "from transformers import get_wsd_schedule\n"
          + "scheduler = get_wsd_schedule(optimizer, 10, 20, num_stable_steps=30)"))
    XCTAssertEqual(wsd.naturalLength, 60)
    let constant = try XCTUnwrap(
      build(
        "from transformers import get_constant_schedule\nscheduler = get_constant_schedule(optimizer)"
      ))
    XCTAssertEqual(constant.naturalLength, 100)
  }

  func testOtherTransformersNamesImportButAdamWIsGone() throws {
    XCTAssertNotNil(
      build(
        """
        from transformers import AutoModelForSequenceClassification, get_linear_schedule_with_warmup
        scheduler = get_linear_schedule_with_warmup(optimizer, 0, 10)
        """))
    let error = try XCTUnwrap(
      buildError("from transformers import AdamW\noptimizer = AdamW(model.parameters())"))
    XCTAssertEqual(error.pythonError?.type, "ImportError")
    XCTAssertEqual(error.line, 1)
  }

  /// A transformers schedule is the LambdaLR it returns, so SequentialLR can hand over to it.
  func testInsideSequentialLRLikeTheLambdaLRItIs() throws {
    let viaTransformers = try XCTUnwrap(
      build(
        """
        from transformers import get_cosine_schedule_with_warmup
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        first = ConstantLR(optimizer, factor=0.5, total_iters=4)
        second = get_cosine_schedule_with_warmup(optimizer, 3, 30)
        scheduler = SequentialLR(optimizer, [first, second], milestones=[4])
        """))
    let viaLambda = try XCTUnwrap(
      build(
        """
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        first = ConstantLR(optimizer, factor=0.5, total_iters=4)
        def f(s):
            if s < 3:
                return s / 3
            return max(0.0, 0.5 * (1.0 + math.cos(math.pi * 0.5 * 2.0 * ((s - 3) / 27))))
        second = LambdaLR(optimizer, f)
        scheduler = SequentialLR(optimizer, [first, second], milestones=[4])
        """))
    let a = ScheduleRunner.run(viaTransformers, steps: 40).rows.map(\.lr)
    let b = ScheduleRunner.run(viaLambda, steps: 40).rows.map(\.lr)
    XCTAssertEqual(a, b)
  }

  func testErrorsPointAtTheArgumentTransformersNames() throws {
    let error = try XCTUnwrap(
      buildError(
        """
        from transformers import get_polynomial_decay_schedule_with_warmup
        optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)
        scheduler = get_polynomial_decay_schedule_with_warmup(optimizer, 10, 100, lr_end=1e-4)
        """))
    XCTAssertEqual(
      error.pythonError,
      SchedulerError.value("lr_end (0.0001) must be smaller than initial lr (5e-05)"))
    XCTAssertEqual(error.line, 3)
    XCTAssertEqual(error.column, 82)
  }
}

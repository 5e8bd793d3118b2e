import Schedulers
import XCTest

@testable import TorchSnippet

/// The forms issue 13 found refused in real pastes, now read as Python reads them.
final class LanguageTests: XCTestCase {
  func value(_ expression: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
    do {
      return try evaluate(expression).repr
    } catch {
      XCTFail(error.rendered(), file: file, line: line)
      return nil
    }
  }

  func testComprehensionsAndBuiltins() {
    XCTAssertEqual(value("[x * 2 for x in range(4) if x != 1]"), "[0, 4, 6]")
    XCTAssertEqual(value("{k: v for k, v in zip('ab', [1, 2])}"), "{'a': 1, 'b': 2}")
    XCTAssertEqual(value("{x % 3 for x in range(10)}"), "{0, 1, 2}")
    XCTAssertEqual(value("sum(x for x in range(5))"), "10")
    XCTAssertEqual(value("list(range(10, 50, 10))"), "[10, 20, 30, 40]")
    XCTAssertEqual(value("tuple(map(lambda x: x + 1, [1, 2]))"), "(2, 3)")
    XCTAssertEqual(value("list(filter(lambda x: x > 1, [1, 2, 3]))"), "[2, 3]")
    XCTAssertEqual(value("sorted([3, 1, 2], reverse=True)"), "[3, 2, 1]")
    XCTAssertEqual(value("any(n in 'bias' for n in ['x', 'bias'])"), "True")
    XCTAssertEqual(value("all([])"), "True")
    XCTAssertEqual(value("list(enumerate('ab', start=1))"), "[(1, 'a'), (2, 'b')]")
    XCTAssertEqual(value("len({'a': 1, 'b': 2})"), "2")
    XCTAssertEqual(value("isinstance(3, (int, float))"), "True")
    XCTAssertEqual(value("[1, 2, 3, 4][1:3]"), "[2, 3]")
    XCTAssertEqual(value("'abcdef'[::-2]"), "'fdb'")
    XCTAssertEqual(value("[*range(2), *[5]]"), "[0, 1, 5]")
    XCTAssertEqual(value("{**{'a': 1}, 'b': 2}"), "{'a': 1, 'b': 2}")
    XCTAssertEqual(value("5 | 2"), "7")
  }

  func testIssue13Forms() throws {
    let source = """
      import functools
      import torch
      import torch.nn as nn
      from torch.optim.lr_scheduler import LambdaLR

      torch.manual_seed(42)
      device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
      warmup_steps: int = 5
      total_steps: int = 50

      def make_lambda(warmup, total):
          def lr_lambda(step, *, floor=0.0):
              if step < warmup:
                  return (step + 1) / warmup
              return max(floor, (total - step) / (total - warmup))
          return lr_lambda

      def _inner(step, *, num_warmup_steps, num_training_steps):
          return make_lambda(num_warmup_steps, num_training_steps)(step)

      model = nn.Linear(4, 2).to(device)
      params = filter(lambda p: p.requires_grad, model.parameters())
      optimizer = torch.optim.SGD(params, lr=0.1)
      lr_fn = functools.partial(_inner, num_warmup_steps=warmup_steps, num_training_steps=total_steps)
      scheduler = LambdaLR(optimizer, lr_fn)
      base = optimizer.defaults["lr"]
      first = optimizer.param_groups[0]["lr"]
      """
    let built = try XCTUnwrap(build(source))
    let expected = [1.0 / 5, 2.0 / 5, 3.0 / 5].map { 0.1 * $0 }
    XCTAssertEqual(Array(lrs(built, steps: 2)), expected)
  }

  func testLambdaDefaultsAndStarArgs() throws {
    let built = try XCTUnwrap(
      build(
        """
        warmup = 4
        scheduler = LambdaLR(optimizer, lambda s, w=warmup, *rest, **kw: min(1.0, (s + 1) / w))
        """))
    XCTAssertEqual(lrs(built, steps: 1), [0.1 * 0.25, 0.1 * 0.5])
  }

  func testThreeLinearLayersAreThreeParameterSets() throws {
    let built = try XCTUnwrap(
      build(
        """
        import torch.nn as nn
        encoder = nn.Linear(16, 8)
        decoder = nn.Linear(8, 16)
        classifier = nn.Linear(8, 2)
        optimizer = torch.optim.Adam([
            {"params": encoder.parameters(), "lr": 1e-3},
            {"params": decoder.parameters(), "lr": 5e-4},
            {"params": classifier.parameters()},
        ], lr=1e-2)
        scheduler = StepLR(optimizer, step_size=2)
        """))
    XCTAssertEqual(built.optimizer.groups.map(\.lr), [1e-3, 5e-4, 1e-2])
    XCTAssertEqual(built.optimizer.groups.map(\.name), ["encoder", "decoder", "classifier"])
  }

  func testOverlappingGroupsAreStillPyTorchsError() {
    let error = buildError(
      """
      import torch.nn as nn
      net = nn.Sequential(nn.Linear(2, 4), nn.Linear(4, 1))
      optimizer = torch.optim.SGD([{"params": net.parameters()}, {"params": net[1].parameters()}], lr=0.1)
      scheduler = StepLR(optimizer, 2)
      """)
    XCTAssertEqual(
      error?.pythonError?.message, "some parameters appear in more than one parameter group")
    let lenient = buildError(
      "optimizer = torch.optim.SGD([{'params': model.parameters()}, {'params': model.fc.parameters()}], lr=0.1)\nscheduler = StepLR(optimizer, 2)"
    )
    XCTAssertEqual(
      lenient?.pythonError?.message, "some parameters appear in more than one parameter group")
  }

  func testNamedParametersHaveRealNames() throws {
    let source = """
      import torch.nn as nn
      class Net(nn.Module):
          def __init__(self):
              super().__init__()
              self.encoder = nn.Linear(4, 4)
              self.LayerNorm = nn.LayerNorm(4)
              self.head = nn.Linear(4, 1, bias=False)
      model = Net()
      names = [n for n, p in model.named_parameters()]
      """
    let program = try SnippetProgram.parse(source + "\nscheduler = StepLR(optimizer, 1)")
    let builder = SnippetBuilder(lines: SourceLines(program.source), context: SnippetContext())
    var runner = StatementRunner(
      environment: builder.environment, lines: builder.lines, locals: nil)
    _ = try runner.run(program.statements)
    XCTAssertEqual(
      builder.environment.names["names"]?.repr,
      "['encoder.weight', 'encoder.bias', 'LayerNorm.weight', 'LayerNorm.bias', 'head.weight']")
  }

  func testBertNoDecayGrouping() throws {
    let built = try XCTUnwrap(
      build(
        """
        no_decay = ["bias", "LayerNorm.weight"]
        optimizer_grouped_parameters = [
            {"params": [p for n, p in model.named_parameters() if not any(nd in n for nd in no_decay)],
             "weight_decay": 0.01},
            {"params": [p for n, p in model.named_parameters() if any(nd in n for nd in no_decay)],
             "weight_decay": 0.0},
        ]
        optimizer = torch.optim.AdamW(optimizer_grouped_parameters, lr=2e-5)
        scheduler = LinearLR(optimizer, start_factor=0.1, total_iters=4)
        """))
    XCTAssertEqual(built.optimizer.groups.map(\.weightDecay), [0.01, 0.0])
    XCTAssertEqual(built.optimizer.groups.map(\.lr), [2e-5 * 0.1, 2e-5 * 0.1])
  }
}

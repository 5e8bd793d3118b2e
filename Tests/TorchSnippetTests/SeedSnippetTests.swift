import GoldenFixtures
import Schedulers
import TorchSnippet
import XCTest

/// The seed lesson's code, verbatim: as copied from its web page (indentation lost) and as
/// written properly indented.
final class SeedSnippetTests: XCTestCase {
  let stepLR = """
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.5)
    for epoch in range(num_epochs):
    train_one_epoch(model, train_loader, optimizer)
    scheduler.step()
    """
  let cosine = """
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=50, eta_min=1e-6)
    """
  let oneCycle = """
    scheduler = torch.optim.lr_scheduler.OneCycleLR(
    optimizer, max_lr=0.01, steps_per_epoch=len(train_loader), epochs=num_epochs
    )
    for epoch in range(num_epochs):
    for batch in train_loader:
    train_step(model, batch, optimizer)
    scheduler.step() # called per batch, not per epoch
    """
  let plateau = """
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(
    optimizer, mode="min", factor=0.5, patience=5
    )
    for epoch in range(num_epochs):
    train_one_epoch(model, train_loader, optimizer)
    val_loss = evaluate(model, valid_loader)
    scheduler.step(val_loss) # pass the metric
    """
  let warmup = """
    warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=5)
    cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=45)
    scheduler = torch.optim.lr_scheduler.SequentialLR(optimizer, [warmup, cosine], milestones=[5])
    """
  let inspect = """
    current_lr = optimizer.param_groups[0]["lr"]
    print(f"Epoch {epoch}: lr = {current_lr:.6f}")
    """

  func golden(_ id: String) throws -> GoldenCase {
    let file = try GoldenFile.load()
    return try XCTUnwrap(file.cases.first { $0.id == id }, id)
  }

  /// With the implicit optimizer (SGD, momentum 0.9) the seed's lines give PyTorch's numbers.
  func assertMatchesGolden(
    _ source: String, _ id: String, context: SnippetContext = SnippetContext(),
    line: UInt = #line
  ) throws {
    let expected = try golden(id)
    guard let built = build(source, context, line: line) else { return }
    let trace = ScheduleRunner.run(built, steps: expected.steps, metrics: expected.metrics ?? [])
    XCTAssertEqual(trace.rows.count, expected.lr.count, id, line: line)
    for (row, want) in zip(trace.rows, expected.lr) {
      XCTAssertTrue(goldenMatches(row.lr[0], want[0]), "\(id) step \(row.step)", line: line)
    }
    if let momentum = expected.momentum {
      for (row, want) in zip(trace.rows, momentum) {
        XCTAssertTrue(
          goldenMatches(row.momentum?[0] ?? .nan, want[0]), "\(id) momentum \(row.step)",
          line: line)
      }
    }
  }

  func testStepLRWithItsFlattenedLoop() throws {
    try assertMatchesGolden(stepLR, "seed-steplr")
  }

  func testCosine() throws {
    try assertMatchesGolden(cosine, "seed-cosine")
  }

  func testOneCycleReadsTrainLoaderAndEpochs() throws {
    try assertMatchesGolden(
      oneCycle, "seed-onecycle",
      context: SnippetContext(trainLoaderLength: 32, numEpochs: 10, defaultLR: 0.001))
    let built = try XCTUnwrap(build(oneCycle))
    XCTAssertEqual(built.naturalLength, 80, "8 batches × 10 epochs by default")
  }

  func testPlateauSkipsTheLoopBody() throws {
    try assertMatchesGolden(plateau, "seed-plateau")
  }

  func testWarmupPattern() throws {
    try assertMatchesGolden(warmup, "seed-warmup")
    let built = try XCTUnwrap(build(warmup))
    XCTAssertEqual(
      built.schedulers.map(\.className), ["LinearLR", "CosineAnnealingLR", "SequentialLR"])
    XCTAssertEqual(built.schedulers.map(\.variable), ["warmup", "cosine", "scheduler"])
    XCTAssertEqual(built.schedulerVariable, "scheduler")
  }

  func testInspectingTheLearningRate() throws {
    let built = try XCTUnwrap(build(cosine + "\n" + inspect))
    XCTAssertEqual(built.className, "CosineAnnealingLR")
    XCTAssertNotNil(try? SnippetProgram.parse(inspect), "parses alone")
    XCTAssertEqual(buildError(inspect)?.message.hasPrefix("no scheduler in the snippet"), true)
  }

  func testIndentedLoopsAsInARealScript() throws {
    let source = """
      import torch, math
      from torch.optim.lr_scheduler import OneCycleLR

      optimizer = torch.optim.SGD(model.parameters(), lr=0.001, momentum=0.9)
      scheduler = OneCycleLR(
          optimizer, max_lr=0.01, steps_per_epoch=len(train_loader), epochs=num_epochs
      )
      for epoch in range(num_epochs):
          for batch in train_loader:
              train_step(model, batch, optimizer)
              optimizer.step()
              scheduler.step()  # called per batch, not per epoch
          current_lr = optimizer.param_groups[0]["lr"]
          print(f"Epoch {epoch}: lr = {current_lr:.6f}")
      """
    try assertMatchesGolden(
      source, "seed-onecycle", context: SnippetContext(trainLoaderLength: 32, numEpochs: 10))
  }

  func testEveryGoldenSeedCodeAlsoBuildsWithItsOwnOptimizer() throws {
    for golden in try GoldenFile.load().cases where golden.tags?.contains("seed") == true {
      XCTAssertNotNil(build(golden.code), golden.id)
    }
  }

  func testImplicitOptimizerIsSGDWithTheContextLR() throws {
    let built = try XCTUnwrap(build(cosine, SnippetContext(defaultLR: 0.5)))
    XCTAssertTrue(built.optimizerWasImplicit)
    XCTAssertEqual(built.optimizer.kind, .sgd)
    XCTAssertEqual(built.optimizer.groups.map(\.initialLR), [0.5])
    XCTAssertEqual(built.optimizer.groups[0].momentum, 0.9)
  }
}

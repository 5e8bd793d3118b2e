import Schedulers
import XCTest

@testable import Training

/// The noisy quadratic model's exact expected-loss recursion (K = 100, hᵢ = 1/i, B = 4).
final class QuadraticTests: XCTestCase {
  func testFirstStepByHand() throws {
    var config = RunConfig(model: .quadratic)
    config.epochs = 1
    let run = try trainConstant(sgd(0.5, momentum: 0), config)
    let losses = run.history.trainLoss
    var initial = 0.0
    var next = 0.0
    for i in 1...100 {
      let h = 1 / Double(i)
      initial += 0.5 * h
      next += 0.5 * h * ((1 - 0.5 * h) * (1 - 0.5 * h) + 0.25 * h / 4)
    }
    XCTAssertEqual(losses[0], initial, accuracy: 1e-12)
    XCTAssertEqual(losses[1], next, accuracy: 1e-12)
  }

  /// The research notes' NumPy numbers after 2000 steps (the expected loss after the last
  /// update is the last epoch's validation loss), and the theoretical floor.
  func testStallFloorOscillationAndDivergence() throws {
    let config = RunConfig(model: .quadratic)
    XCTAssertEqual(config.totalSteps, 2000)
    func final(_ lr: Double) throws -> TrainingRun {
      try trainConstant(sgd(lr, momentum: 0), config)
    }
    XCTAssertEqual(try final(0.003).finalValidation, 0.8326, accuracy: 1e-4)
    let atFloor = try final(0.3).finalValidation
    XCTAssertEqual(atFloor, NoisyQuadraticTheory.noiseFloor(lr: 0.3, batchSize: 4), accuracy: 1e-6)
    XCTAssertEqual(atFloor, 0.1024, accuracy: 1e-4)
    XCTAssertEqual(try final(1.8).finalValidation, 1.690, accuracy: 1e-3)
    let diverging = try final(2.02)
    XCTAssertTrue(diverging.diverged)
    XCTAssertEqual(NoisyQuadraticTheory.noiseFloor(lr: 2.02, batchSize: 4), .infinity)
  }

  func testCosineEndsFarBelowTheBestConstant() throws {
    var config = RunConfig(model: .quadratic)
    config.stepEvery = .batch
    let cosine = try train(
      """
      optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
      scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=2000)
      """, config)
    XCTAssertEqual(cosine.finalValidation, 0.01916, accuracy: 1e-5)
    let bestConstant = try [0.003, 0.03, 0.3, 1.0].map {
      try trainConstant(sgd($0, momentum: 0), RunConfig(model: .quadratic)).finalValidation
    }.min()!
    XCTAssertLessThan(cosine.finalValidation, bestConstant / 4)
  }

  /// Without noise the second moments follow the deterministic iteration from x₀ = 1 (the
  /// recursion is linear), for momentum with dampening, nesterov and weight decay alike.
  func testMomentumRecursionMatchesTheDeterministicIteration() throws {
    for nesterov in [false, true] {
      var config = RunConfig(model: .quadratic)
      config.noise = 0
      config.dimension = 5
      config.epochs = 1
      config.trainSize = 40
      var group = ParamGroup(lr: 0.7)
      group.momentum = 0.8
      group.dampening = nesterov ? 0 : 0.3
      group.nesterov = nesterov
      group.weightDecay = 0.05
      let run = try trainConstant(OptimizerState(kind: .sgd, groups: [group]), config)
      var x = [Double](repeating: 1, count: 5)
      var buffer = [Double](repeating: 0, count: 5)
      for (t, loss) in run.history.trainLoss.enumerated() {
        var expected = 0.0
        for i in 0..<5 { expected += 0.5 / Double(i + 1) * x[i] * x[i] }
        XCTAssertEqual(loss, expected, accuracy: 1e-12 * max(1, expected), "step \(t)")
        for i in 0..<5 {
          let g = (1 / Double(i + 1) + 0.05) * x[i]
          buffer[i] = t == 0 ? g : 0.8 * buffer[i] + (nesterov ? 1.0 : 0.7) * g
          x[i] -= 0.7 * (nesterov ? g + 0.8 * buffer[i] : buffer[i])
        }
      }
    }
  }

  func testAdamIsRejected() {
    XCTAssertThrowsError(
      try TrainingRun(config: RunConfig(model: .quadratic), optimizer: adam(0.1), scheduler: nil))
  }
}

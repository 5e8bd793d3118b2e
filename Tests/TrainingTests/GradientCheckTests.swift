import XCTest

@testable import Training

/// Back-propagated gradients against central finite differences.
final class GradientCheckTests: XCTestCase {
  func check(
    _ model: any GradientModel, parameters: [Double], batch: [Int], indices: [Int],
    file: StaticString = #filePath, line: UInt = #line
  ) {
    let (_, gradient) = model.lossAndGradient(parameters: parameters, batch: batch)
    let h = 1e-6
    for i in indices {
      var plus = parameters
      var minus = parameters
      plus[i] += h
      minus[i] -= h
      let numeric =
        (model.loss(parameters: plus, batch: batch) - model.loss(parameters: minus, batch: batch))
        / (2 * h)
      XCTAssertEqual(
        gradient[i], numeric, accuracy: 1e-7 + 1e-5 * abs(numeric), "parameter \(i)",
        file: file, line: line)
    }
  }

  func testSineMLP() {
    var config = RunConfig(model: .sine)
    config.hiddenUnits = 10  // not a multiple of 4: the SIMD part and the scalar tail
    let model = TanhMLP.sine(config)
    let p = model.initialParameters()
    check(model, parameters: p, batch: [3, 17, 17, 200, 5], indices: Array(p.indices))
  }

  func testFinetuneBodyAndHead() {
    let model = TanhMLP.finetune(RunConfig(model: .finetune))
    let p = model.initialParameters()
    check(
      model, parameters: p, batch: [0, 9, 33, 63],
      indices: Array(stride(from: 0, to: p.count, by: 23)) + [p.count - 1])
  }

  func testLinearRegression() {
    let model = LinearRegressionModel(RunConfig(model: .linear))
    let p = (0..<20).map { 0.1 * Double($0) - 1 }
    check(model, parameters: p, batch: [1, 2, 3, 1000], indices: Array(p.indices))
  }

  func testLossIsMeanSquaredError() {
    let model = LinearRegressionModel(RunConfig(model: .linear))
    let zero = [Double](repeating: 0, count: 20)
    let loss = model.loss(parameters: zero, batch: [4, 7])
    XCTAssertEqual(
      loss, (model.yTrain[4] * model.yTrain[4] + model.yTrain[7] * model.yTrain[7]) / 2,
      accuracy: 1e-12)
  }

  func testFastTanhMatchesLibm() {
    var worst = 0.0
    for i in 0...40_000 {
      let x = -25 + Double(i) / 800
      let exact = tanh(x)
      worst = max(worst, abs(fastTanh(x) - exact) / max(abs(exact), 1e-300))
    }
    XCTAssertLessThan(worst, 4e-15)
    XCTAssertEqual(fastTanh(1e-300), 1e-300)
    XCTAssertEqual(fastTanh(.infinity), 1)
    XCTAssertEqual(fastTanh(-.infinity), -1)
    XCTAssertTrue(fastTanh(.nan).isNaN)
    let lanes = fastTanh4(SIMD4(0.3, -2, 7, 0.01))
    XCTAssertEqual(lanes[1].bitPattern, fastTanh(-2).bitPattern)
    XCTAssertEqual(lanes[3].bitPattern, fastTanh(0.01).bitPattern)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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
        gradient[i], numeric, accuracy: 1e-8 + 1e-6 * abs(numeric), "parameter \(i)",
        file: file, line: line)
    }
  }

  /// The float32 kernels against a double-precision reference (libm tanh), which is itself
  /// checked against finite differences to 1e-6.
  func checkMLP(
    _ model: TanhMLP, batch: [Int], indices: [Int], file: StaticString = #filePath,
    line: UInt = #line
  ) {
    let p = model.initialParameters()
    let reference = ReferenceMLP(model: model)
    let (loss, gradient) = model.lossAndGradient(parameters: p, batch: batch)
    let (referenceLoss, referenceGradient) = reference.lossAndGradient(p, batch)
    XCTAssertEqual(loss, referenceLoss, accuracy: 1e-5 * referenceLoss, file: file, line: line)
    let scale = referenceGradient.map(abs).max()!
    let h = 1e-6
    for i in indices {
      XCTAssertEqual(
        gradient[i], referenceGradient[i], accuracy: 1e-5 * scale, "parameter \(i)", file: file,
        line: line)
      var plus = p
      var minus = p
      plus[i] += h
      minus[i] -= h
      let numeric = (reference.loss(plus, batch) - reference.loss(minus, batch)) / (2 * h)
      XCTAssertEqual(
        referenceGradient[i], numeric, accuracy: 1e-8 + 1e-6 * abs(numeric), "parameter \(i)",
        file: file, line: line)
    }
  }

  func testSineMLP() {
    var config = RunConfig(model: .sine)
    config.hiddenUnits = 10  // not a multiple of 8: padded float lanes
    let model = TanhMLP.sine(config)
    checkMLP(model, batch: [3, 17, 17, 200, 5], indices: Array(0..<model.layout.count))
  }

  func testFinetuneBodyAndHead() {
    let model = TanhMLP.finetune(RunConfig(model: .finetune))
    let count = model.layout.count
    checkMLP(
      model, batch: [0, 9, 33, 63],
      indices: Array(stride(from: 0, to: count, by: 23)) + [count - 1])
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
    XCTAssertLessThan(worst, 1.5e-7)
    XCTAssertEqual(fastTanh(1e-300), 1e-300, accuracy: 1e-300 * 2e-7)
    XCTAssertEqual(fastTanh(40), 1, accuracy: 1e-7)
    XCTAssertEqual(fastTanh(.infinity), 1, accuracy: 1e-7)
    XCTAssertEqual(fastTanh(-.infinity), -1, accuracy: 1e-7)
    XCTAssertTrue(fastTanh(.nan).isNaN)
    var worstFloat: Float = 0
    for i in 0...4_000 {
      let x = Float(-10 + Double(i) / 200)
      let exact = Float(tanh(Double(x)))
      let lanes = fastTanh8(SIMD8(repeating: x))
      worstFloat = max(worstFloat, abs(lanes[3] - exact) / max(abs(exact), 1e-30))
    }
    XCTAssertLessThan(worstFloat, 6e-7)
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

/// The MLP in plain double precision with libm's tanh: the reference for the float kernels.
struct ReferenceMLP {
  let hidden: Int
  let x: [Double]
  let y: [Double]

  init(model: TanhMLP) {
    hidden = model.hidden
    x = model.xTrain
    y = model.yTrain
  }

  func loss(_ p: [Double], _ batch: [Int]) -> Double { lossAndGradient(p, batch).0 }

  func lossAndGradient(_ p: [Double], _ batch: [Int]) -> (Double, [Double]) {
    let h = hidden
    var g = [Double](repeating: 0, count: 3 * h + 1)
    var total = 0.0
    let n = Double(batch.count)
    for i in batch {
      let a = (0..<h).map { tanh(p[$0] * x[i] + p[h + $0]) }
      var out = p[3 * h]
      for j in 0..<h { out += p[2 * h + j] * a[j] }
      let e = out - y[i]
      total += e * e
      let d = 2 * e / n
      g[3 * h] += d
      for j in 0..<h {
        g[2 * h + j] += d * a[j]
        let dz = d * p[2 * h + j] * (1 - a[j] * a[j])
        g[j] += dz * x[i]
        g[h + j] += dz
      }
    }
    return (total / n, g)
  }
}

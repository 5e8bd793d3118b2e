#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Linear regression y = x·w (no bias) on Gaussian features with covariance diag(λ), λ spaced
/// geometrically from 1 to 1/100 (condition number 100); w* ~ N(0, 4I); label noise σ.
/// The MSE's Hessian is 2·XᵀX/N ≈ 2·diag(λ), so SGD is stable below about 2/λmax(Hessian).
final class LinearRegressionModel: GradientModel {
  let dimension: Int
  let layout: ParameterLayout
  /// Row-major N × d.
  let xTrain: [Double]
  let yTrain: [Double]
  let xValidation: [Double]
  let yValidation: [Double]
  let trueWeights: [Double]
  let eigenvalues: [Double]
  let stream: TorchGenerator

  static let conditionNumber = 100.0

  init(_ config: RunConfig) {
    let d = config.dimension
    dimension = d
    stream = TorchGenerator(seed: config.seed)
    layout = ParameterLayout(count: d, backbone: 0..<0, head: 0..<d)
    let lambdas = (0..<d).map { i in
      d == 1 ? 1 : pow(1 / Self.conditionNumber, Double(i) / Double(d - 1))
    }
    eigenvalues = lambdas
    var data = RandomSource(seed: config.seed, stream: 1)
    let truth = (0..<d).map { _ in 2 * data.normal() }
    trueWeights = truth
    let scales = lambdas.map { $0.squareRoot() }
    func sample(_ n: Int) -> ([Double], [Double]) {
      var xs = [Double]()
      var ys = [Double]()
      xs.reserveCapacity(n * d)
      for _ in 0..<n {
        var dot = 0.0
        for k in 0..<d {
          let x = data.normal() * scales[k]
          xs.append(x)
          dot += x * truth[k]
        }
        ys.append(dot + config.noise * data.normal())
      }
      return (xs, ys)
    }
    (xTrain, yTrain) = sample(config.trainSize)
    (xValidation, yValidation) = sample(config.validationSize)
  }

  var trainCount: Int { yTrain.count }
  func initialParameters() -> [Double] { [Double](repeating: 0, count: dimension) }

  /// The top eigenvalue of the training loss's Hessian, 2·λmax(XᵀX/N), by power iteration.
  func hessianTopEigenvalue() -> Double {
    let d = dimension
    let n = trainCount
    var v = [Double](repeating: 1 / Double(d).squareRoot(), count: d)
    var eigenvalue = 0.0
    for _ in 0..<200 {
      var next = [Double](repeating: 0, count: d)
      for i in 0..<n {
        var dot = 0.0
        for k in 0..<d { dot += xTrain[i * d + k] * v[k] }
        for k in 0..<d { next[k] += xTrain[i * d + k] * dot }
      }
      let norm = next.reduce(0) { $0 + $1 * $1 }.squareRoot()
      eigenvalue = 2 * norm / Double(n)
      v = next.map { $0 / norm }
    }
    return eigenvalue
  }

  func lossAndGradient(
    _ w: UnsafePointer<Double>, batch: UnsafeBufferPointer<Int>,
    grad g: UnsafeMutablePointer<Double>
  ) -> Double {
    let d = dimension
    g.update(repeating: 0, count: d)
    let n = Double(batch.count)
    var total = 0.0
    xTrain.withUnsafeBufferPointer { x in
      for i in batch {
        let row = x.baseAddress! + i * d
        var dot = 0.0
        for k in 0..<d { dot += row[k] * w[k] }
        let e = dot - yTrain[i]
        total += e * e
        let scale = 2 * e / n
        for k in 0..<d { g[k] += scale * row[k] }
      }
    }
    return total / n
  }

  func loss(_ w: UnsafePointer<Double>, batch: UnsafeBufferPointer<Int>) -> Double {
    var total = 0.0
    for i in batch {
      let e = predict(w, xTrain, i) - yTrain[i]
      total += e * e
    }
    return total / Double(batch.count)
  }

  func validationLoss(_ w: UnsafePointer<Double>) -> Double {
    var total = 0.0
    for i in yValidation.indices {
      let e = predict(w, xValidation, i) - yValidation[i]
      total += e * e
    }
    return total / Double(yValidation.count)
  }

  @inline(__always)
  private func predict(_ w: UnsafePointer<Double>, _ xs: [Double], _ i: Int) -> Double {
    let d = dimension
    var dot = 0.0
    for k in 0..<d { dot += xs[i * d + k] * w[k] }
    return dot
  }
}

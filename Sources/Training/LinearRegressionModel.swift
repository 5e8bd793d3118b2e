#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Linear regression y = x·w (no bias: `nn.Linear(d, 1, bias=False)`) on Gaussian features with
/// covariance diag(λ), λ spaced geometrically from 1 to 1/100 (condition number 100);
/// w* ~ N(0, 4I); label noise σ.
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
  let batchOrder = BatchOrder.dataLoader

  static let conditionNumber = 100.0

  /// As the PyTorch script builds it (`ModelDefinition.linear`): `torch.manual_seed(seed)`,
  /// `nn.Linear(d, 1, bias=False)` with its default init U(±1/√d); from
  /// `torch.Generator().manual_seed(seed)`: `w_true = 2 * torch.randn(d)`, then per split
  /// `x = torch.randn(n, d) * scales` and `y = x @ w_true + noise * torch.randn(n)`, float32.
  init(_ config: RunConfig) {
    let d = config.dimension
    dimension = d
    layout = ParameterLayout(count: d, backbone: 0..<0, head: 0..<d)
    // torch.logspace(0, -2, d): eigenvalues 1 … 1/100.
    let lambdas = (0..<d).map { i in
      Double(Float(d == 1 ? 1 : pow(1 / Self.conditionNumber, Double(i) / Double(d - 1))))
    }
    eigenvalues = lambdas
    var global = TorchGenerator(seed: config.seed)
    initial = nnLinearInit(fanIn: d, weights: d, biases: 0, &global)
    stream = global
    var data = TorchGenerator(seed: config.seed)
    let truth = data.randn(d).map { 2 * $0 }
    trueWeights = truth.map(Double.init)
    let scales = lambdas.map { Float($0.squareRoot()) }
    func sample(_ n: Int) -> ([Double], [Double]) {
      let raw = data.randn(n * d)
      let noise = data.randn(n)
      var xs = [Double]()
      var ys = [Double]()
      xs.reserveCapacity(n * d)
      for i in 0..<n {
        var dot: Float = 0
        for k in 0..<d {
          let x = raw[i * d + k] * scales[k]
          xs.append(Double(x))
          dot += x * truth[k]
        }
        ys.append(Double(dot + Float(config.noise) * noise[i]))
      }
      return (xs, ys)
    }
    (xTrain, yTrain) = sample(config.trainSize)
    (xValidation, yValidation) = sample(config.validationSize)
  }

  var trainCount: Int { yTrain.count }
  private let initial: [Double]
  func initialParameters() -> [Double] { initial }

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

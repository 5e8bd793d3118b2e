#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A 1 → H tanh → 1 network, trained on MSE. Parameters: [W1 (H), b1 (H), v (H), c].
/// For finetune, the body (W1, b1) starts pretrained and a frozen head A measures forgetting.
final class TanhMLP: GradientModel {
  let hidden: Int
  let layout: ParameterLayout
  let xTrain: [Double]
  let yTrain: [Double]
  let xValidation: [Double]
  let yValidation: [Double]
  private let initial: [Double]
  /// Finetune: head A (H weights, then its bias) and the task-A grid with clean targets.
  private let headA: [Double]?
  private let xTaskA: [Double]
  private let yTaskA: [Double]
  private let activations: UnsafeMutablePointer<Double>
  /// Per-batch scratch: every example's activations (row-major) and its d(loss)/d(output).
  private var batchActivations: UnsafeMutablePointer<Double>
  private var batchScales: UnsafeMutablePointer<Double>
  private var batchCapacity = 0

  init(
    hidden: Int, xTrain: [Double], yTrain: [Double], xValidation: [Double],
    yValidation: [Double], initial: [Double], headA: [Double]? = nil,
    taskA: (x: [Double], y: [Double]) = ([], [])
  ) {
    self.hidden = hidden
    layout = ParameterLayout(
      count: 3 * hidden + 1, backbone: 0..<(2 * hidden), head: (2 * hidden)..<(3 * hidden + 1))
    self.xTrain = xTrain
    self.yTrain = yTrain
    self.xValidation = xValidation
    self.yValidation = yValidation
    self.initial = initial
    self.headA = headA
    xTaskA = taskA.x
    yTaskA = taskA.y
    activations = .allocate(capacity: hidden)
    activations.initialize(repeating: 0, count: hidden)
    batchActivations = .allocate(capacity: 0)
    batchScales = .allocate(capacity: 0)
  }

  deinit {
    activations.deallocate()
    batchActivations.deallocate()
    batchScales.deallocate()
  }

  var trainCount: Int { xTrain.count }
  func initialParameters() -> [Double] { initial }

  /// The sine task: y = sin x + noise·ε, x ~ U[−π, π]; W1 ~ N(0, 1), b1 ~ U[−π, π],
  /// v ~ N(0, 1/H), c = 0 (the research sketch's initialisation).
  static func sine(_ config: RunConfig) -> TanhMLP {
    var data = RandomSource(seed: config.seed, stream: 1)
    func sample(_ n: Int) -> ([Double], [Double]) {
      var xs = [Double]()
      var ys = [Double]()
      for _ in 0..<n {
        let x = data.uniform(-Double.pi, Double.pi)
        xs.append(x)
        ys.append(sin(x) + config.noise * data.normal())
      }
      return (xs, ys)
    }
    let train = sample(config.trainSize)
    let validation = sample(config.validationSize)
    let h = config.hiddenUnits
    var weights = RandomSource(seed: config.seed, stream: 2)
    var p = [Double]()
    p.reserveCapacity(3 * h + 1)
    for _ in 0..<h { p.append(weights.normal()) }
    for _ in 0..<h { p.append(weights.uniform(-Double.pi, Double.pi)) }
    let scale = 1 / Double(h).squareRoot()
    for _ in 0..<h { p.append(weights.normal() * scale) }
    p.append(0)
    return TanhMLP(
      hidden: h, xTrain: train.0, yTrain: train.1, xValidation: validation.0,
      yValidation: validation.1, initial: p)
  }

  /// The output for input `x`; writes the hidden activations to `activations`. Four hidden
  /// units at a time (SIMD), the remainder one by one.
  @inline(__always)
  private func forward(
    _ p: UnsafePointer<Double>, _ x: Double, head: UnsafePointer<Double>,
    into activations: UnsafeMutablePointer<Double>
  ) -> Double {
    let h = hidden
    let vectorEnd = h & ~3
    var sum4 = SIMD4<Double>(repeating: 0)
    var j = 0
    while j < vectorEnd {
      let a = fastTanh4(load4(p + j) * x + load4(p + h + j))
      store4(a, activations + j)
      sum4 += load4(head + j) * a
      j += 4
    }
    var out = head[h] + sum4.sum()
    while j < h {
      let a = fastTanh(p[j] * x + p[h + j])
      activations[j] = a
      out += head[j] * a
      j += 1
    }
    return out
  }

  /// Two passes: the forward pass stores every example's activations; the backward pass then
  /// runs over the batch for four hidden units at a time, keeping their gradient sums in
  /// registers.
  func lossAndGradient(
    _ p: UnsafePointer<Double>, batch: UnsafeBufferPointer<Int>,
    grad g: UnsafeMutablePointer<Double>
  ) -> Double {
    let h = hidden
    let vectorEnd = h & ~3
    let count = batch.count
    reserveBatch(count)
    let n = Double(count)
    let head = p + 2 * h
    var total = 0.0
    var biasGradient = 0.0
    for (row, i) in batch.enumerated() {
      let e = forward(p, xTrain[i], head: head, into: batchActivations + row * h) - yTrain[i]
      total += e * e
      let d = 2 * e / n
      batchScales[row] = d
      biasGradient += d
    }
    var j = 0
    while j < vectorEnd {
      let v = load4(head + j)
      var gw = SIMD4<Double>(repeating: 0)
      var gb = gw
      var gv = gw
      for row in 0..<count {
        let d = batchScales[row]
        let a = load4(batchActivations + row * h + j)
        gv += d * a
        let dz = d * v * (1 - a * a)
        gw += dz * xTrain[batch[row]]
        gb += dz
      }
      store4(gw, g + j)
      store4(gb, g + h + j)
      store4(gv, g + 2 * h + j)
      j += 4
    }
    while j < h {
      let v = head[j]
      var gw = 0.0
      var gb = 0.0
      var gv = 0.0
      for row in 0..<count {
        let d = batchScales[row]
        let a = batchActivations[row * h + j]
        gv += d * a
        let dz = d * v * (1 - a * a)
        gw += dz * xTrain[batch[row]]
        gb += dz
      }
      g[j] = gw
      g[h + j] = gb
      g[2 * h + j] = gv
      j += 1
    }
    g[3 * h] = biasGradient
    return total / n
  }

  /// Grows the per-batch buffers (once, for the largest batch seen).
  private func reserveBatch(_ count: Int) {
    guard count > batchCapacity else { return }
    batchActivations.deallocate()
    batchScales.deallocate()
    batchCapacity = count
    batchActivations = .allocate(capacity: count * hidden)
    batchScales = .allocate(capacity: count)
  }

  func loss(_ p: UnsafePointer<Double>, batch: UnsafeBufferPointer<Int>) -> Double {
    var total = 0.0
    for i in batch {
      let e = forward(p, xTrain[i], head: p + 2 * hidden, into: activations) - yTrain[i]
      total += e * e
    }
    return total / Double(batch.count)
  }

  func validationLoss(_ p: UnsafePointer<Double>) -> Double {
    meanSquaredError(p, xValidation, yValidation, head: p + 2 * hidden)
  }

  func taskALoss(_ p: UnsafePointer<Double>) -> Double? {
    guard let headA else { return nil }
    return headA.withUnsafeBufferPointer {
      meanSquaredError(p, xTaskA, yTaskA, head: $0.baseAddress!)
    }
  }

  private func meanSquaredError(
    _ p: UnsafePointer<Double>, _ xs: [Double], _ ys: [Double], head: UnsafePointer<Double>
  ) -> Double {
    var total = 0.0
    for i in xs.indices {
      let e = forward(p, xs[i], head: head, into: activations) - ys[i]
      total += e * e
    }
    return total / Double(xs.count)
  }
}

@inline(__always)
func load4(_ pointer: UnsafePointer<Double>) -> SIMD4<Double> {
  UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Double>.self)
}

@inline(__always)
func load4(_ pointer: UnsafeMutablePointer<Double>) -> SIMD4<Double> {
  UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Double>.self)
}

@inline(__always)
func store4(_ value: SIMD4<Double>, _ pointer: UnsafeMutablePointer<Double>) {
  UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD4<Double>.self)
}

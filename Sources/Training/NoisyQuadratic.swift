import Schedulers

/// The noisy quadratic model (Zhang et al. 2019): loss ½ Σ hᵢ xᵢ², hᵢ = 1/i, x₀ ~ N(0, I),
/// per-example gradient noise of variance noise²·hᵢ (so hᵢ·noise²/B for a batch of B).
///
/// It is stepped by its exact expected-loss recursion. SGD with momentum, dampening, nesterov
/// and weight decay is linear in (x, buffer, noise), so each coordinate's second moments
/// M = E[(x, buf)(x, buf)ᵀ] evolve exactly as M ← A M Aᵀ + σ² n nᵀ, and the expected loss is
/// ½ Σ hᵢ E[xᵢ²]. Adam is not linear: the model rejects it.
final class NoisyQuadratic {
  let curvatures: [Double]
  let batchSize: Int
  let noiseVariance: Double
  private var xx: [Double]
  private var xv: [Double]
  private var vv: [Double]
  private var hasBuffer: [Bool]
  private var firstStep: [Bool]
  /// Each group's hyper-parameters for the current step, copied once per step (not per
  /// coordinate) into preallocated storage.
  private var settings: [Settings]

  private struct Settings {
    var lr = 0.0, momentum = 0.0, dampening = 0.0, weightDecay = 0.0, nesterov = false
  }
  let groupOfCoordinate: [Int]

  init(_ config: RunConfig, groupRanges: [[Range<Int>]]) {
    let k = config.dimension
    curvatures = (1...k).map { 1 / Double($0) }
    batchSize = config.batchSize
    noiseVariance = config.noise * config.noise
    xx = Array(repeating: 1, count: k)
    xv = Array(repeating: 0, count: k)
    vv = Array(repeating: 0, count: k)
    hasBuffer = Array(repeating: false, count: groupRanges.count)
    firstStep = hasBuffer
    settings = Array(repeating: Settings(), count: groupRanges.count)
    var owner = Array(repeating: -1, count: k)
    for (group, ranges) in groupRanges.enumerated() {
      for range in ranges { for i in range { owner[i] = group } }
    }
    groupOfCoordinate = owner
  }

  static func layout(_ config: RunConfig) -> ParameterLayout {
    ParameterLayout(count: config.dimension, backbone: 0..<0, head: 0..<config.dimension)
  }

  /// The expected loss now.
  var expectedLoss: Double {
    var total = 0.0
    for i in curvatures.indices { total += curvatures[i] * xx[i] }
    return 0.5 * total
  }

  /// One expected SGD step with each coordinate's group hyper-parameters.
  func step(_ state: OptimizerState) {
    for index in hasBuffer.indices {
      let group = state.groups[index]
      settings[index] = Settings(
        lr: group.lr, momentum: group.momentum, dampening: group.dampening,
        weightDecay: group.weightDecay, nesterov: group.nesterov)
      let active = group.momentum != 0
      firstStep[index] = active && !hasBuffer[index]
      if active { hasBuffer[index] = true }
    }
    let batch = Double(batchSize)
    for i in curvatures.indices {
      let owner = groupOfCoordinate[i]
      if owner < 0 { continue }
      let group = settings[owner]
      let h = curvatures[i]
      let sigma2 = noiseVariance * h / batch
      let lr = group.lr
      let mu = group.momentum
      let k = h + group.weightDecay
      // g = k·x + ξ. New buffer b' = μ·b + c·g (c = 1 on the buffer's first step).
      // x' = ax·x + av·b + nx·ξ;  b' = bx·x + bv·b + nb·ξ.
      var ax = 1 - lr * k
      var av = 0.0
      var nx = -lr
      var bx = 0.0
      var bv = 0.0
      var nb = 0.0
      if mu != 0 {
        let c = firstStep[owner] ? 1 : 1 - group.dampening
        let m = firstStep[owner] ? 0 : mu
        bx = c * k
        bv = m
        nb = c
        if group.nesterov {
          // update = g + μ·b'
          ax = 1 - lr * (k + mu * bx)
          av = -lr * mu * bv
          nx = -lr * (1 + mu * nb)
        } else {
          ax = 1 - lr * bx
          av = -lr * bv
          nx = -lr * nb
        }
      }
      let sxx = xx[i]
      let sxv = xv[i]
      let svv = vv[i]
      xx[i] = ax * ax * sxx + 2 * ax * av * sxv + av * av * svv + nx * nx * sigma2
      xv[i] = ax * bx * sxx + (ax * bv + av * bx) * sxv + av * bv * svv + nx * nb * sigma2
      vv[i] = bx * bx * sxx + 2 * bx * bv * sxv + bv * bv * svv + nb * nb * sigma2
    }
    state.stepCalled = true
  }
}

/// The NQM's closed forms.
public enum NoisyQuadraticTheory {
  /// Plain SGD's steady-state expected loss at a constant lr: Σ lr·hᵢ·σ² / (2B(2 − lr·hᵢ)),
  /// for hᵢ = 1/i, i = 1…dimension. Infinite at lr ≥ 2 (= 2/h_max): divergence.
  public static func noiseFloor(lr: Double, batchSize: Int, dimension: Int = 100, noise: Double = 1)
    -> Double
  {
    var total = 0.0
    for i in 1...max(1, dimension) {
      let h = 1 / Double(i)
      if lr * h >= 2 { return .infinity }
      total += lr * h * noise * noise / (2 * Double(batchSize) * (2 - lr * h))
    }
    return total
  }
}

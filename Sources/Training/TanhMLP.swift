#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A 1 → H tanh → 1 network, trained on MSE. Parameters: [W1 (H), b1 (H), v (H), c], kept in
/// double precision (and so the optimizer); the forward and backward passes run in float32,
/// PyTorch's default dtype, eight hidden units per SIMD step (see TanhMLP+Kernels.swift).
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
  let headA: [Double]?
  let xTaskA: [Double]
  let yTaskA: [Double]
  /// `hidden` rounded up to 8: the float kernels run eight units at a time; the padding units
  /// have zero weights, so they add nothing.
  let paddedHidden: Int
  /// Float copies of W1, b1 and the output weights (v, or head A), refreshed per call.
  let w32: UnsafeMutablePointer<Float>
  let b32: UnsafeMutablePointer<Float>
  let v32: UnsafeMutablePointer<Float>
  /// Head A's weights in float (finetune), fixed.
  let headA32: UnsafeMutablePointer<Float>
  /// Per-batch scratch: every example's activations (row-major, padded) and d(loss)/d(output).
  var batchActivations: UnsafeMutablePointer<Float>
  var batchScales: UnsafeMutablePointer<Float>
  var batchCapacity = 0

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
    let padded = (hidden + 7) & ~7
    paddedHidden = padded
    w32 = .allocate(capacity: padded)
    b32 = .allocate(capacity: padded)
    v32 = .allocate(capacity: padded)
    headA32 = .allocate(capacity: padded)
    for pointer in [w32, b32, v32, headA32] { pointer.initialize(repeating: 0, count: padded) }
    if let headA {
      for j in 0..<hidden { headA32[j] = Float(headA[j]) }
    }
    batchActivations = .allocate(capacity: 0)
    batchScales = .allocate(capacity: 0)
  }

  deinit {
    for pointer in [w32, b32, v32, headA32, batchActivations, batchScales] { pointer.deallocate() }
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
}

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
  /// Where each epoch's batch order comes from (`GradientModel.stream`, `batchOrder`).
  let stream: TorchGenerator
  let batchOrder: BatchOrder
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
    yValidation: [Double], initial: [Double], stream: TorchGenerator, batchOrder: BatchOrder,
    headA: [Double]? = nil, taskA: (x: [Double], y: [Double]) = ([], [])
  ) {
    self.stream = stream
    self.batchOrder = batchOrder
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

  /// The sine task, as PyTorch's toy (`ModelDefinition.sine` is the same experiment in PyTorch):
  /// `torch.manual_seed(seed)`, then `nn.Sequential(nn.Linear(1, H), nn.Tanh(), nn.Linear(H, 1))`
  /// with `nn.Linear`'s default initialisation; the data from `torch.Generator().manual_seed(seed)`:
  /// x ~ U(−π, π), y = sin x + noise·N(0, 1), float32, training then validation points; then
  /// each epoch's order, `torch.randperm(n, generator=data)` — as the reference runs in
  /// torch_toy_sine.json were made, seed for seed.
  static func sine(_ config: RunConfig) -> TanhMLP {
    let h = config.hiddenUnits
    var global = TorchGenerator(seed: config.seed)
    var p = [Double]()
    p.reserveCapacity(3 * h + 1)
    // nn.Linear(1, H): weight (H × 1) then bias (H), both U(±1/√1).
    p += nnLinearInit(fanIn: 1, weights: h, biases: h, &global)
    // nn.Linear(H, 1): weight (1 × H) then bias, both U(±1/√H).
    p += nnLinearInit(fanIn: h, weights: h, &global)
    var data = TorchGenerator(seed: config.seed)
    let train = sineData(config.trainSize, noise: config.noise, &data)
    let validation = sineData(config.validationSize, noise: config.noise, &data)
    return TanhMLP(
      hidden: h, xTrain: train.x, yTrain: train.y, xValidation: validation.x,
      yValidation: validation.y, initial: p, stream: data, batchOrder: .randpermOfData)
  }

  /// `n` points as the PyTorch script makes them, in float32:
  /// `x = torch.rand(n, 1, generator=g) * 2 * math.pi - math.pi`,
  /// `y = target(x) + noise * torch.randn(n, 1, generator=g)`.
  static func sineData(
    _ n: Int, noise: Double, target: (Float) -> Float = { Float(sin(Double($0))) },
    _ random: inout TorchGenerator
  ) -> (x: [Double], y: [Double]) {
    let pi = Float(Double.pi)
    let xs = random.rand(n).map { $0 * 2 * pi - pi }
    let eps = random.randn(n)
    let scale = Float(noise)
    let ys = (0..<n).map { i in Double(target(xs[i]) + scale * eps[i]) }
    return (xs.map(Double.init), ys)
  }
}

/// `nn.Linear(fan_in, out)`'s default initialisation, `reset_parameters()`: the weight by
/// `kaiming_uniform_(a=√5)`, which is U(−1/√fan_in, 1/√fan_in), and the bias U(±1/√fan_in).
/// Returns `weights` weight values then `biases` bias values (float32 `uniform_` draws from the
/// global stream, in that order, as the constructor makes them).
func nnLinearInit(fanIn: Int, weights: Int, biases: Int = 1, _ random: inout TorchGenerator)
  -> [Double]
{
  let bound = Float(1 / Double(fanIn).squareRoot())
  return (0..<(weights + biases)).map { _ in Double(random.uniformFloat(-bound, bound)) }
}

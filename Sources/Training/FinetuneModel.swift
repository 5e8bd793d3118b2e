import Schedulers

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The lesson's fine-tuning story in miniature. Pretraining: a 1 → 256 tanh body with head A
/// fitted to task A, y = sin x (512 points, noise 0.05, Adam). Fine-tuning: the body plus a new
/// random head B on task B, y = sin x + 0.5·cos 2x, from only 64 examples. Head A stays frozen
/// and measures how much of task A the body forgets.
public enum FinetuneModel {
  public static let bodyWidth = 256
  /// Points of the task-A grid on which forgetting is measured (clean targets).
  static let taskAGridSize = 64

  static func taskB(_ x: Double) -> Double { sin(x) + 0.5 * cos(2 * x) }

  /// The pretrained body and head A: [W1 (256), b1 (256), vA (256), cA]. Fixed whatever the
  /// run's seed, like a downloaded checkpoint. Shipped as bit patterns (`pretrainedBits`,
  /// made by `pretrain()` in a release build) so start-up costs nothing.
  /// Held in float32, as a PyTorch checkpoint (`torch.tensor(...)`) holds them.
  static let pretrained: [Double] = pretrainedBits.map { Double(Float(Double(bitPattern: $0))) }

  /// Pretraining, deterministic: Adam(3e-3) for 1500 steps then 3e-4 for 500, batch 64,
  /// sampled with replacement. About 0.3 s in a release build; it regenerates `pretrainedBits`.
  public static func pretrain() -> [Double] {
    var config = RunConfig(model: .sine)
    config.seed = 0x5EED
    config.noise = 0.05
    config.trainSize = 512
    config.validationSize = 1
    config.hiddenUnits = bodyWidth
    let model = TanhMLP.sine(config)
    var parameters = model.initialParameters()
    var grad = [Double](repeating: 0, count: parameters.count)
    let state = OptimizerState(kind: .adam, groups: [ParamGroup(lr: 3e-3)])
    let engine = OptimizerEngine(
      kind: .adam, groupRanges: [[0..<parameters.count]], count: parameters.count)
    var order = RandomSource(seed: 0x5EED, stream: 3)
    var batch = [Int](repeating: 0, count: 64)
    for step in 0..<pretrainSteps {
      if step == pretrainSteps * 3 / 4 { state.groups[0].lr = 3e-4 }
      for i in batch.indices { batch[i] = order.index(below: model.trainCount) }
      parameters.withUnsafeMutableBufferPointer { p in
        grad.withUnsafeMutableBufferPointer { g in
          batch.withUnsafeBufferPointer { b in
            _ = model.lossAndGradient(p.baseAddress!, batch: b, grad: g.baseAddress!)
          }
          engine.step(state, parameters: p.baseAddress!, grad: g.baseAddress!)
        }
      }
    }
    return parameters
  }

  static let pretrainSteps = 2000

  /// Task A's loss for the pretrained weights (what forgetting is measured against).
  public static var pretrainedTaskALoss: Double {
    let model = TanhMLP.finetune(RunConfig(model: .finetune))
    var p = model.initialParameters()
    p.replaceSubrange((2 * bodyWidth)..., with: pretrained[(2 * bodyWidth)...])
    return p.withUnsafeBufferPointer { model.taskALoss($0.baseAddress!) ?? .nan }
  }
}

extension TanhMLP {
  /// The fine-tuning model, as the PyTorch module `ModelDefinition.finetune` writes:
  /// `torch.manual_seed(seed)`; a body `nn.Linear(1, 256)` + tanh and head A `nn.Linear(256, 1)`,
  /// both loaded from the shipped checkpoint (their default init is drawn, then overwritten),
  /// and a new head B `nn.Linear(256, 1)` with the default init; task-B data from
  /// `torch.Generator().manual_seed(seed)`, y = sin x + 0.5·cos 2x + noise·ε.
  static func finetune(_ config: RunConfig) -> TanhMLP {
    let h = FinetuneModel.bodyWidth
    let base = FinetuneModel.pretrained
    var global = TorchGenerator(seed: config.seed)
    _ = nnLinearInit(fanIn: 1, weights: h, biases: h, &global)  // body, then overwritten
    _ = nnLinearInit(fanIn: h, weights: h, &global)  // head A, then overwritten
    var p = Array(base[0..<(2 * h)])
    p += nnLinearInit(fanIn: h, weights: h, &global)  // head B
    var data = TorchGenerator(seed: config.seed)
    let taskB: (Float) -> Float = { x in
      Float(sin(Double(x))) + 0.5 * Float(cos(Double(2 * x)))
    }
    let train = sineData(config.trainSize, noise: config.noise, target: taskB, &data)
    let validation = sineData(config.validationSize, noise: config.noise, target: taskB, &data)
    let n = FinetuneModel.taskAGridSize
    // torch.linspace(-math.pi, math.pi, n), targets torch.sin(grid)
    let grid = (0..<n).map {
      Double(Float(-Double.pi + 2 * Double.pi * Double($0) / Double(n - 1)))
    }
    return TanhMLP(
      hidden: h, xTrain: train.x, yTrain: train.y, xValidation: validation.x,
      yValidation: validation.y, initial: p, stream: global, batchOrder: .dataLoader,
      headA: Array(base[(2 * h)...]), taskA: (grid, grid.map { Double(Float(sin($0))) }))
  }
}

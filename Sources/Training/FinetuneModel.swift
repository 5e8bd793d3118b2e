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
  static let pretrained: [Double] = pretrainedBits.map { Double(bitPattern: $0) }

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
  /// The fine-tuning model: pretrained body, new head B ~ N(0, 1/H) (bias 0), task B data.
  static func finetune(_ config: RunConfig) -> TanhMLP {
    let h = FinetuneModel.bodyWidth
    let base = FinetuneModel.pretrained
    var data = RandomSource(seed: config.seed, stream: 1)
    func sample(_ n: Int) -> ([Double], [Double]) {
      var xs = [Double]()
      var ys = [Double]()
      for _ in 0..<n {
        let x = data.uniform(-Double.pi, Double.pi)
        xs.append(x)
        ys.append(FinetuneModel.taskB(x) + config.noise * data.normal())
      }
      return (xs, ys)
    }
    let train = sample(config.trainSize)
    let validation = sample(config.validationSize)
    var weights = RandomSource(seed: config.seed, stream: 2)
    var p = Array(base[0..<(2 * h)])
    let scale = 1 / Double(h).squareRoot()
    for _ in 0..<h { p.append(weights.normal() * scale) }
    p.append(0)
    let n = FinetuneModel.taskAGridSize
    let grid = (0..<n).map { -Double.pi + 2 * Double.pi * Double($0) / Double(n - 1) }
    return TanhMLP(
      hidden: h, xTrain: train.0, yTrain: train.1, xValidation: validation.0,
      yValidation: validation.1, initial: p, stream: TorchGenerator(seed: config.seed),
      headA: Array(base[(2 * h)...]),
      taskA: (grid, grid.map { sin($0) }))
  }
}

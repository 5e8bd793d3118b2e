/// Where a model's parameters live in its flat vector: the param-group names a snippet uses
/// (`backbone`, `head`) map to these ranges; `model` (or any other name) takes all of them.
public struct ParameterLayout: Sendable, Equatable {
  public var count: Int
  public var backbone: Range<Int>
  public var head: Range<Int>
}

/// A model trained by gradients on a fixed dataset. Hot paths take raw pointers into
/// preallocated buffers: no allocation per step.
protocol GradientModel: AnyObject {
  var layout: ParameterLayout { get }
  var trainCount: Int { get }
  func initialParameters() -> [Double]
  /// The generator each epoch's batch order is drawn from, as it stands once the model and its
  /// data are built (see `batchOrder`).
  var stream: TorchGenerator { get }
  var batchOrder: BatchOrder { get }
  /// Mean squared error over the examples in `batch`; overwrites `grad` with its gradient.
  func lossAndGradient(
    _ parameters: UnsafePointer<Double>, batch: UnsafeBufferPointer<Int>,
    grad: UnsafeMutablePointer<Double>
  ) -> Double
  /// Loss on the training examples in `batch`, without the gradient.
  func loss(_ parameters: UnsafePointer<Double>, batch: UnsafeBufferPointer<Int>) -> Double
  func validationLoss(_ parameters: UnsafePointer<Double>) -> Double
  /// Finetune: the frozen head A's loss on task A. Others: nil.
  func taskALoss(_ parameters: UnsafePointer<Double>) -> Double?
}

extension GradientModel {
  func taskALoss(_ parameters: UnsafePointer<Double>) -> Double? { nil }

  /// Array convenience (tests, range test set-up): loss and gradient on `batch`.
  func lossAndGradient(parameters: [Double], batch: [Int]) -> (loss: Double, gradient: [Double]) {
    var grad = [Double](repeating: 0, count: layout.count)
    let loss = parameters.withUnsafeBufferPointer { p in
      batch.withUnsafeBufferPointer { b in
        grad.withUnsafeMutableBufferPointer { g in
          lossAndGradient(p.baseAddress!, batch: b, grad: g.baseAddress!)
        }
      }
    }
    return (loss, grad)
  }

  func loss(parameters: [Double], batch: [Int]) -> Double {
    parameters.withUnsafeBufferPointer { p in
      batch.withUnsafeBufferPointer { b in loss(p.baseAddress!, batch: b) }
    }
  }
}

/// Builds the model a config names (quadratic is not a gradient model: see `NoisyQuadratic`).
func makeGradientModel(_ config: RunConfig) -> (any GradientModel)? {
  switch config.model {
  case .sine: return TanhMLP.sine(config)
  case .linear: return LinearRegressionModel(config)
  case .finetune: return TanhMLP.finetune(config)
  case .quadratic: return nil
  }
}

/// How a model's training loop reshuffles its examples each epoch, as its PyTorch script does.
enum BatchOrder: Sendable {
  /// `torch.randperm(n, generator=data)` on the data generator after the data: how the
  /// reference runs of `torch_toy_sine.json` were made, so `sine` uses it and reproduces them
  /// seed by seed.
  case randpermOfData
  /// `DataLoader(shuffle=True)` on the global stream after the model, the form a learner writes
  /// (`linear`, `finetune`: no reference runs; their lessons were measured with it).
  case dataLoader
}

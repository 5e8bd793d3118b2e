import Schedulers

/// A gradient model with its parameters, gradient buffer and optimizer state.
final class GradientEngine {
  let model: any GradientModel
  let optimizer: OptimizerEngine
  let parameters: UnsafeMutablePointer<Double>
  let grad: UnsafeMutablePointer<Double>

  init(model: any GradientModel, optimizer state: OptimizerState) {
    self.model = model
    let count = model.layout.count
    optimizer = OptimizerEngine(
      kind: state.kind, groupRanges: parameterRanges(for: state.groups, layout: model.layout),
      count: count)
    parameters = .allocate(capacity: count)
    grad = .allocate(capacity: count)
    let initial = model.initialParameters()
    for i in 0..<count { parameters[i] = initial[i] }
    grad.initialize(repeating: 0, count: count)
  }

  deinit {
    parameters.deallocate()
    grad.deallocate()
  }

  func lossAndGradient(_ batch: UnsafeBufferPointer<Int>) -> Double {
    model.lossAndGradient(parameters, batch: batch, grad: grad)
  }

  func step(_ state: OptimizerState) { optimizer.step(state, parameters: parameters, grad: grad) }
  func validationLoss() -> Double { model.validationLoss(parameters) }
  func taskALoss() -> Double? { model.taskALoss(parameters) }
  var parameterValues: [Double] {
    Array(UnsafeBufferPointer(start: parameters, count: model.layout.count))
  }
}

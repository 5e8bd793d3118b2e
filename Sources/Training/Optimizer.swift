import Schedulers

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// SGD, Adam and AdamW over one flat parameter vector, with PyTorch's update rules
/// (`torch.optim._single_tensor_sgd` / `_single_tensor_adam`). Hyper-parameters are read from
/// the shared `OptimizerState` at every step, so a scheduler's writes take effect at once.
/// State buffers are allocated once; a step allocates nothing.
final class OptimizerEngine {
  let kind: OptimizerState.Kind
  /// The parameter index ranges each group owns.
  let groupRanges: [[Range<Int>]]
  let count: Int
  /// SGD: momentum_buffer. Adam: exp_avg.
  private let first: UnsafeMutablePointer<Double>
  /// Adam: exp_avg_sq.
  private let second: UnsafeMutablePointer<Double>
  /// Adam with amsgrad: max_exp_avg_sq.
  private let secondMax: UnsafeMutablePointer<Double>
  /// SGD: whether the group's momentum buffers exist yet (created at the first step with
  /// momentum ≠ 0, as PyTorch does).
  private var hasMomentumBuffer: [Bool]
  /// Adam: the group's `state["step"]`.
  private(set) var adamSteps: [Int]

  init(kind: OptimizerState.Kind, groupRanges: [[Range<Int>]], count: Int) {
    self.kind = kind
    self.groupRanges = groupRanges
    self.count = count
    first = .allocate(capacity: max(1, count))
    second = .allocate(capacity: max(1, count))
    secondMax = .allocate(capacity: max(1, count))
    first.initialize(repeating: 0, count: max(1, count))
    second.initialize(repeating: 0, count: max(1, count))
    secondMax.initialize(repeating: 0, count: max(1, count))
    hasMomentumBuffer = Array(repeating: false, count: groupRanges.count)
    adamSteps = Array(repeating: 0, count: groupRanges.count)
  }

  deinit {
    first.deallocate()
    second.deallocate()
    secondMax.deallocate()
  }

  /// `optimizer.step()`: updates `parameters` from `grad` (which weight decay may modify, as
  /// PyTorch's functional code modifies its local copy).
  func step(
    _ state: OptimizerState, parameters p: UnsafeMutablePointer<Double>,
    grad g: UnsafeMutablePointer<Double>
  ) {
    for index in groupRanges.indices {
      let group = state.groups[index]
      switch kind {
      case .sgd: sgdStep(group, index, p, g)
      case .adam, .adamW: adamStep(group, index, p, g, decoupled: kind == .adamW)
      }
    }
    state.stepCalled = true
  }

  private func sgdStep(
    _ group: ParamGroup, _ index: Int, _ p: UnsafeMutablePointer<Double>,
    _ g: UnsafeMutablePointer<Double>
  ) {
    let lr = group.lr
    let momentum = group.momentum
    let decay = group.weightDecay
    let keep = 1 - group.dampening
    let nesterov = group.nesterov
    let firstStep = momentum != 0 && !hasMomentumBuffer[index]
    if momentum != 0 { hasMomentumBuffer[index] = true }
    let buffer = first
    for range in groupRanges[index] {
      for k in range {
        var d = g[k]
        if decay != 0 { d += decay * p[k] }
        if momentum != 0 {
          buffer[k] = firstStep ? d : buffer[k] * momentum + d * keep
          d = nesterov ? d + buffer[k] * momentum : buffer[k]
        }
        p[k] += -lr * d
      }
    }
  }

  private func adamStep(
    _ group: ParamGroup, _ index: Int, _ p: UnsafeMutablePointer<Double>,
    _ g: UnsafeMutablePointer<Double>, decoupled: Bool
  ) {
    adamSteps[index] += 1
    let step = Double(adamSteps[index])
    let lr = group.lr
    let beta1 = group.beta1
    let beta2 = group.beta2
    let eps = group.eps
    let decay = group.weightDecay
    let amsgrad = group.amsgrad
    let weight = 1 - beta1
    let stepSize = lr / (1 - pow(beta1, step))
    let correction2Sqrt = (1 - pow(beta2, step)).squareRoot()
    let m = first
    let v = second
    let vMax = secondMax
    for range in groupRanges[index] {
      for k in range {
        var grad = g[k]
        if decay != 0 {
          if decoupled { p[k] *= 1 - lr * decay } else { grad += decay * p[k] }
        }
        // Tensor.lerp_, as ATen computes it for weight < 0.5 and otherwise.
        m[k] = weight < 0.5 ? m[k] + weight * (grad - m[k]) : grad - (grad - m[k]) * (1 - weight)
        v[k] = v[k] * beta2 + (1 - beta2) * grad * grad
        var second = v[k]
        if amsgrad {
          vMax[k] = max(vMax[k], v[k])
          second = vMax[k]
        }
        let denom = second.squareRoot() / correction2Sqrt + eps
        p[k] += -stepSize * m[k] / denom
      }
    }
  }
}

/// Maps param groups to parameter ranges by group name: `backbone`/`body` take the body,
/// `head`/`classifier`/`fc` the head; the first group with any other name (`model`, none)
/// takes every parameter no named group claimed. Later unnamed groups get none.
func parameterRanges(for groups: [ParamGroup], layout: ParameterLayout) -> [[Range<Int>]] {
  func role(_ group: ParamGroup) -> String? {
    switch group.name?.lowercased() {
    case "backbone", "body", "encoder", "features": return "backbone"
    case "head", "classifier", "fc": return "head"
    default: return nil
    }
  }
  let roles = groups.map(role)
  let claimedBackbone = roles.contains("backbone")
  let claimedHead = roles.contains("head")
  var rest: [Range<Int>] = []
  if !claimedBackbone && !layout.backbone.isEmpty { rest.append(layout.backbone) }
  if !claimedHead && !layout.head.isEmpty { rest.append(layout.head) }
  var restGiven = false
  return roles.map { role in
    switch role {
    case "backbone": return layout.backbone.isEmpty ? [] : [layout.backbone]
    case "head": return layout.head.isEmpty ? [] : [layout.head]
    default:
      if restGiven { return [] }
      restGiven = true
      return rest
    }
  }
}

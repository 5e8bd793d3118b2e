/// A parameter PyTorch accepts either as one value for every param group or as a list with one
/// value per group (`max_lr=0.1` or `max_lr=[1e-4, 1e-2]`).
public enum PerGroup<T> {
  case same(T)
  case each([T])

  /// PyTorch's `_format_param`: the per-group list, or the ValueError naming `name`.
  func expanded(name: String, groupCount: Int) throws(SchedulerError) -> [T] {
    switch self {
    case .same(let value):
      return Array(repeating: value, count: groupCount)
    case .each(let values):
      guard values.count == groupCount else {
        throw .value(
          "\(name) must have the same length as optimizer.param_groups. "
            + "\(name) has \(values.count) values, param_groups has \(groupCount).")
      }
      return values
    }
  }
}

extension PerGroup: Sendable where T: Sendable {}
extension PerGroup: Equatable where T: Equatable {}

extension PerGroup: ExpressibleByArrayLiteral {
  public init(arrayLiteral elements: T...) { self = .each(elements) }
}

extension PerGroup: ExpressibleByFloatLiteral where T == Double {
  public init(floatLiteral value: Double) { self = .same(value) }
}

extension PerGroup: ExpressibleByIntegerLiteral where T == Double {
  public init(integerLiteral value: Int) { self = .same(Double(value)) }
}

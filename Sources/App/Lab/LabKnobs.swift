import Foundation

/// A knob's current value. Numbers keep their Python spelling kind (int vs float) so the code
/// generated from them reads like hand-written PyTorch.
public enum KnobValue: Sendable, Equatable, CustomStringConvertible {
  case number(Double)
  case integer(Int)
  case choice(String)
  case flag(Bool)
  case integers([Int])

  public var doubleValue: Double? {
    switch self {
    case .number(let v): v
    case .integer(let v): Double(v)
    default: nil
    }
  }

  public var intValue: Int? {
    switch self {
    case .integer(let v): v
    case .number(let v) where v.rounded() == v && abs(v) < 1e15: Int(v)
    default: nil
    }
  }

  /// The Python literal for this value, as the code panel prints it.
  public var python: String {
    switch self {
    case .number(let v): pythonFloat(v)
    case .integer(let v): String(v)
    case .choice(let s): "'\(s)'"
    case .flag(let b): b ? "True" : "False"
    case .integers(let l): "[" + l.map(String.init).joined(separator: ", ") + "]"
    }
  }

  /// The value as the knob panel shows it.
  public var description: String {
    switch self {
    case .choice(let s): s
    case .flag(let b): b ? "on" : "off"
    case .integers(let l): l.map(String.init).joined(separator: ",")
    default: python
    }
  }
}

/// Python's `repr(float)`: shortest round-trip digits, with `.0` on whole numbers. Swift's
/// `Double.description` uses the same digits and the same switch to exponent notation.
public func pythonFloat(_ value: Double) -> String {
  if value.isNaN { return "float('nan')" }
  if value.isInfinite { return value > 0 ? "float('inf')" : "-float('inf')" }
  return value.description
}

/// How a knob moves when nudged left or right.
public enum KnobScale: Sendable, Equatable {
  /// Adds or subtracts `step`, rounded to the step's grid.
  case linear(step: Double)
  /// Moves along 1, 2, 3, 5 × 10ⁿ (a log scale with round numbers); `zero` allows 0 below the
  /// smallest value (eta_min, min_lr).
  case ladder(zero: Bool)
  /// Whole numbers, by `step`.
  case integer(step: Int)
  /// One of a list of names.
  case choices([String])
  case toggle
  /// A list of whole numbers, all shifted together (MultiStepLR's milestones).
  case shiftedList
}

/// One adjustable parameter: its Python keyword, its scale and its bounds.
public struct KnobSpec: Sendable, Equatable {
  /// The keyword as written in Python (`step_size`), or a run option's name (`epochs`).
  public var key: String
  /// What the panel shows, when it differs from `key`.
  public var label: String
  public var scale: KnobScale
  public var minimum: Double
  public var maximum: Double

  public init(
    _ key: String, label: String? = nil, _ scale: KnobScale, min: Double = 0,
    max: Double = .greatestFiniteMagnitude
  ) {
    self.key = key
    self.label = label ?? key
    self.scale = scale
    self.minimum = min
    self.maximum = max
  }

  /// `value` moved one notch in `direction` (+1 or -1), kept inside the bounds.
  public func nudge(_ value: KnobValue, _ direction: Int) -> KnobValue {
    let up = direction > 0
    switch (scale, value) {
    case (.linear(let step), _):
      guard let v = value.doubleValue else { return value }
      let grid = ((v / step).rounded() + (up ? 1 : -1)) * step
      // Round away the binary noise of grid * step (0.15000000000000002 → 0.15).
      let clean = Double(String(format: "%.10g", grid)) ?? grid
      return .number(clamp(clean))
    case (.ladder(let zero), _):
      guard let v = value.doubleValue else { return value }
      let next = up ? ladderAbove(v) : ladderBelow(v, zero: zero)
      return .number(clamp(next))
    case (.integer(let step), _):
      guard let v = value.intValue else { return value }
      return .integer(Int(clamp(Double(v + (up ? step : -step)))))
    case (.choices(let names), .choice(let current)):
      let index = names.firstIndex(of: current) ?? 0
      let next = (index + (up ? 1 : names.count - 1)) % max(names.count, 1)
      return names.isEmpty ? value : .choice(names[next])
    case (.toggle, .flag(let b)):
      return .flag(!b)
    case (.shiftedList, .integers(let list)):
      let delta = up ? 1 : -1
      if !up, let first = list.first, Double(first) + Double(delta) < minimum { return value }
      if up, let last = list.last, Double(last) + Double(delta) > maximum { return value }
      return .integers(list.map { $0 + delta })
    default:
      return value
    }
  }

  private func clamp(_ v: Double) -> Double { Swift.min(Swift.max(v, minimum), maximum) }
}

private let ladderMantissas: [Double] = [1, 2, 3, 5]

/// The smallest ladder value strictly above `v`.
func ladderAbove(_ v: Double) -> Double {
  if v <= 0 { return 1e-6 }
  var exponent = Int(floor(log10(v))) - 1
  while true {
    for m in ladderMantissas {
      let candidate = ladderValue(m, exponent)
      if candidate > v * (1 + 1e-9) { return candidate }
    }
    exponent += 1
  }
}

/// The largest ladder value strictly below `v` (0 below the floor when `zero`).
func ladderBelow(_ v: Double, zero: Bool) -> Double {
  if v <= 1e-6 { return zero ? 0 : v }
  var exponent = Int(floor(log10(v))) + 1
  while true {
    for m in ladderMantissas.reversed() {
      let candidate = ladderValue(m, exponent)
      if candidate < v * (1 - 1e-9) { return candidate }
    }
    exponent -= 1
  }
}

/// m × 10^e spelled exactly as a decimal literal would be (2e-3 is 0.002, not 0.0020000000000000005).
private func ladderValue(_ m: Double, _ e: Int) -> Double {
  Double("\(Int(m))e\(e)") ?? m * pow(10, Double(e))
}

import Foundation

/// Tick positions and labels: 1-2-5 "nice" steps on linear axes, decades (and 2/5 within a decade
/// when the range is narrow) on log axes.
public enum AxisTicks {
  /// The nice step (1, 2 or 5 × 10^k) giving at most `maxCount` ticks over `span`.
  public static func niceStep(span: Double, maxCount: Int) -> Double {
    guard span > 0, span.isFinite else { return 1 }
    let raw = span / Double(max(1, maxCount))
    let magnitude = pow(10, floor(log10(raw)))
    for factor in [1.0, 2.0, 5.0, 10.0] where factor * magnitude >= raw * (1 - 1e-9) {
      return factor * magnitude
    }
    return 10 * magnitude
  }

  /// Ticks at multiples of a nice step inside `range`, at most `maxCount` (≥ 2 where possible).
  public static func linear(_ range: ClosedRange<Double>, maxCount: Int) -> (
    ticks: [Double], step: Double
  ) {
    let span = range.upperBound - range.lowerBound
    guard span > 0, span.isFinite else { return ([range.lowerBound], 1) }
    var count = max(1, maxCount)
    while true {
      let step = niceStep(span: span, maxCount: count)
      let first = (range.lowerBound / step).rounded(.up)
      let last = (range.upperBound / step).rounded(.down)
      let ticks = stride(from: first, through: last, by: 1).map { k -> Double in
        let v = k * step
        return abs(v) < step * 1e-9 ? 0 : v
      }
      if ticks.count <= max(1, maxCount) || count == 1 { return (ticks, step) }
      count -= 1
    }
  }

  /// Log-axis ticks inside `range` (positive): every decade, or every n-th (counted from the top)
  /// when there are too many;
  /// when fewer than two decades fit, 1-2-5 ticks; failing that, linear nice ticks.
  public static func log(_ range: ClosedRange<Double>, maxCount: Int) -> [Double] {
    let lo = range.lowerBound
    let hi = range.upperBound
    guard lo > 0, hi > lo, lo.isFinite, hi.isFinite else { return lo > 0 ? [lo] : [] }
    let kLo = Int(ceil(log10(lo) - 1e-9))
    let kHi = Int(floor(log10(hi) + 1e-9))
    let decades = kHi >= kLo ? Array(kLo...kHi) : []
    if decades.count >= 2 {
      let every = Int(ceil(Double(decades.count) / Double(max(1, maxCount))))
      // Counted down from the top decade, so the largest value (the peak LR) is labelled.
      return decades.filter { (kHi - $0) % max(1, every) == 0 }.map { pow(10, Double($0)) }
    }
    var candidates: [Double] = []
    for k in (kLo - 1)...(kHi + 1) {
      for m in [1.0, 2.0, 5.0] {
        let v = m * pow(10, Double(k))
        if v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { candidates.append(v) }
      }
    }
    if candidates.count >= 2 && candidates.count <= maxCount { return candidates }
    if candidates.count > maxCount {
      let decadesOnly = candidates.filter { isPowerOfTen($0) }
      if decadesOnly.count >= 1 { return decadesOnly }
    }
    return linear(range, maxCount: maxCount).ticks
  }

  /// The largest 1, 2 or 5 × 10^k not above `value` (> 0).
  public static func nice125(atMost value: Double) -> Double {
    let decade = pow(10, floor(log10(value) + 1e-12))
    for m in [5.0, 2.0, 1.0] where m * decade <= value * (1 + 1e-12) { return m * decade }
    return decade / 2
  }

  /// The smallest 1, 2 or 5 × 10^k not below `value` (> 0).
  public static func nice125(atLeast value: Double) -> Double {
    let decade = pow(10, floor(log10(value) - 1e-12))
    for m in [1.0, 2.0, 5.0, 10.0] where m * decade >= value * (1 - 1e-12) { return m * decade }
    return decade * 10
  }

  static func isPowerOfTen(_ v: Double) -> Bool {
    let k = log10(v)
    return abs(k - k.rounded()) < 1e-9
  }

  /// A short label for a linear tick, with as many decimals as `step` needs.
  public static func label(_ value: Double, step: Double) -> String {
    if value == 0 { return "0" }
    let mag = abs(value)
    if step >= 1 && mag < 1e6 && step.rounded() == step { return String(Int(value.rounded())) }
    if mag >= 1e6 || step < 1e-4 { return scientific(value) }
    let decimals = max(0, Int(ceil(-log10(step) - 1e-9)))
    return String(format: "%.\(decimals)f", value)
  }

  /// A short label for a log tick: 0.1 … 1000 written out, other values like "1e-3" or "2e-5".
  public static func logLabel(_ value: Double) -> String {
    let k = Int(floor(log10(value) + 1e-9))
    if (-1...3).contains(k) {
      let decimals = max(0, -k)
      return String(format: "%.\(decimals)f", value)
    }
    return scientific(value)
  }

  /// "1e-3", "2.5e-4", "-3e6": the shortest mantissa of up to 2 significant digits.
  public static func scientific(_ value: Double) -> String {
    guard value != 0, value.isFinite else { return value == 0 ? "0" : "\(value)" }
    var k = Int(floor(log10(abs(value))))
    var mantissa = (value / pow(10, Double(k)) * 10).rounded() / 10
    if abs(mantissa) >= 10 {
      mantissa /= 10
      k += 1
    }
    let m =
      mantissa == mantissa.rounded() ? String(Int(mantissa)) : String(format: "%.1f", mantissa)
    return "\(m)e\(k)"
  }
}

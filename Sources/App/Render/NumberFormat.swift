import Foundation

/// A learning rate in a short, exact-enough form: 0.1, 0.025, 1e-05.
func formatLR(_ value: Double) -> String {
  if value == 0 { return "0" }
  let magnitude = abs(value)
  if magnitude >= 1e-3 && magnitude < 1e4 {
    var s = String(format: "%.6f", value)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
  }
  return String(format: "%.3g", value)
}

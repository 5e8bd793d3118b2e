// Python arithmetic where it differs from Swift's: division by zero raises instead of giving
// inf/NaN (or trapping), and `//` floors.

/// `a / b` on floats: ZeroDivisionError("float division by zero") when b == 0.
@inline(__always)
func pyDivide(_ a: Double, _ b: Double) throws(SchedulerError) -> Double {
  if b == 0 { throw SchedulerError("ZeroDivisionError", "float division by zero") }
  return a / b
}

/// `a / b` on two ints (true division).
@inline(__always)
func pyTrueDivide(_ a: Int, _ b: Int) throws(SchedulerError) -> Double {
  if b == 0 { throw SchedulerError("ZeroDivisionError", "division by zero") }
  return Double(a) / Double(b)
}

/// `a % b` on ints, floor-based.
@inline(__always)
func pyModulo(_ a: Int, _ b: Int) throws(SchedulerError) -> Int {
  if b == 0 { throw SchedulerError("ZeroDivisionError", "integer modulo by zero") }
  if b == -1 { return 0 }
  let r = a % b
  return (r != 0 && (r < 0) != (b < 0)) ? r + b : r
}

/// `a // b` on ints.
@inline(__always)
func pyFloorDivide(_ a: Int, _ b: Int) throws(SchedulerError) -> Int {
  if b == 0 { throw SchedulerError("ZeroDivisionError", "integer division or modulo by zero") }
  if b == -1 { return a == Int.min ? Int.max : -a }
  let q = a / b
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

/// `a % b` on floats with b > 0 (Python's sign convention: the result has b's sign).
@inline(__always)
func pyFloatModulo(_ a: Double, _ b: Double) -> Double {
  let r = a.truncatingRemainder(dividingBy: b)
  return (r != 0 && (r < 0) != (b < 0)) ? r + b : r
}

/// `base ** exponent` on ints, saturating instead of growing without bound.
func pyIntPower(_ base: Int, _ exponent: Int) -> Int {
  var result = 1
  for _ in 0..<max(0, exponent) {
    let (product, overflow) = result.multipliedReportingOverflow(by: base)
    if overflow { return Int.max }
    result = product
  }
  return result
}

/// `bisect.bisect_right(a, x)`, the same probe sequence as CPython, so an unsorted list gives
/// the same index.
func bisectRight(_ a: [Int], _ x: Int) -> Int {
  var lo = 0
  var hi = a.count
  while lo < hi {
    let mid = (lo + hi) / 2
    if x < a[mid] { hi = mid } else { lo = mid + 1 }
  }
  return lo
}

/// Python ints never overflow; this port keeps epochs and step counts within ±2^53 (exact as
/// doubles, and far from Int64 overflow) and says so instead of trapping.
let epochLimit = 1 << 53

func checkEpochRange(_ value: Int, name: String) throws(SchedulerError) {
  if value > epochLimit || value < -epochLimit {
    throw SchedulerError(
      "OverflowError", "\(name)=\(value) is outside the supported range ±2**53")
  }
}

/// `repr(x)` for a float: Swift's shortest round-trip text matches Python's.
func pyRepr(_ x: Double) -> String { x.description }

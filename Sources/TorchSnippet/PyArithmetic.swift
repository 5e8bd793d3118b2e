import BigInt
import Foundation
import Schedulers

/// Python's arithmetic on ints and floats: int stays int where Python keeps it (+ - * // % and
/// `**` with a non-negative exponent), `/` is true division, `//` and `%` floor, and division
/// by zero raises. Ints have no limit, as in Python: 64-bit while they fit, `BigInt` beyond;
/// converting one to a float that cannot hold it is Python's OverflowError.
enum PyArithmetic {
  static func overflow() -> SchedulerError {
    SchedulerError("OverflowError", "int too large to convert to float")
  }

  /// An int value, 64-bit when it fits.
  static func make(_ b: BigInt) -> PyValue {
    if let i = Int(exactly: b) { return .int(i) }
    return .bigInt(b)
  }

  /// An int as a float, or Python's OverflowError.
  static func toDouble(_ b: BigInt) throws(SchedulerError) -> Double {
    let d = Double(b)
    if !d.isFinite { throw overflow() }
    return d
  }

  /// Numbers as Python sees them in arithmetic: bools are ints.
  enum Number {
    case int(Int)
    case float(Double)
    case big(BigInt)

    init?(_ value: PyValue) {
      switch value {
      case .int(let i): self = .int(i)
      case .bigInt(let b): self = .big(b)
      case .bool(let b): self = .int(b ? 1 : 0)
      case .float(let x): self = .float(x)
      default: return nil
      }
    }

    var double: Double {
      switch self {
      case .int(let i): return Double(i)
      case .float(let x): return x
      case .big(let b): return Double(b)
      }
    }

    var bigInt: BigInt? {
      switch self {
      case .int(let i): return BigInt(i)
      case .big(let b): return b
      case .float: return nil
      }
    }
  }

  static func binary(_ op: BinaryOperator, _ a: PyValue, _ b: PyValue) throws(SchedulerError)
    -> PyValue
  {
    guard let x = Number(a), let y = Number(b) else {
      return try sequenceOperation(op, a, b)
    }
    if case .int(let i) = x, case .int(let j) = y {
      if case .bool(let p) = a, case .bool(let q) = b, [.bitOr, .bitAnd, .bitXor].contains(op) {
        return .bool(op == .bitOr ? p || q : op == .bitAnd ? p && q : p != q)
      }
      do { return try integer(op, i, j) } catch let error
        where error.type == "OverflowError" && op != .divide
      {
        return try big(op, BigInt(i), BigInt(j))
      }
    }
    if let i = x.bigInt, let j = y.bigInt { return try big(op, i, j) }
    if [.bitOr, .bitAnd, .bitXor, .leftShift, .rightShift, .matrixMultiply].contains(op) {
      throw .typeError(
        "unsupported operand type(s) for \(op.rawValue): '\(a.typeName)' and '\(b.typeName)'")
    }
    let (u, v) = (try floatValue(x), try floatValue(y))
    return .float(try float(op, u, v))
  }

  static func floatValue(_ n: Number) throws(SchedulerError) -> Double {
    if case .big(let b) = n { return try toDouble(b) }
    return n.double
  }

  /// Python's int arithmetic beyond 64 bits.
  static func big(_ op: BinaryOperator, _ a: BigInt, _ b: BigInt) throws(SchedulerError) -> PyValue
  {
    let limit = 1 << 20  // bits: about 315,000 decimal digits
    switch op {
    case .add: return make(a + b)
    case .subtract: return make(a - b)
    case .multiply:
      guard a.bitWidth + b.bitWidth <= limit else { throw tooBig() }
      return make(a * b)
    case .divide:
      if b == 0 { throw SchedulerError("ZeroDivisionError", "division by zero") }
      let (q, r) = a.quotientAndRemainder(dividingBy: b)
      if r == 0 { return .float(try toDouble(q)) }
      let value = Double(a) / Double(b)
      if !value.isFinite {
        throw SchedulerError("OverflowError", "integer division result too large for a float")
      }
      return .float(value)
    case .floorDivide, .modulo:
      if b == 0 {
        throw SchedulerError(
          "ZeroDivisionError",
          op == .modulo ? "integer modulo by zero" : "integer division or modulo by zero")
      }
      var (q, r) = a.quotientAndRemainder(dividingBy: b)
      if r != 0 && (r.signum() != b.signum()) {
        q -= 1
        r += b
      }
      return make(op == .floorDivide ? q : r)
    case .power:
      if b < 0 { return .float(try float(.power, try toDouble(a), try toDouble(b))) }
      if a == 0 || a == 1 { return make(a) }
      if a == -1 { return make(b % 2 == 0 ? 1 : -1) }
      guard let e = Int(exactly: b), e <= limit, a.bitWidth * e <= limit else { throw tooBig() }
      return make(a.power(e))
    case .bitOr: return make(a | b)
    case .bitAnd: return make(a & b)
    case .bitXor: return make(a ^ b)
    case .leftShift:
      if b < 0 { throw SchedulerError("ValueError", "negative shift count") }
      guard let n = Int(exactly: b), a.bitWidth + n <= limit else { throw tooBig() }
      return make(a << n)
    case .rightShift:
      if b < 0 { throw SchedulerError("ValueError", "negative shift count") }
      guard let n = Int(exactly: b) else { return .int(a < 0 ? -1 : 0) }
      return make(a >> n)
    case .matrixMultiply:
      throw .typeError("unsupported operand type(s) for @: 'int' and 'int'")
    }
  }

  static func tooBig() -> SchedulerError {
    SchedulerError("MemoryError", "int too large (lrlab allows ints of up to about 315,000 digits)")
  }

  static func sequenceOperation(_ op: BinaryOperator, _ a: PyValue, _ b: PyValue)
    throws(SchedulerError) -> PyValue
  {
    switch (op, a, b) {
    case (.add, .string(let s), .string(let t)): return .string(s + t)
    case (.add, .list(let s), .list(let t)): return .list(s + t)
    case (.add, .tuple(let s), .tuple(let t)): return .tuple(s + t)
    case (.multiply, .string(let s), _), (.multiply, _, .string(let s)):
      guard case .int(let n) = Number(a.isString ? b : a) else { break }
      return .string(String(repeating: s, count: max(0, n)))
    case (.multiply, .list(let s), _), (.multiply, _, .list(let s)):
      guard case .int(let n) = Number(a.isList ? b : a) else { break }
      return .list(Array(repeating: s, count: max(0, n)).flatMap { $0 })
    case (.multiply, .tuple(let s), _), (.multiply, _, .tuple(let s)):
      guard case .int(let n) = Number(a.isTuple ? b : a) else { break }
      return .tuple(Array(repeating: s, count: max(0, n)).flatMap { $0 })
    case (.bitOr, .set(let s), .set(let t)): return .set(PyHashing.unique(s + t))
    case (.bitAnd, .set(let s), .set(let t)):
      return .set(s.filter { x in t.contains { PyCompare.equal($0, x) } })
    case (.subtract, .set(let s), .set(let t)):
      return .set(s.filter { x in !t.contains { PyCompare.equal($0, x) } })
    case (.bitOr, .dict(let s), .dict(let t)):
      var builder = DictBuilder(s)
      for (key, value) in t { try builder.set(key, value) }
      return .dict(builder.entries)
    case (.modulo, .string, _):
      return .formatted
    default: break
    }
    let symbol = op == .power ? "** or pow()" : op.rawValue
    throw .typeError(
      "unsupported operand type(s) for \(symbol): '\(a.typeName)' and '\(b.typeName)'")
  }

  static func integer(_ op: BinaryOperator, _ a: Int, _ b: Int) throws(SchedulerError) -> PyValue {
    switch op {
    case .add:
      let (r, o) = a.addingReportingOverflow(b)
      if o { throw overflow() }
      return .int(r)
    case .subtract:
      let (r, o) = a.subtractingReportingOverflow(b)
      if o { throw overflow() }
      return .int(r)
    case .multiply:
      let (r, o) = a.multipliedReportingOverflow(by: b)
      if o { throw overflow() }
      return .int(r)
    case .divide:
      if b == 0 { throw SchedulerError("ZeroDivisionError", "division by zero") }
      return .float(Double(a) / Double(b))
    case .floorDivide:
      if b == 0 { throw SchedulerError("ZeroDivisionError", "integer division or modulo by zero") }
      if a == Int.min && b == -1 { throw overflow() }
      let q = a / b
      return .int((a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q)
    case .modulo:
      if b == 0 { throw SchedulerError("ZeroDivisionError", "integer modulo by zero") }
      if b == -1 { return .int(0) }
      let r = a % b
      return .int((r != 0 && (r < 0) != (b < 0)) ? r + b : r)
    case .bitOr: return .int(a | b)
    case .bitAnd: return .int(a & b)
    case .bitXor: return .int(a ^ b)
    case .leftShift:
      if b < 0 { throw SchedulerError("ValueError", "negative shift count") }
      if a == 0 { return .int(0) }
      guard b < 64, (a << b) >> b == a else { throw overflow() }
      return .int(a << b)
    case .rightShift:
      if b < 0 { throw SchedulerError("ValueError", "negative shift count") }
      return .int(b >= 64 ? (a < 0 ? -1 : 0) : a >> b)
    case .matrixMultiply:
      throw .typeError("unsupported operand type(s) for @: 'int' and 'int'")
    case .power:
      if b < 0 { return .float(try float(.power, Double(a), Double(b))) }
      var result = 1
      var base = a
      var exponent = b
      while exponent > 0 {
        if exponent & 1 == 1 {
          let (r, o) = result.multipliedReportingOverflow(by: base)
          if o { throw overflow() }
          result = r
        }
        exponent >>= 1
        if exponent > 0 {
          let (sq, o) = base.multipliedReportingOverflow(by: base)
          if o { throw overflow() }
          base = sq
        }
      }
      return .int(result)
    }
  }

  static func float(_ op: BinaryOperator, _ a: Double, _ b: Double) throws(SchedulerError)
    -> Double
  {
    switch op {
    case .add: return a + b
    case .subtract: return a - b
    case .multiply: return a * b
    case .divide:
      if b == 0 { throw SchedulerError("ZeroDivisionError", "float division by zero") }
      return a / b
    case .floorDivide:
      if b == 0 { throw SchedulerError("ZeroDivisionError", "float floor division by zero") }
      return floorDivide(a, b)
    case .modulo:
      if b == 0 { throw SchedulerError("ZeroDivisionError", "float modulo by zero") }
      return modulo(a, b)
    case .power:
      return try power(a, b)
    default:
      throw .typeError("unsupported operand type(s) for \(op.rawValue): 'float' and 'float'")
    }
  }

  /// CPython's `float_floor_div`.
  static func floorDivide(_ vx: Double, _ wx: Double) -> Double {
    var mod = fmod(vx, wx)
    var div = (vx - mod) / wx
    if mod != 0 {
      if (wx < 0) != (mod < 0) {
        mod += wx
        div -= 1.0
      }
    }
    if div == 0 { return copysign(0.0, vx / wx) }
    var floordiv = Foundation.floor(div)
    if div - floordiv > 0.5 { floordiv += 1.0 }
    return floordiv
  }

  /// CPython's `float_rem`.
  static func modulo(_ vx: Double, _ wx: Double) -> Double {
    var mod = fmod(vx, wx)
    if mod != 0 {
      if (wx < 0) != (mod < 0) { mod += wx }
    } else {
      mod = copysign(0.0, wx)
    }
    return mod
  }

  /// CPython's `float_pow` for the cases the subset meets.
  static func power(_ iv: Double, _ iw: Double) throws(SchedulerError) -> Double {
    if iw == 0 { return 1.0 }
    if iv == 1.0 { return 1.0 }
    if iv == 0 && iw < 0 {
      throw SchedulerError("ZeroDivisionError", "0.0 cannot be raised to a negative power")
    }
    if iv < 0 && iv.isFinite && iw.isFinite && iw != iw.rounded(.towardZero) {
      throw SchedulerError(
        "ValueError",
        "a negative number to a fractional power gives a complex number, which is outside the supported subset"
      )
    }
    let result = pow(iv, iw)
    if result.isInfinite && iv.isFinite && iw.isFinite {
      throw SchedulerError("OverflowError", "(34, 'Numerical result out of range')")
    }
    return result
  }

  static func unary(_ op: UnaryOperator, _ a: PyValue) throws(SchedulerError) -> PyValue {
    switch op {
    case .minus: return try negate(a)
    case .plus: return try plus(a)
    case .invert:
      if case .big(let b) = Number(a) { return make(-b - 1) }
      guard case .int(let i) = Number(a) else {
        throw .typeError("bad operand type for unary ~: '\(a.typeName)'")
      }
      return .int(~i)
    }
  }

  /// How many items (characters, elements) `a op b` builds, for the memory budget.
  static func resultSize(_ op: BinaryOperator, _ a: PyValue, _ b: PyValue) -> Int {
    func size(_ v: PyValue) -> Int {
      switch v {
      case .string(let s): return s.utf8.count
      case .list(let xs), .tuple(let xs): return xs.count
      default: return 0
      }
    }
    switch op {
    case .add: return size(a) &+ size(b)
    case .multiply:
      if case .int(let n) = Number(b) {
        return size(a).multipliedReportingOverflow(by: max(0, n)).overflow
          ? Int.max : size(a) * max(0, n)
      }
      if case .int(let n) = Number(a) {
        return size(b).multipliedReportingOverflow(by: max(0, n)).overflow
          ? Int.max : size(b) * max(0, n)
      }
      return 0
    default: return 0
    }
  }

  static func negate(_ a: PyValue) throws(SchedulerError) -> PyValue {
    switch Number(a) {
    case .int(let i):
      if i == Int.min { return make(-BigInt(i)) }
      return .int(-i)
    case .big(let b): return make(-b)
    case .float(let x): return .float(-x)
    case nil: throw .typeError("bad operand type for unary -: '\(a.typeName)'")
    }
  }

  static func plus(_ a: PyValue) throws(SchedulerError) -> PyValue {
    switch Number(a) {
    case .int(let i): return .int(i)
    case .big(let b): return .bigInt(b)
    case .float(let x): return .float(x)
    case nil: throw .typeError("bad operand type for unary +: '\(a.typeName)'")
    }
  }
}

extension PyValue {
  var isString: Bool { if case .string = self { true } else { false } }
  var isList: Bool { if case .list = self { true } else { false } }
  var isTuple: Bool { if case .tuple = self { true } else { false } }
}

/// Python ints beyond 64 bits.
enum PyInt {
  /// About CPython's 4300-digit limit for int ↔ str conversion.
  static let maxDigits = 4300
  static let maxPrintableBits = 14_300

  static func tooManyDigits(_ count: Int) -> SchedulerError {
    SchedulerError(
      "ValueError",
      "Exceeds the limit (4300 digits) for integer string conversion: value has \(count) digits")
  }

  /// A literal beyond 64 bits: decimal digits, or `0x` / `0o` / `0b` and digits.
  static func literal(_ text: String) throws(SchedulerError) -> PyValue {
    var digits = Substring(text)
    var radix = 10
    for (prefix, base) in [("0x", 16), ("0o", 8), ("0b", 2)] where digits.hasPrefix(prefix) {
      digits = digits.dropFirst(2)
      radix = base
    }
    if radix == 10 && digits.count > maxDigits { throw tooManyDigits(digits.count) }
    guard digits.count <= 100_000, let value = BigInt(digits, radix: radix) else {
      throw SchedulerError("ValueError", "integer literal too long")
    }
    return PyArithmetic.make(value)
  }
}

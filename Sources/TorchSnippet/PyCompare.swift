import BigInt
import Schedulers

/// Python comparisons: numbers by value across int/float/bool, strings and sequences
/// lexicographically, `is` for None and bools, `in` over lists, tuples, dict keys and strings.
enum PyCompare {
  static func equal(_ a: PyValue, _ b: PyValue) -> Bool {
    if let x = PyArithmetic.Number(a), let y = PyArithmetic.Number(b) {
      if case .int(let i) = x, case .int(let j) = y { return i == j }
      if let i = x.bigInt, let j = y.bigInt { return i == j }
      return x.double == y.double
    }
    switch (a, b) {
    case (.string(let s), .string(let t)): return s == t
    case (.none, .none): return true
    case (.list(let s), .list(let t)), (.tuple(let s), .tuple(let t)):
      return s.count == t.count && zip(s, t).allSatisfy { equal($0, $1) }
    case (.set(let s), .set(let t)):
      return s.count == t.count && s.allSatisfy { x in t.contains { equal($0, x) } }
    case (.range(let a, let b, let c), .range(let x, let y, let z)):
      return rangeCount(a, b, c) == rangeCount(x, y, z)
        && (rangeCount(a, b, c) == 0 || (a == x && (rangeCount(a, b, c) == 1 || c == z)))
    case (.dict(let s), .dict(let t)):
      return s.count == t.count
        && s.allSatisfy { entry in
          t.contains { equal($0.key, entry.key) && equal($0.value, entry.value) }
        }
    default: return identical(a, b)
    }
  }

  static func identical(_ a: PyValue, _ b: PyValue) -> Bool {
    switch (a, b) {
    case (.none, .none): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y && x >= -5 && x <= 256
    case (.function(let x), .function(let y)): return x === y
    case (.parameter(let x), .parameter(let y)): return x === y
    case (.object(let x), .object(let y)): return x === y
    case (.userClass(let x), .userClass(let y)): return x === y
    case (.ellipsis, .ellipsis): return true
    case (.builtin(let x), .builtin(let y)): return x == y
    case (.optimizer(let x), .optimizer(let y)): return x === y
    case (.scheduler(let x), .scheduler(let y)): return x.scheduler === y.scheduler
    case (.module(let x), .module(let y)): return x == y
    case (.network(let x), .network(let y)): return x === y
    default: return false
    }
  }

  /// `a < b`, or the TypeError Python raises for unorderable operands.
  static func less(_ a: PyValue, _ b: PyValue, symbol: String) throws(SchedulerError) -> Bool {
    if let x = PyArithmetic.Number(a), let y = PyArithmetic.Number(b) {
      if case .int(let i) = x, case .int(let j) = y { return i < j }
      if let i = x.bigInt, let j = y.bigInt { return i < j }
      return x.double < y.double
    }
    switch (a, b) {
    case (.string(let s), .string(let t)):
      return s.unicodeScalars.lexicographicallyPrecedes(t.unicodeScalars)
    case (.list(let s), .list(let t)), (.tuple(let s), .tuple(let t)):
      for (x, y) in zip(s, t) where !equal(x, y) { return try less(x, y, symbol: symbol) }
      return s.count < t.count
    default:
      throw .typeError(
        "'\(symbol)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
    }
  }

  static func compare(_ op: CompareOperator, _ a: PyValue, _ b: PyValue) throws(SchedulerError)
    -> Bool
  {
    switch op {
    case .equal: return equal(a, b)
    case .notEqual: return !equal(a, b)
    case .less: return try less(a, b, symbol: "<")
    case .greater: return try less(b, a, symbol: ">")
    case .lessEqual:
      if isNaNPair(a, b) { return false }
      return try !less(b, a, symbol: "<=")
    case .greaterEqual:
      if isNaNPair(a, b) { return false }
      return try !less(a, b, symbol: ">=")
    case .isSame: return identical(a, b)
    case .isNot: return !identical(a, b)
    case .contains: return try contains(b, a)
    case .notContains: return try !contains(b, a)
    }
  }

  /// `<=` / `>=` with a NaN operand are false, unlike `!(b < a)`.
  static func isNaNPair(_ a: PyValue, _ b: PyValue) -> Bool {
    (a.number?.isNaN ?? false) || (b.number?.isNaN ?? false)
  }

  static func contains(_ container: PyValue, _ item: PyValue) throws(SchedulerError) -> Bool {
    switch container {
    case .list(let items), .tuple(let items), .set(let items):
      return items.contains { equal($0, item) }
    case .range(let start, let stop, let step):
      guard case .int(let i) = PyArithmetic.Number(item) else { return false }
      return step > 0
        ? i >= start && i < stop && (i - start) % step == 0
        : i <= start && i > stop && (start - i) % (-step) == 0
    case .dict(let entries): return entries.contains { equal($0.key, item) }
    case .string(let s):
      guard case .string(let t) = item else {
        throw .typeError("'in <string>' requires string as left operand, not \(item.typeName)")
      }
      return t.isEmpty || s.contains(t)
    default:
      throw .typeError("argument of type '\(container.typeName)' is not iterable")
    }
  }
}

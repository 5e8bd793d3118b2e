import BigInt
import Foundation
import Schedulers

/// The builtins and `math` functions the subset evaluates.
enum Builtins {
  static let globalFunctions: Set<String> = [
    "min", "max", "abs", "float", "int", "len", "round", "pow", "bool",
  ]
  static let mathFunctions: Set<String> = [
    "cos", "sin", "tan", "exp", "log", "log2", "log10", "sqrt", "floor", "ceil", "fabs", "pow",
  ]
  static let mathConstants: [String: Double] = [
    "pi": Double.pi, "e": M_E, "tau": 2 * Double.pi, "inf": Double.infinity, "nan": Double.nan,
  ]
  /// Builtins evaluated by `ExpressionEvaluator.callBuiltin` (they take functions or iterate).
  static let iterating: Set<String> = [
    "range", "sum", "list", "tuple", "set", "dict", "sorted", "reversed", "zip", "enumerate",
    "map", "filter", "any", "all", "isinstance", "str", "repr", "print", "type", "hasattr",
    "getattr", "callable", "iter", "next", "frozenset", "super", "id", "hash", "divmod",
    "setattr", "vars", "dir",
  ]
  /// Builtins that reach outside the snippet: never run; their result is opaque.
  static let neverRun: Set<String> = [
    "open", "exec", "eval", "compile", "__import__", "input", "globals", "locals", "breakpoint",
    "exit", "quit", "help", "memoryview", "bytearray", "bytes", "object", "property",
    "staticmethod", "classmethod", "format", "chr", "ord", "bin", "hex", "oct", "ascii",
    "complex", "slice", "issubclass", "delattr", "aiter", "anext",
  ]
  static let exceptionNames: Set<String> = [
    "Exception", "ValueError", "TypeError", "KeyError", "IndexError", "RuntimeError",
    "NotImplementedError", "AttributeError", "ImportError", "ModuleNotFoundError",
    "ZeroDivisionError", "OverflowError", "AssertionError", "StopIteration", "FileNotFoundError",
    "OSError", "KeyboardInterrupt", "NameError", "RecursionError", "MemoryError",
    "ArithmeticError", "LookupError", "BaseException", "UserWarning", "Warning",
    "DeprecationWarning",
  ]

  static var allNames: [String] {
    Array(globalFunctions) + Array(iterating) + Array(neverRun) + Array(exceptionNames)
      + ["True", "False", "None"]
  }

  /// A builtin's value by name, if Python has one.
  static func lookup(_ name: String) -> PyValue? {
    if globalFunctions.contains(name) || iterating.contains(name) || neverRun.contains(name)
      || exceptionNames.contains(name)
    {
      return .builtin(name)
    }
    return nil
  }

  static func call(_ name: String, _ args: [PyValue], keywords: [String]) throws(SchedulerError)
    -> PyValue
  {
    if let keyword = keywords.first {
      throw .typeError("\(name)() got an unexpected keyword argument '\(keyword)'")
    }
    if name.hasPrefix("math.") { return try math(String(name.dropFirst(5)), args) }
    switch name {
    case "min", "max":
      var items = args
      if args.count == 1 {
        switch args[0] {
        case .list(let xs), .tuple(let xs): items = xs
        default: throw .typeError("'\(args[0].typeName)' object is not iterable")
        }
      }
      guard var best = items.first else {
        if args.isEmpty { throw .typeError("\(name) expected at least 1 argument, got 0") }
        throw .value("\(name)() iterable argument is empty")
      }
      for item in items.dropFirst() {
        let better =
          name == "min"
          ? try PyCompare.less(item, best, symbol: "<")
          : try PyCompare.less(best, item, symbol: ">")
        if better { best = item }
      }
      return best
    case "abs":
      let x = try one(name, args)
      switch PyArithmetic.Number(x) {
      case .int(let i):
        if i == Int.min { return PyArithmetic.make(-BigInt(i)) }
        return .int(Swift.abs(i))
      case .big(let b): return PyArithmetic.make(b < 0 ? -b : b)
      case .float(let v): return .float(Swift.abs(v))
      case nil: throw .typeError("bad operand type for abs(): '\(x.typeName)'")
      }
    case "float":
      if args.isEmpty { return .float(0) }
      let x = try one(name, args)
      if case .bigInt(let b) = x { return .float(try PyArithmetic.toDouble(b)) }
      if let number = x.number { return .float(number) }
      if case .string(let s) = x {
        let text = s.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences("_", "")
        let special: [String: Double] = [
          "inf": .infinity, "+inf": .infinity, "-inf": -.infinity, "infinity": .infinity,
          "nan": .nan,
        ]
        if let value = special[text] ?? Double(text), !text.isEmpty { return .float(value) }
        throw .value("could not convert string to float: \(x.repr)")
      }
      throw .typeError("float() argument must be a string or a real number, not '\(x.typeName)'")
    case "int":
      if args.isEmpty { return .int(0) }
      let x = try one(name, args)
      switch x {
      case .int(let i): return .int(i)
      case .bigInt(let b): return .bigInt(b)
      case .bool(let b): return .int(b ? 1 : 0)
      case .float(let v): return try integer(v.rounded(.towardZero))
      case .string(let s):
        let text = s.trimmingCharacters(in: .whitespaces).replacingOccurrences("_", "")
        guard text.count <= 4300, let value = BigInt(text, radix: 10) else {
          throw .value("invalid literal for int() with base 10: \(x.repr)")
        }
        return PyArithmetic.make(value)
      default:
        throw .typeError(
          "int() argument must be a string, a bytes-like object or a real number, not '\(x.typeName)'"
        )
      }
    case "bool":
      return .bool(args.first?.isTruthy ?? false)
    case "len":
      let x = try one(name, args)
      switch x {
      case .list(let items), .tuple(let items): return .int(items.count)
      case .dict(let entries): return .int(entries.count)
      case .string(let s): return .int(s.unicodeScalars.count)
      case .loader(_, let length): return .int(length)
      default: throw .typeError("object of type '\(x.typeName)' has no len()")
      }
    case "round":
      guard args.count == 1 || args.count == 2 else {
        throw .typeError("round() takes at most 2 arguments (\(args.count) given)")
      }
      return try round(args[0], digits: args.count == 2 ? args[1] : nil)
    case "pow":
      guard args.count == 2 else {
        throw .typeError("pow expected 2 arguments, got \(args.count)")
      }
      return try PyArithmetic.binary(.power, args[0], args[1])
    default:
      throw .init("NameError", "name '\(name)' is not defined")
    }
  }

  static func one(_ name: String, _ args: [PyValue]) throws(SchedulerError) -> PyValue {
    guard args.count == 1 else {
      throw .typeError("\(name)() takes exactly one argument (\(args.count) given)")
    }
    return args[0]
  }

  /// A float that is already integral, as a Python int (any size).
  static func integer(_ v: Double) throws(SchedulerError) -> PyValue {
    if v.isNaN { throw .value("cannot convert float NaN to integer") }
    if v.isInfinite { throw .init("OverflowError", "cannot convert float infinity to integer") }
    if let i = Int(exactly: v) { return .int(i) }
    guard let b = BigInt(exactly: v) else { throw .value("cannot convert float to integer") }
    return .bigInt(b)
  }

  /// `round(x)` (half to even, an int) and `round(x, n)` (scaled, half to even).
  static func round(_ x: PyValue, digits: PyValue?) throws(SchedulerError) -> PyValue {
    guard let number = PyArithmetic.Number(x) else {
      throw .typeError("type \(x.typeName) doesn't define __round__ method")
    }
    if let digits, digits.number != nil || !isNone(digits) {
      guard case .int(let n) = PyArithmetic.Number(digits) else {
        throw .typeError("'\(digits.typeName)' object cannot be interpreted as an integer")
      }
      switch number {
      case .int(let i): return .int(i)
      case .big(let b): return .bigInt(b)
      case .float(let v):
        let scale = Foundation.pow(10.0, Double(n))
        guard scale.isFinite && scale > 0 else { return .float(v) }
        return .float((v * scale).rounded(.toNearestOrEven) / scale)
      }
    }
    switch number {
    case .int(let i): return .int(i)
    case .big(let b): return .bigInt(b)
    case .float(let v): return try integer(v.rounded(.toNearestOrEven))
    }
  }

  static func isNone(_ value: PyValue) -> Bool {
    if case .none = value { return true }
    return false
  }

  static func math(_ name: String, _ args: [PyValue]) throws(SchedulerError) -> PyValue {
    var values: [Double] = []
    for arg in args {
      if case .bigInt(let b) = arg { _ = try PyArithmetic.toDouble(b) }
      guard let v = arg.number else {
        throw .typeError("must be real number, not \(arg.typeName)")
      }
      values.append(v)
    }
    let expected = name == "pow" ? 2 : name == "log" ? (values.count == 2 ? 2 : 1) : 1
    guard values.count == expected else {
      throw .typeError(
        "math.\(name)() takes \(expected == 1 ? "exactly one argument" : "2 arguments") (\(values.count) given)"
      )
    }
    let x = values[0]
    let domain = SchedulerError("ValueError", "math domain error")
    switch name {
    case "cos", "sin", "tan":
      if x.isInfinite { throw domain }
      return .float(
        name == "cos" ? Foundation.cos(x) : name == "sin" ? Foundation.sin(x) : Foundation.tan(x))
    case "exp":
      let r = Foundation.exp(x)
      if r.isInfinite && x.isFinite { throw .init("OverflowError", "math range error") }
      return .float(r)
    case "log", "log2", "log10":
      if x <= 0 { throw domain }
      if values.count == 2 {
        if values[1] <= 0 { throw domain }
        let denominator = Foundation.log(values[1])
        if denominator == 0 { throw .init("ZeroDivisionError", "float division by zero") }
        return .float(Foundation.log(x) / denominator)
      }
      return .float(
        name == "log"
          ? Foundation.log(x) : name == "log2" ? Foundation.log2(x) : Foundation.log10(x))
    case "sqrt":
      if x < 0 { throw domain }
      return .float(x.squareRoot())
    case "floor", "ceil":
      if case .int(let i) = PyArithmetic.Number(args[0]) { return .int(i) }
      if case .bigInt(let b) = args[0] { return .bigInt(b) }
      return try integer(name == "floor" ? Foundation.floor(x) : Foundation.ceil(x))
    case "fabs":
      return .float(Swift.abs(x))
    case "pow":
      if x < 0 && values[1] != values[1].rounded(.towardZero) { throw domain }
      if x == 0 && values[1] < 0 { throw domain }
      let r = Foundation.pow(x, values[1])
      if r.isInfinite && x.isFinite && values[1].isFinite {
        throw .init("OverflowError", "math range error")
      }
      return .float(r)
    default:
      throw .init("AttributeError", "module 'math' has no attribute '\(name)'")
    }
  }
}

/// Python's `repr` of the subset's values, as PyTorch's error messages print them.
extension PyValue {
  var repr: String {
    switch self {
    case .int(let i): return String(i)
    case .bigInt(let b):
      // CPython refuses to print ints of more than 4300 digits; lrlab abbreviates them.
      return b.bitWidth > PyInt.maxPrintableBits
        ? "<int of about \(Int(Double(b.bitWidth) * 0.30103)) digits>" : b.description
    case .float(let x): return pyFloatRepr(x)
    case .bool(let b): return b ? "True" : "False"
    case .string(let s): return pyStringRepr(s)
    case .formatted: return "'…'"
    case .none: return "None"
    case .list(let items): return "[" + items.map(\.repr).joined(separator: ", ") + "]"
    case .tuple(let items):
      return items.count == 1
        ? "(\(items[0].repr),)" : "(" + items.map(\.repr).joined(separator: ", ") + ")"
    case .dict(let entries):
      return "{" + entries.map { "\($0.key.repr): \($0.value.repr)" }.joined(separator: ", ")
        + "}"
    case .function(let function): return "<function \(function.name)>"
    case .partial(let partial): return "functools.partial(\(partial.function.repr), …)"
    case .ellipsis: return "Ellipsis"
    case .set(let items):
      return items.isEmpty ? "set()" : "{" + items.map(\.repr).joined(separator: ", ") + "}"
    case .range(let a, let b, let c):
      return c == 1 ? "range(\(a), \(b))" : "range(\(a), \(b), \(c))"
    case .slice(let a, let b, let c):
      return
        "slice(\(a.map(String.init) ?? "None"), \(b.map(String.init) ?? "None"), \(c.map(String.init) ?? "None"))"
    case .userClass(let cls): return "<class '__main__.\(cls.name)'>"
    case .object(let object): return "<__main__.\(object.className) object>"
    case .parameter: return "Parameter containing: tensor(…)"
    case .opaque(let o): return o.description
    case .builtin(let name): return "<built-in function \(name)>"
    case .module(let name): return "<module '\(name)'>"
    case .schedulerClass(let name): return "<class 'torch.optim.lr_scheduler.\(name)'>"
    case .optimizerClass(let kind): return "<class 'torch.optim.\(kind.rawValue)'>"
    case .network(let network): return network.name
    case .parameters(let network, let named):
      return
        "<generator object Module.\(named ? "named_parameters" : "parameters") of \(network.name)>"
    case .method(_, let name): return "<bound method \(name)>"
    case .optimizer(let optimizer): return "\(optimizer.kind.rawValue) (…)"
    case .scheduler(let object): return "<torch.optim.lr_scheduler.\(object.className) object>"
    case .loader(let name, _): return "<DataLoader \(name)>"
    }
  }
}

/// `repr(float)`: the shortest round-tripping digits (as Swift's `description`), laid out as
/// Python does: fixed notation for exponents -4 ..< 16, else `1e-05` / `1.5e+16`.
func pyFloatRepr(_ x: Double) -> String {
  if x.isNaN { return "nan" }
  if x.isInfinite { return x < 0 ? "-inf" : "inf" }
  if x == 0 { return x.sign == .minus ? "-0.0" : "0.0" }
  var text = abs(x).description
  var exponent = 0
  if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
    exponent = Int(text[text.index(after: e)...].filter { $0 != "+" }) ?? 0
    text = String(text[..<e])
  }
  let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
  let integerPart = String(parts[0])
  let fraction = parts.count > 1 ? String(parts[1]) : ""
  var digits = Array(integerPart + fraction)
  var point = integerPart.count + exponent
  while digits.count > 1 && digits[0] == "0" {
    digits.removeFirst()
    point -= 1
  }
  while digits.count > 1 && digits[digits.count - 1] == "0" { digits.removeLast() }
  let sign = x < 0 ? "-" : ""
  let decimalExponent = point - 1
  if decimalExponent < -4 || decimalExponent >= 16 {
    let mantissa = digits.count > 1 ? "\(digits[0]).\(String(digits[1...]))" : "\(digits[0])"
    let expSign = decimalExponent < 0 ? "-" : "+"
    let magnitude = abs(decimalExponent)
    return "\(sign)\(mantissa)e\(expSign)\(magnitude < 10 ? "0" : "")\(magnitude)"
  }
  if point <= 0 {
    return sign + "0." + String(repeating: "0", count: -point) + String(digits)
  }
  if point >= digits.count {
    return sign + String(digits) + String(repeating: "0", count: point - digits.count) + ".0"
  }
  return sign + String(digits[..<point]) + "." + String(digits[point...])
}

/// `repr(str)`: single quotes unless the text has one and no double quote.
func pyStringRepr(_ s: String) -> String {
  let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
  var out = String(quote)
  for scalar in s.unicodeScalars {
    switch scalar {
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    case _ where Character(scalar) == quote: out += "\\\(quote)"
    case _ where scalar.value < 0x20 || scalar.value == 0x7F:
      let hex = String(scalar.value, radix: 16)
      out += "\\x" + (hex.count < 2 ? "0" : "") + hex
    default: out.unicodeScalars.append(scalar)
    }
  }
  out.append(quote)
  return out
}

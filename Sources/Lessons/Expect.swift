import Foundation
import Markdown

/// One `expect` line, parsed: a claim about a lab's runs that `lrlab lessons test` checks.
///
/// Grammar (see Lessons/README.md):
///
///     expect  := claim [ "on" INT "/" INT "seeds" ]
///     claim   := ["not"] BOOLEAN [":" ("true" | "false")]
///              | expr CMP expr [CMP expr]            (a range: both CMP point the same way)
///     expr    := term { ("+" | "-") term }
///     term    := factor { ("*" | "/") factor }
///     factor  := NUMBER | ["-"] ref | "(" expr ")"
///     ref     := ["lab:" LAB-ID "."] QUANTITY ["(" NUMBER {"," NUMBER} ")"]
///     CMP     := "<" | "<=" | ">" | ">=" | "==" | "!="
public struct Expectation: Sendable, Equatable {
  public indirect enum Expr: Sendable, Equatable {
    case number(Double)
    /// A quantity of this lab (lab nil) or of another lab of the same lesson (its short id).
    case quantity(name: String, arguments: [Double], lab: String?)
    case times(Expr, Expr)
    case divided(Expr, Expr)
    case plus(Expr, Expr)
    case minus(Expr, Expr)
    case negated(Expr)
  }
  public enum Comparison: String, Sendable, Equatable {
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case equal = "=="
    case notEqual = "!="

    func holds(_ a: Double, _ b: Double) -> Bool {
      switch self {
      case .less: a < b
      case .lessOrEqual: a <= b
      case .greater: a > b
      case .greaterOrEqual: a >= b
      case .equal: abs(a - b) <= 1e-12 * max(abs(a), abs(b)) || a == b
      case .notEqual: !(abs(a - b) <= 1e-12 * max(abs(a), abs(b)) || a == b)
      }
    }
  }

  /// The text as written.
  public var text: String
  public var position: SourcePosition
  /// `first op[0] operands[0] op[1] operands[1]`.
  public var first: Expr
  public var comparisons: [(Comparison, Expr)] {
    get { zip(operators, operands).map { ($0, $1) } }
    set {
      operators = newValue.map(\.0)
      operands = newValue.map(\.1)
    }
  }
  var operators: [Comparison]
  var operands: [Expr]
  /// `on K/N seeds`: N seeds run, K must hold (nil: every seed of `--seeds`).
  public var requiredSeeds: Int?
  public var seedCount: Int?

  public static func == (a: Expectation, b: Expectation) -> Bool {
    a.text == b.text && a.position == b.position && a.first == b.first
      && a.operators == b.operators && a.operands == b.operands
      && a.requiredSeeds == b.requiredSeeds && a.seedCount == b.seedCount
  }

  /// Every quantity it names, in order: (name, arguments, lab).
  public var references: [(name: String, arguments: [Double], lab: String?)] {
    var out: [(String, [Double], String?)] = []
    func walk(_ e: Expr) {
      switch e {
      case .number: break
      case .quantity(let n, let a, let l): out.append((n, a, l))
      case .times(let x, let y), .divided(let x, let y), .plus(let x, let y), .minus(let x, let y):
        walk(x)
        walk(y)
      case .negated(let x): walk(x)
      }
    }
    walk(first)
    operands.forEach(walk)
    return out.map { (name: $0.0, arguments: $0.1, lab: $0.2) }
  }

  /// The labs (short ids) it compares with.
  public var referencedLabs: [String] {
    var seen: [String] = []
    for r in references { if let l = r.lab, !seen.contains(l) { seen.append(l) } }
    return seen
  }

  /// A parse or vocabulary problem, with its column offset within the text (0-based).
  public struct Problem: Error, Sendable, Equatable {
    public var message: String
    public var offset: Int
  }

  /// Reads an expect's text; `position` is where the text starts in the file.
  public static func parse(_ text: String, at position: SourcePosition) -> Result<
    Expectation, Problem
  > {
    var parser = ExpectParser(text)
    do throws(Problem) {
      let (first, comparisons, required, count) = try parser.expectation()
      return .success(
        Expectation(
          text: text, position: position, first: first, operators: comparisons.map(\.0),
          operands: comparisons.map(\.1), requiredSeeds: required, seedCount: count))
    } catch {
      return .failure(error)
    }
  }

  /// The value of an expression; `value` resolves a quantity (nil: no value on this run).
  public static func evaluate(
    _ e: Expr, _ value: (String, [Double], String?) -> Double?
  ) -> Double? {
    switch e {
    case .number(let n): return n
    case .quantity(let n, let a, let l): return value(n, a, l)
    case .times(let x, let y):
      guard let a = evaluate(x, value), let b = evaluate(y, value) else { return nil }
      return a * b
    case .divided(let x, let y):
      guard let a = evaluate(x, value), let b = evaluate(y, value) else { return nil }
      return a / b
    case .plus(let x, let y):
      guard let a = evaluate(x, value), let b = evaluate(y, value) else { return nil }
      return a + b
    case .minus(let x, let y):
      guard let a = evaluate(x, value), let b = evaluate(y, value) else { return nil }
      return a - b
    case .negated(let x): return evaluate(x, value).map { -$0 }
    }
  }

  /// Whether the claim holds on one run; nil values (no such quantity on this run) fail it.
  public func holds(_ value: (String, [Double], String?) -> Double?) -> Bool {
    guard var left = Self.evaluate(first, value), !left.isNaN else { return false }
    for (op, e) in comparisons {
      guard let right = Self.evaluate(e, value), !right.isNaN, op.holds(left, right) else {
        return false
      }
      left = right
    }
    return true
  }

  /// The quantity a failure names first, and how to show it: `final_lr` for a plain
  /// quantity, the expression's text otherwise.
  public static func describe(_ e: Expr) -> String {
    switch e {
    case .number(let n): return format(n)
    case .quantity(let n, let a, let l):
      let args = a.isEmpty ? "" : "(" + a.map(format).joined(separator: ", ") + ")"
      return (l.map { "lab:\($0)." } ?? "") + n + args
    case .times(let x, let y): return "\(describe(x)) * \(describe(y))"
    case .divided(let x, let y): return "\(describe(x)) / \(describe(y))"
    case .plus(let x, let y): return "\(describe(x)) + \(describe(y))"
    case .minus(let x, let y): return "\(describe(x)) - \(describe(y))"
    case .negated(let x): return "-\(describe(x))"
    }
  }

  /// Numbers as a failure line shows them: 5 significant digits, integers plainly.
  public static func format(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    var s = String(format: "%.5g", value)
    if s.contains("e") {
      // 1.2e-05 → 1.2e-5
      s = s.replacingOccurrences(of: "e-0", with: "e-").replacingOccurrences(of: "e+0", with: "e")
        .replacingOccurrences(of: "e+", with: "e")
    }
    return s
  }
}

/// Recursive descent over the expect text; offsets are in unicode scalars.
struct ExpectParser {
  enum Token: Equatable {
    case number(Double)
    case word(String)
    case labRef(String)
    case symbol(String)
    case end
  }
  let scalars: [Unicode.Scalar]
  var tokens: [(Token, Int)] = []
  var index = 0

  init(_ text: String) { scalars = Array(text.unicodeScalars) }

  typealias Problem = Expectation.Problem

  mutating func tokenize() throws(Problem) {
    var i = 0
    func isWord(_ c: Unicode.Scalar) -> Bool {
      ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_"
    }
    while i < scalars.count {
      let c = scalars[i]
      if c == " " || c == "\t" {
        i += 1
        continue
      }
      let start = i
      if ("0"..."9").contains(c)
        || (c == "." && i + 1 < scalars.count && ("0"..."9").contains(scalars[i + 1]))
      {
        var s = ""
        while i < scalars.count,
          ("0"..."9").contains(scalars[i]) || scalars[i] == "." || scalars[i] == "_"
        {
          if scalars[i] != "_" { s.unicodeScalars.append(scalars[i]) }
          i += 1
        }
        if i < scalars.count, scalars[i] == "e" || scalars[i] == "E" {
          var j = i + 1
          if j < scalars.count, scalars[j] == "-" || scalars[j] == "+" { j += 1 }
          if j < scalars.count, ("0"..."9").contains(scalars[j]) {
            s += "e"
            s.unicodeScalars.append(contentsOf: scalars[(i + 1)..<j])
            i = j
            while i < scalars.count, ("0"..."9").contains(scalars[i]) {
              s.unicodeScalars.append(scalars[i])
              i += 1
            }
          }
        }
        var value = Double(s)
        if i < scalars.count, scalars[i] == "%" {
          value = value.map { $0 / 100 }
          i += 1
        }
        guard let value else { throw Problem(message: "bad number '\(s)'", offset: start) }
        if i < scalars.count, isWord(scalars[i]) {
          throw Problem(message: "a number cannot run into a name here", offset: i)
        }
        tokens.append((.number(value), start))
        continue
      }
      if isWord(c) {
        var s = ""
        while i < scalars.count, isWord(scalars[i]) {
          s.unicodeScalars.append(scalars[i])
          i += 1
        }
        if s == "lab", i < scalars.count, scalars[i] == ":" {
          i += 1
          var id = ""
          while i < scalars.count,
            ("a"..."z").contains(scalars[i]) || ("0"..."9").contains(scalars[i])
              || scalars[i] == "-"
          {
            id.unicodeScalars.append(scalars[i])
            i += 1
          }
          guard !id.isEmpty else {
            throw Problem(message: "'lab:' needs a lab id, as in lab:cosine.final_lr", offset: i)
          }
          guard i < scalars.count, scalars[i] == "." else {
            throw Problem(
              message: "'lab:\(id)' needs a quantity after a dot, as in lab:\(id).final_lr",
              offset: i)
          }
          i += 1
          tokens.append((.labRef(id), start))
          continue
        }
        tokens.append((.word(s), start))
        continue
      }
      let two = i + 1 < scalars.count ? String(String.UnicodeScalarView([c, scalars[i + 1]])) : ""
      if ["<=", ">=", "==", "!="].contains(two) {
        tokens.append((.symbol(two), start))
        i += 2
        continue
      }
      if "<>*/(),:-+".unicodeScalars.contains(c) {
        tokens.append((.symbol(String(c)), start))
        i += 1
        continue
      }
      if c == "=" {
        throw Problem(message: "use '==' to compare (or <, <=, >, >=, !=)", offset: start)
      }
      throw Problem(message: "unexpected character '\(c)'", offset: start)
    }
    tokens.append((.end, scalars.count))
  }

  var peek: Token { tokens[index].0 }
  var offset: Int { tokens[index].1 }
  mutating func next() -> Token {
    let t = tokens[index].0
    if index < tokens.count - 1 { index += 1 }
    return t
  }

  mutating func expectation() throws(Problem) -> (
    Expectation.Expr, [(Expectation.Comparison, Expectation.Expr)], Int?, Int?
  ) {
    try tokenize()
    guard peek != .end else { throw Problem(message: "empty expectation", offset: 0) }
    var first: Expectation.Expr
    var comparisons: [(Expectation.Comparison, Expectation.Expr)] = []
    // `not diverges`, `diverges`, `diverges: true`
    if case .word(let w) = peek, w == "not" {
      _ = next()
      let at = offset
      let e = try factor()
      try requireBoolean(e, at: at)
      first = e
      comparisons = [(.equal, .number(0))]
    } else {
      let at = offset
      first = try expr()
      if peek == .symbol(":") {
        _ = next()
        try requireBoolean(first, at: at)
        let valueAt = offset
        guard case .word(let w) = next(), w == "true" || w == "false" else {
          throw Problem(message: "after ':' write true or false", offset: valueAt)
        }
        comparisons = [(.equal, .number(w == "true" ? 1 : 0))]
      } else if case .symbol(let s) = peek, let op = Expectation.Comparison(rawValue: s) {
        _ = next()
        comparisons.append((op, try expr()))
        if case .symbol(let s2) = peek, let op2 = Expectation.Comparison(rawValue: s2) {
          let opAt = offset
          _ = next()
          let direction: (Expectation.Comparison) -> Int = {
            switch $0 {
            case .less, .lessOrEqual: -1
            case .greater, .greaterOrEqual: 1
            default: 0
            }
          }
          guard direction(op) != 0, direction(op) == direction(op2) else {
            throw Problem(
              message:
                "a range needs two comparisons pointing the same way (0.01 < final_lr < 0.02)",
              offset: opAt)
          }
          comparisons.append((op2, try expr()))
        }
      } else if case .quantity(let n, _, _) = first, ExpectQuantities.named(n)?.isBoolean == true {
        comparisons = [(.equal, .number(1))]
      } else {
        throw Problem(
          message: "expected a comparison (<, <=, >, >=, ==, !=) here", offset: offset)
      }
    }
    var required: Int?
    var count: Int?
    if case .word("on") = peek {
      _ = next()
      let kAt = offset
      guard case .number(let k) = next(), k == k.rounded(), k >= 1 else {
        throw Problem(message: "write 'on K/N seeds', e.g. on 4/5 seeds", offset: kAt)
      }
      let slashAt = offset
      guard next() == .symbol("/") else {
        throw Problem(message: "write 'on K/N seeds', e.g. on 4/5 seeds", offset: slashAt)
      }
      let nAt = offset
      guard case .number(let n) = next(), n == n.rounded(), n >= k, n <= 100 else {
        throw Problem(
          message: "in 'on K/N seeds', N must be a whole number from K to 100", offset: nAt)
      }
      let wordAt = offset
      guard case .word(let w) = next(), w == "seeds" || w == "seed" else {
        throw Problem(message: "write 'on K/N seeds', e.g. on 4/5 seeds", offset: wordAt)
      }
      required = Int(k)
      count = Int(n)
    }
    guard peek == .end else {
      throw Problem(message: "unexpected text after the expectation", offset: offset)
    }
    return (first, comparisons, required, count)
  }

  func requireBoolean(_ e: Expectation.Expr, at: Int) throws(Problem) {
    guard case .quantity(let n, _, _) = e, ExpectQuantities.named(n)?.isBoolean == true else {
      let names = ExpectQuantities.all.filter(\.isBoolean).map(\.name).joined(separator: ", ")
      throw Problem(message: "only a yes/no quantity (\(names)) can be true or false", offset: at)
    }
  }

  mutating func expr() throws(Problem) -> Expectation.Expr {
    var left = try term()
    while case .symbol(let s) = peek, s == "+" || s == "-" {
      _ = next()
      let right = try term()
      left = s == "+" ? .plus(left, right) : .minus(left, right)
    }
    return left
  }

  mutating func term() throws(Problem) -> Expectation.Expr {
    var left = try factor()
    while case .symbol(let s) = peek, s == "*" || s == "/" {
      _ = next()
      let right = try factor()
      left = s == "*" ? .times(left, right) : .divided(left, right)
    }
    return left
  }

  mutating func factor() throws(Problem) -> Expectation.Expr {
    let at = offset
    switch next() {
    case .number(let n): return .number(n)
    case .symbol("-"): return .negated(try factor())
    case .symbol("("):
      let e = try expr()
      let closeAt = offset
      guard next() == .symbol(")") else { throw Problem(message: "')' expected", offset: closeAt) }
      return e
    case .labRef(let lab):
      let nameAt = offset
      guard case .word(let name) = next() else {
        throw Problem(message: "a quantity name expected after 'lab:\(lab).'", offset: nameAt)
      }
      return try quantity(name, lab: lab, at: nameAt)
    case .word(let name):
      return try quantity(name, lab: nil, at: at)
    case .end:
      throw Problem(message: "the expectation ends too early", offset: at)
    default:
      throw Problem(message: "a number or a quantity expected here", offset: at)
    }
  }

  mutating func quantity(_ name: String, lab: String?, at: Int) throws(Problem)
    -> Expectation.Expr
  {
    guard let q = ExpectQuantities.named(name) else {
      var message = "unknown quantity '\(name)'"
      if let s = Suggest.closest(to: name, in: ExpectQuantities.all.map(\.name)) {
        message += "; did you mean '\(s)'?"
      }
      throw Problem(message: message, offset: at)
    }
    var arguments: [Double] = []
    if peek == .symbol("(") {
      _ = next()
      while true {
        let argAt = offset
        var sign = 1.0
        if peek == .symbol("-") {
          _ = next()
          sign = -1
        }
        guard case .number(let n) = next() else {
          throw Problem(message: "arguments must be numbers", offset: argAt)
        }
        arguments.append(sign * n)
        if peek == .symbol(",") {
          _ = next()
          continue
        }
        let closeAt = offset
        guard next() == .symbol(")") else {
          throw Problem(message: "')' expected", offset: closeAt)
        }
        break
      }
    }
    guard arguments.count == q.arguments.count else {
      throw Problem(
        message: q.arguments.isEmpty
          ? "'\(name)' takes no arguments"
          : "'\(name)' needs \(q.arguments.count == 1 ? "one argument" : "\(q.arguments.count) arguments"): \(q.signature)",
        offset: at)
    }
    return .quantity(name: name, arguments: arguments, lab: lab)
  }
}

/// "Did you mean": the closest word within a small edit distance.
public enum Suggest {
  public static func closest(to word: String, in candidates: [String]) -> String? {
    let w = Array(word.lowercased())
    let limit = w.count <= 4 ? 1 : (w.count <= 8 ? 2 : 3)
    var best: (String, Int)?
    for c in candidates {
      let d = distance(w, Array(c.lowercased()))
      if d <= limit, d < w.count, d < (best?.1 ?? Int.max) { best = (c, d) }
    }
    return best?.0
  }

  /// Optimal string alignment distance (a transposition counts as one edit).
  public static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
        }
      }
    }
    return d[a.count][b.count]
  }
}

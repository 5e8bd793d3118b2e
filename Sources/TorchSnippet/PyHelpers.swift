import BigInt
import Foundation
import Schedulers

/// Hashing of the values Python can hash (numbers, strings, None, tuples of them), so dict
/// and set displays are built in linear time; other keys fall back to a linear search.
enum PyHashing {
  enum Key: Hashable {
    case int(Int)
    case big([UInt])
    case float(Double)
    case string(String)
    case none
    case tuple([Key])
  }

  /// 1, 1.0 and True are the same key, as in Python.
  static func key(_ value: PyValue) -> Key? {
    switch value {
    case .int(let i): return .int(i)
    case .bigInt(let b): return .big(Array(b.words))
    case .bool(let b): return .int(b ? 1 : 0)
    case .float(let x):
      if x.isFinite, x == x.rounded(), Int(exactly: x) == nil, let b = BigInt(exactly: x) {
        return .big(Array(b.words))
      }
      if let i = Int(exactly: x) { return .int(i) }
      return .float(x)
    case .string(let s): return .string(s)
    case .none: return Key.none
    case .tuple(let items):
      var keys: [Key] = []
      for item in items {
        guard let key = key(item) else { return nil }
        keys.append(key)
      }
      return .tuple(keys)
    default: return nil
    }
  }

  static func find(_ key: PyValue, in entries: [(key: PyValue, value: PyValue)]) -> Int? {
    entries.firstIndex { PyCompare.equal($0.key, key) }
  }

  /// The distinct items, in first-seen order.
  static func unique(_ items: [PyValue]) -> [PyValue] {
    var seen: Set<Key> = []
    var result: [PyValue] = []
    for item in items {
      if let key = key(item) {
        if seen.insert(key).inserted { result.append(item) }
      } else if !result.contains(where: { PyCompare.equal($0, item) }) {
        result.append(item)
      }
    }
    return result
  }
}

/// Builds a dict in linear time: later values replace earlier ones, the first key stays.
struct DictBuilder {
  var entries: [(key: PyValue, value: PyValue)] = []
  var index: [PyHashing.Key: Int] = [:]

  init() {}

  init(_ entries: [(key: PyValue, value: PyValue)]) {
    for (key, value) in entries { try? set(key, value) }
  }

  mutating func set(_ key: PyValue, _ value: PyValue) throws(SchedulerError) {
    if let hashKey = PyHashing.key(key) {
      if let position = index[hashKey] {
        entries[position].value = value
      } else {
        index[hashKey] = entries.count
        entries.append((key, value))
      }
      return
    }
    switch key {
    case .list, .dict, .set:
      throw .typeError("unhashable type: '\(key.typeName)'")
    default:
      if let position = entries.firstIndex(where: { PyCompare.equal($0.key, key) }) {
        entries[position].value = value
      } else {
        entries.append((key, value))
      }
    }
  }
}

/// `seq[a:b:c]` on lists, tuples, strings and ranges.
enum PySlice {
  static func indices(_ lower: Int?, _ upper: Int?, _ step: Int?, count: Int)
    throws(SchedulerError) -> [Int]
  {
    let step = step ?? 1
    if step == 0 { throw .value("slice step cannot be zero") }
    func clamp(_ value: Int?, _ fallback: Int, low: Int, high: Int) -> Int {
      guard var v = value else { return fallback }
      if v < 0 { v = v &+ count }
      return min(max(v, low), high)
    }
    var result: [Int] = []
    if step > 0 {
      let start = clamp(lower, 0, low: 0, high: count)
      let stop = clamp(upper, count, low: 0, high: count)
      var i = start
      while i < stop {
        result.append(i)
        i += step
      }
    } else {
      let start = clamp(lower, count - 1, low: -1, high: count - 1)
      let stop = clamp(upper, -1, low: -1, high: count - 1)
      var i = start
      while i > stop {
        result.append(i)
        i += step
      }
    }
    return result
  }

  static func apply(_ lower: Int?, _ upper: Int?, _ step: Int?, to container: PyValue)
    throws(SchedulerError) -> PyValue
  {
    switch container {
    case .list(let items):
      return .list(try indices(lower, upper, step, count: items.count).map { items[$0] })
    case .tuple(let items):
      return .tuple(try indices(lower, upper, step, count: items.count).map { items[$0] })
    case .string(let s):
      let scalars = Array(s.unicodeScalars)
      var out = ""
      for i in try indices(lower, upper, step, count: scalars.count) {
        out.unicodeScalars.append(scalars[i])
      }
      return .string(out)
    case .range(let start, let stop, let rangeStep):
      let count = rangeCount(start, stop, rangeStep)
      guard count <= 10_000_000 else { throw .init("MemoryError", "range too large to slice") }
      return .list(
        try indices(lower, upper, step, count: count).map { .int(start &+ $0 &* rangeStep) })
    default:
      throw .typeError("'\(container.typeName)' object is not subscriptable")
    }
  }
}

/// "Did you mean" for a misspelt name, as CPython picks it: the candidate with the smallest
/// edit distance (a change of case costs 1, any other edit 2), within
/// `(len(a) + len(b) + 3) * 2 / 6`.
enum DidYouMean {
  static func suggest(_ word: String, among candidates: [String]) -> String? {
    let target = Array(word.unicodeScalars.map(\.value))
    guard !target.isEmpty, target.count <= 64 else { return nil }
    let targetLower = target.map(lower)
    var best: (name: String, score: Int)?
    var seen: Set<String> = []
    for candidate in candidates where candidate != word && seen.insert(candidate).inserted {
      let count = candidate.unicodeScalars.count
      guard count <= 64 else { continue }
      let maxCost = (target.count + count + 3) * 2 / 6
      // Each character of length difference costs at least 2.
      guard abs(count - target.count) * 2 <= maxCost else { continue }
      let other = Array(candidate.unicodeScalars.map(\.value))
      let distance = editDistance(target, targetLower, other, other.map(lower))
      guard distance <= maxCost else { continue }
      if best == nil || distance < best!.score
        || (distance == best!.score && candidate < best!.name)
      {
        best = (candidate, distance)
      }
    }
    return best?.name
  }

  static func lower(_ c: UInt32) -> UInt32 {
    if c >= 65 && c <= 90 { return c + 32 }
    if c < 128 { return c }
    guard let scalar = Unicode.Scalar(c),
      let first = scalar.properties.lowercaseMapping.unicodeScalars.first
    else { return c }
    return first.value
  }

  static func editDistance(_ a: [UInt32], _ aLower: [UInt32], _ b: [UInt32], _ bLower: [UInt32])
    -> Int
  {
    var previous = [Int](repeating: 0, count: b.count + 1)
    var current = [Int](repeating: 0, count: b.count + 1)
    for j in 0...b.count { previous[j] = j * 2 }
    for i in 0..<a.count {
      current[0] = (i + 1) * 2
      for j in 0..<b.count {
        let cost = a[i] == b[j] ? 0 : aLower[i] == bLower[j] ? 1 : 2
        current[j + 1] = min(previous[j + 1] + 2, current[j] + 2, previous[j] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}

/// Lets the app abandon an evaluation: set it from any thread; the evaluator polls it.
public final class CancellationFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var cancelled = false

  public init() {}

  public func cancel() {
    lock.lock()
    cancelled = true
    lock.unlock()
  }

  public var isCancelled: Bool {
    lock.lock()
    defer { lock.unlock() }
    return cancelled
  }
}

/// The work an evaluation may do: evaluation steps (each expression, loop turn and call is
/// one; building a big string or list costs in proportion to its size) and the largest value
/// it may build. Exceeding either is an error at the expression being evaluated.
public struct WorkBudget {
  var used = 0
  var limit = WorkBudget.defaultSteps
  var cancellation: CancellationFlag?
  /// About a second of evaluation in a debug build.
  public static let defaultSteps = 1_000_000
  /// The largest string, list or dict (in characters or items) a snippet may build.
  static let maxSize = 1_000_000
  /// The steps one call of a lambda may take while the schedule is stepped.
  static let perStepCall = 20_000

  mutating func spend(_ cost: Int, at expr: Expr, lines: SourceLines) throws(SnippetError) {
    let before = used
    used &+= cost
    if used > limit {
      var error = lines.error(
        "the snippet needs more work than lrlab allows (\(limit) evaluation steps); "
          + "is something recursing or growing without bound?", line: expr.line,
        column: expr.column)
      error.isFatal = true
      throw error
    }
    if before >> 12 != used >> 12, let cancellation, cancellation.isCancelled {
      var error = lines.error("evaluation cancelled", line: expr.line, column: expr.column)
      error.isFatal = true
      throw error
    }
  }

  func checkSize(_ size: Int, at expr: Expr, lines: SourceLines) throws(SnippetError) {
    guard size > Self.maxSize else { return }
    var error = lines.error(
      "MemoryError: the snippet builds a value of \(size) items; lrlab allows at most "
        + "\(Self.maxSize)", line: expr.line, column: expr.column,
      pythonError: SchedulerError("MemoryError", "value too large"))
    error.isFatal = true
    throw error
  }
}

/// Tuple unpacking (with one `*rest` target at most) and Python's errors.
func unpack(
  _ value: PyValue, targets: [Target], line: Int, column: Int, lines: SourceLines
) throws(SnippetError) -> [PyValue] {
  if case .opaque = value { return targets.map { _ in value } }
  let items: [PyValue]
  switch value {
  case .list(let xs), .tuple(let xs), .set(let xs): items = xs
  case .dict(let entries): items = entries.map(\.key)
  case .range(let start, let stop, let step) where rangeCount(start, stop, step) <= 1000:
    items = (0..<rangeCount(start, stop, step)).map { .int(start + $0 * step) }
  default:
    let error = SchedulerError.typeError("cannot unpack non-iterable \(value.typeName) object")
    throw lines.error(error.description, line: line, column: column, pythonError: error)
  }
  let count = targets.count
  if let star = targets.firstIndex(where: { if case .starred = $0 { true } else { false } }) {
    let after = count - star - 1
    guard items.count >= count - 1 else {
      let message =
        "not enough values to unpack (expected at least \(count - 1), got \(items.count))"
      throw lines.error(
        "ValueError: \(message)", line: line, column: column, pythonError: .value(message))
    }
    return Array(items[..<star]) + [.list(Array(items[star..<(items.count - after)]))]
      + Array(items[(items.count - after)...])
  }
  guard items.count == count else {
    let message =
      items.count > count
      ? "too many values to unpack (expected \(count))"
      : "not enough values to unpack (expected \(count), got \(items.count))"
    throw lines.error(
      "ValueError: \(message)", line: line, column: column, pythonError: .value(message))
  }
  return items
}

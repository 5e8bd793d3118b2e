import TorchSnippet

/// What the doctor knows about a value of the script, without running it: constants fold,
/// PyTorch objects are tracked by identity, everything else is `unknown`.
indirect enum ScriptValue {
  case int(Int)
  case float(Double)
  case string(String)
  case bool(Bool)
  case none
  case list([ScriptValue])
  case tuple([ScriptValue])
  /// A dict literal with string keys, and where it was written.
  case dict([(key: String, value: ScriptValue)], line: Int, column: Int)
  /// A `DataLoader` (or anything iterated as batches), with `len()` when knowable.
  case loader(length: Int?)
  /// A dataset or tensor, with its length (first dimension) when knowable.
  case sized(length: Int?)
  case scheduler(Int)
  case optimizer(Int)
  case scaler
  /// A user `def` (index into the walker's functions).
  case function(FunctionRef)
  /// A `lambda`, with the folded values of the names it reads where it was written.
  case lambda(parameters: [String], body: ScriptExpr, captured: [String: ScriptValue])
  /// An instance of a user class.
  case object(className: String, id: Int)
  /// `argparse.ArgumentParser()` and the namespace `parse_args()` returns: defaults by dest.
  case argumentParser(Int)
  /// `m × len(train_loader)` when the loader's length is not knowable.
  case batches(Double)
  case unknown

  /// The multiple of `len(train_loader)`: m for `.batches(m)`.
  var batchMultiple: Double? {
    if case .batches(let m) = self { return m }
    return nil
  }

  var int: Int? {
    switch self {
    case .int(let value): return value
    case .bool(let value): return value ? 1 : 0
    case .float(let value) where value == value.rounded() && abs(value) < 1e15: return Int(value)
    default: return nil
    }
  }

  var number: Double? {
    switch self {
    case .int(let value): return Double(value)
    case .float(let value): return value
    case .bool(let value): return value ? 1 : 0
    default: return nil
    }
  }

  var truth: Bool? {
    switch self {
    case .int(let value): return value != 0
    case .float(let value): return value != 0
    case .bool(let value): return value
    case .string(let value): return !value.isEmpty
    case .none: return false
    case .list(let items), .tuple(let items): return !items.isEmpty
    default: return nil
    }
  }

  var length: Int? {
    switch self {
    case .loader(let length), .sized(let length): return length
    case .list(let items), .tuple(let items): return items.count
    case .string(let text): return text.count
    case .dict(let entries, _, _): return entries.count
    default: return nil
    }
  }

  /// Schedulers reachable from this value (inside containers too).
  var schedulerIDs: [Int] {
    switch self {
    case .scheduler(let id): return [id]
    case .list(let items), .tuple(let items): return items.flatMap(\.schedulerIDs)
    case .dict(let entries, _, _): return entries.flatMap(\.value.schedulerIDs)
    default: return []
    }
  }

  subscript(key: String) -> ScriptValue? {
    guard case .dict(let entries, _, _) = self else { return nil }
    return entries.last { $0.key == key }?.value
  }

  /// A Python literal for the value, when it is a plain constant.
  var pythonLiteral: String? {
    switch self {
    case .int(let value): return String(value)
    case .float(let value):
      if value.isNaN { return "float('nan')" }
      if value.isInfinite { return value > 0 ? "float('inf')" : "float('-inf')" }
      return "\(value)"
    case .bool(let value): return value ? "True" : "False"
    case .none: return "None"
    case .string(let text):
      guard !text.contains("\\"), !text.contains("\""), !text.contains("\n") else { return nil }
      return "\"\(text)\""
    case .list(let items):
      let parts = items.compactMap(\.pythonLiteral)
      return parts.count == items.count ? "[" + parts.joined(separator: ", ") + "]" : nil
    case .tuple(let items):
      let parts = items.compactMap(\.pythonLiteral)
      guard parts.count == items.count else { return nil }
      return "(" + parts.joined(separator: ", ") + (parts.count == 1 ? ",)" : ")")
    default: return nil
    }
  }
}

/// A user function: a module-level or nested `def`, or a method of a class.
struct FunctionRef {
  var name: String
  var className: String?
  var parameters: [ScriptParameter]
  var body: [ScriptStatement]
  var line: Int
  var column: Int
  /// Bound `self` for a method reached through an instance.
  var receiver: Int?
  /// The scope a nested `def` closes over.
  var closure: ScriptWalker.Frame?
  var key: String { "\(line):\(column)" }
}

extension ScriptExpr {
  /// Where the expression's text starts (the parser places calls and attributes at their
  /// last name): the leftmost sub-expression's position.
  var start: (line: Int, column: Int) {
    switch kind {
    case .call(let callee, _, _): return callee.start
    case .attribute(let base, _), .subscript(let base, _): return base.start
    default: return (line, column)
    }
  }

  /// `a.b.c` for a chain of names and attributes, nil otherwise.
  var dottedName: String? {
    switch kind {
    case .name(let name): return name
    case .attribute(let base, let name): return base.dottedName.map { $0 + "." + name }
    case .call(let callee, _, _): return callee.dottedName.map { $0 + "()" }
    case .subscript(let base, _): return base.dottedName.map { $0 + "[]" }
    default: return nil
    }
  }

  /// The last component of a name or attribute chain (`torch.optim.SGD` → `SGD`).
  var lastName: String? {
    switch kind {
    case .name(let name): return name
    case .attribute(_, let name): return name
    default: return nil
    }
  }

  /// Every name read anywhere inside (attribute names included), lowercased.
  var mentionedNames: [String] {
    var names: [String] = []
    visit { expr in
      switch expr.kind {
      case .name(let name): names.append(name.lowercased())
      case .attribute(_, let name): names.append(name.lowercased())
      case .string(let text): names.append(text.lowercased())
      default: break
      }
    }
    return names
  }

  func visit(_ body: (ScriptExpr) -> Void) {
    body(self)
    switch kind {
    case .name, .int, .float, .string, .bool, .none: break
    case .list(let items), .tuple(let items), .other(let items):
      for item in items { item.visit(body) }
    case .dict(let entries):
      for entry in entries {
        entry.key.visit(body)
        entry.value.visit(body)
      }
    case .attribute(let base, _): base.visit(body)
    case .subscript(let base, let index):
      base.visit(body)
      index.visit(body)
    case .call(let callee, let arguments, let keywords):
      callee.visit(body)
      for argument in arguments { argument.visit(body) }
      for keyword in keywords { keyword.value.visit(body) }
    case .unary(_, let operand): operand.visit(body)
    case .binary(_, let lhs, let rhs):
      lhs.visit(body)
      rhs.visit(body)
    case .compare(let first, let rest):
      first.visit(body)
      for comparison in rest { comparison.rhs.visit(body) }
    case .conditional(let test, let then, let orElse):
      test.visit(body)
      then.visit(body)
      orElse.visit(body)
    case .lambda(_, let inner): inner.visit(body)
    }
  }
}

/// Words that say a quantity counts epochs, or batches / optimizer steps.
enum Vocabulary {
  static func isEpochWord(_ name: String) -> Bool {
    name.contains("epoch") && !name.contains("per_epoch") && !name.contains("perepoch")
  }

  static func isStepWord(_ name: String) -> Bool {
    if name.contains("per_epoch") || name.contains("perepoch") { return true }
    return ["len", "loader", "batch", "step", "iter", "sample"].contains { name.contains($0) }
      && !name.contains("epoch")
  }

  /// Whether an expression sizes something in epochs (`num_epochs`, `args.epochs - 5`) and
  /// not in steps (`len(train_loader) * epochs`). nil when it says neither.
  static func unit(of expr: ScriptExpr?) -> SizeUnit? {
    guard let expr else { return nil }
    let names = expr.mentionedNames
    let epochs = names.contains(where: isEpochWord)
    let steps = names.contains(where: isStepWord)
    if epochs && !steps { return .epochs }
    if steps { return .steps }
    return nil
  }
}

enum SizeUnit { case epochs, steps }

import Foundation
import TorchSnippet

/// Walks a script the way Python would run it — once through every loop body, into every
/// function it calls — without executing anything: constants fold, PyTorch objects are
/// tracked, and every `optimizer.step()` / `scheduler.step()` is recorded with the loops
/// around it.
final class ScriptWalker {
  final class Frame {
    var names: [String: ScriptValue] = [:]
    let parent: Frame?
    var returned: ScriptValue?
    var hasReturned = false
    init(parent: Frame?) { self.parent = parent }
  }

  struct ObjectState {
    var className: String
    var attributes: [String: ScriptValue] = [:]
  }

  struct ClassInfo {
    var name: String
    var methods: [String: FunctionRef] = [:]
    var attributes: [String: ScriptValue] = [:]
    var line: Int
    var column: Int
    var isLightning: Bool { methods["training_step"] != nil }
  }

  struct TrainerCall {
    var maxEpochs: ScriptValue?
    var maxSteps: ScriptValue?
    var line: Int
  }

  let module = Frame(parent: nil)
  var events: [Event] = []
  var loops: [LoopInfo] = []
  var loopIndex: [String: Int] = [:]
  var schedulers: [SchedulerRecord] = []
  var schedulerIndex: [String: Int] = [:]
  var optimizers: [OptimizerRecord] = []
  var optimizerIndex: [String: Int] = [:]
  var objects: [ObjectState] = []
  var classes: [String: ClassInfo] = [:]
  var classOrder: [String] = []
  var argumentParsers: [[String: ScriptValue]] = []
  var attributeStore: [String: ScriptValue] = [:]
  var trainerCalls: [TrainerCall] = []
  /// `line:column` of the steps a framework makes (Lightning's configured schedulers).
  var frameworkSteps: Set<String> = []
  var walkedFunctions: Set<String> = []
  var topFunctions: [FunctionRef] = []

  var loopStack: [Int] = []
  var visitStack: [Int] = []
  var conditionStack: [Condition] = []
  var callStack: [String] = []
  var visitCounter = 0
  var order = 0
  /// Bounds the walk on hostile input.
  var work = 0
  static let maxWork = 200_000
  static let maxCallDepth = 12

  init() {
    module.names["__name__"] = .string("__main__")
  }

  // MARK: - Entry

  func walkScript(_ statements: [ScriptStatement]) {
    walk(statements, in: module)
    // Functions nobody calls (a library of helpers, a `main` run by a launcher) are walked on
    // their own, so their loops are still read.
    for function in topFunctions where !walkedFunctions.contains(function.key) {
      handOff(invoke(function, positional: [], keywords: [], caller: module))
    }
    for name in classOrder {
      guard let info = classes[name] else { continue }
      if info.isLightning {
        runLightning(info)
      } else {
        for method in info.methods.values.sorted(by: { $0.line < $1.line })
        where !walkedFunctions.contains(method.key) {
          let object = newObject(name)
          var bound = method
          bound.receiver = object
          handOff(invoke(bound, positional: [], keywords: [], caller: module))
        }
      }
    }
  }

  /// Schedulers returned to code the walk does not see may be stepped there.
  func handOff(_ value: ScriptValue) {
    for id in value.schedulerIDs { schedulers[id].handedOff = true }
  }

  // MARK: - Statements

  func walk(_ statements: [ScriptStatement], in frame: Frame) {
    for statement in statements {
      if frame.hasReturned { return }
      work += 1
      if work > Self.maxWork { return }
      execute(statement, in: frame)
    }
  }

  func execute(_ statement: ScriptStatement, in frame: Frame) {
    switch statement.kind {
    case .assign(let targets, let valueExpr):
      let value = evaluate(valueExpr, in: frame)
      for target in targets { assign(target, value, in: frame, augmented: false) }
    case .augmentedAssign(let target, let op, let valueExpr):
      let rhs = evaluate(valueExpr, in: frame)
      let current = evaluate(target, in: frame)
      assign(target, Self.arithmetic(op, current, rhs), in: frame, augmented: true)
    case .expression(let expr):
      _ = evaluate(expr, in: frame)
    case .imports(_, let names):
      for item in names { frame.names[item.alias] = .unknown }
    case .forLoop(let target, let iterable, let body):
      let value = evaluate(iterable, in: frame)
      let names = (target.mentionedNames + iterable.mentionedNames)
      var loaderLike = false
      if case .loader = value { loaderLike = true }
      if iterable.mentionedNames.contains(where: { $0.contains("loader") || $0.contains("batches") }
      ) {
        loaderLike = true
      }
      let id = loopID(
        statement, isWhile: false, names: names, count: value.length, loader: loaderLike)
      // `for s in [warmup, decay]: s.step()`: each scheduler of the list may be stepped.
      let listed = value.schedulerIDs
      handOff(value)
      assign(
        target, listed.count == 1 ? .scheduler(listed[0]) : .unknown, in: frame, augmented: false)
      loopTargets = Set(target.mentionedNames)
      runLoop(id, body, in: frame)
    case .whileLoop(let test, let body):
      let (count, bound) = whileCount(test, body, in: frame)
      let id = loopID(
        statement, isWhile: true, names: test.mentionedNames, count: count, loader: false)
      if let bound { loops[id].stepBound = bound }
      loopTargets = []
      runLoop(id, body, in: frame)
    case .ifChain(let branches, let orElse):
      // Branches the walk cannot decide all run, each from the same names; afterwards a name
      // keeps its value only where every outcome agrees.
      let before = frame.names
      var outcomes: [[String: ScriptValue]] = []
      defer {
        if !outcomes.isEmpty {
          outcomes.append(frame.names)
          frame.names = Self.join(outcomes)
        }
      }
      for (index, branch) in branches.enumerated() {
        switch evaluate(branch.test, in: frame).truth {
        case true?:
          walk(branch.body, in: frame)
          return
        case false?:
          continue
        case nil:
          defer {
            outcomes.append(frame.names)
            frame.names = before
          }
          var condition = Condition(
            id: "\(statement.line):\(statement.column):\(index)", test: branch.test,
            loopDepth: loopStack.count)
          (condition.isAccumulation, condition.period) = accumulation(branch.test, in: frame)
          condition.varies = !loopStack.isEmpty && varies(branch.test)
          conditionStack.append(condition)
          walk(branch.body, in: frame)
          conditionStack.removeLast()
          frame.hasReturned = false
        }
      }
      var otherwise = Condition(
        id: "\(statement.line):\(statement.column):else", test: nil, loopDepth: loopStack.count)
      otherwise.varies =
        !loopStack.isEmpty && branches.contains { varies($0.test) }
      conditionStack.append(otherwise)
      walk(orElse, in: frame)
      conditionStack.removeLast()
    case .block(_, let body):
      walk(body, in: frame)
    case .function(let name, let parameters, let body, _):
      let ref = FunctionRef(
        name: name, className: nil, parameters: parameters, body: body, line: statement.line,
        column: statement.column, receiver: nil, closure: frame === module ? nil : frame)
      frame.names[name] = .function(ref)
      if frame === module { topFunctions.append(ref) }
    case .classDefinition(let name, let body):
      var info = ClassInfo(name: name, line: statement.line, column: statement.column)
      let classFrame = Frame(parent: frame)
      for inner in body {
        if case .function(let method, let parameters, let methodBody, let decorators) = inner.kind {
          // A @staticmethod has no `self`: a placeholder takes the receiver.
          let isStatic = decorators.contains { $0.lastName == "staticmethod" }
          let bound = isStatic ? [ScriptParameter(name: "__self__", defaultValue: nil)] : []
          info.methods[method] = FunctionRef(
            name: method, className: name, parameters: bound + parameters, body: methodBody,
            line: inner.line, column: inner.column, receiver: nil, closure: nil)
        } else {
          execute(inner, in: classFrame)
        }
      }
      info.attributes = classFrame.names
      if classes[name] == nil { classOrder.append(name) }
      classes[name] = info
      frame.names[name] = .object(className: "class " + name, id: -1)
    case .returnValue(let expr):
      let value = expr.map { evaluate($0, in: frame) } ?? .none
      if frame.returned == nil || conditionStack.isEmpty { frame.returned = value }
      for id in value.schedulerIDs where callStack.isEmpty { schedulers[id].handedOff = true }
      // A return inside an undecided `if` may not happen: keep walking.
      if conditionStackDepthInFrame == 0 { frame.hasReturned = true }
    case .keyword:
      break
    }
  }

  /// Names assigned by the enclosing loops (targets and bodies) and the parameters of the
  /// functions called inside them: what a test must read to change between iterations.
  var loopAssigned: [Set<String>] = []
  /// The current `for` target's names (set just before its body runs).
  var loopTargets: Set<String> = []

  func varies(_ test: ScriptExpr) -> Bool {
    let names = Set(test.mentionedNames)
    return loopAssigned.contains { !$0.isDisjoint(with: names) }
  }

  /// `step % k == 0`-style tests (or names saying accumulation) and their period k.
  func accumulation(_ test: ScriptExpr, in frame: Frame) -> (Bool, Int?) {
    var found = false
    var period: Int?
    test.visit { expr in
      if case .binary("%", _, let rhs) = expr.kind {
        found = true
        if period == nil { period = evaluate(rhs, in: frame).int }
      }
    }
    if !found, test.mentionedNames.contains(where: { $0.contains("accum") }) { found = true }
    return (found, period)
  }

  /// Conditions opened inside the current function call (returns under them are uncertain).
  var conditionStackDepthInFrame: Int {
    conditionStack.count - (frameConditionBase.last ?? 0)
  }
  var frameConditionBase: [Int] = []

  func loopID(
    _ statement: ScriptStatement, isWhile: Bool, names: [String], count: Int?, loader: Bool
  ) -> Int {
    let key = "\(statement.line):\(statement.column)"
    if let id = loopIndex[key] {
      if loops[id].count == nil { loops[id].count = count }
      return id
    }
    let id = loops.count
    loops.append(
      LoopInfo(
        id: id, line: statement.line, column: statement.column, isWhile: isWhile, names: names,
        count: count, stepBound: nil, iteratesLoader: loader, synthetic: nil))
    loopIndex[key] = id
    return id
  }

  func syntheticLoop(_ kind: String, line: Int, column: Int, count: Int?) -> Int {
    let key = "\(kind)@\(line):\(column)"
    if let id = loopIndex[key] { return id }
    let id = loops.count
    loops.append(
      LoopInfo(
        id: id, line: line, column: column, isWhile: false,
        names: kind == "lightning-epoch" ? ["epoch"] : ["batch"], count: count, stepBound: nil,
        iteratesLoader: kind != "lightning-epoch", synthetic: kind))
    loopIndex[key] = id
    return id
  }

  func runLoop(_ id: Int, _ body: [ScriptStatement], in frame: Frame) {
    // What the body assigns changes from one iteration to the next: not a constant inside.
    for name in Self.assignedNames(body) where frame.names[name] != nil {
      if case .scheduler = frame.names[name] { continue }
      if case .optimizer = frame.names[name] { continue }
      frame.names[name] = .unknown
    }
    loopAssigned.append(Set(Self.assignedNames(body).map { $0.lowercased() }).union(loopTargets))
    within(id) { walk(body, in: frame) }
    loopAssigned.removeLast()
  }

  /// The names after several possible paths: the common value, or unknown where they differ
  /// (a scheduler or optimizer built on one path is kept).
  static func join(_ outcomes: [[String: ScriptValue]]) -> [String: ScriptValue] {
    var result: [String: ScriptValue] = [:]
    let keys = Set(outcomes.flatMap(\.keys))
    for key in keys {
      let values = outcomes.map { $0[key] }
      guard let first = values.first ?? nil else {
        let objects = values.compactMap { $0 }.filter { !$0.schedulerIDs.isEmpty }
        result[key] = objects.first ?? .unknown
        continue
      }
      if values.allSatisfy({ $0.map { same($0, first) } ?? false }) {
        result[key] = first
      } else {
        let objects = values.compactMap { $0 }.filter {
          if case .optimizer = $0 { return true }
          return !$0.schedulerIDs.isEmpty
        }
        result[key] = objects.count == 1 ? objects[0] : .unknown
      }
    }
    return result
  }

  static func same(_ a: ScriptValue, _ b: ScriptValue) -> Bool {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x == y
    case (.float(let x), .float(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.bool(let x), .bool(let y)): return x == y
    case (.none, .none), (.scaler, .scaler): return true
    case (.scheduler(let x), .scheduler(let y)), (.optimizer(let x), .optimizer(let y)):
      return x == y
    case (.object(_, let x), .object(_, let y)), (.argumentParser(let x), .argumentParser(let y)):
      return x == y
    case (.loader(let x), .loader(let y)), (.sized(let x), .sized(let y)): return x == y
    case (.batches(let x), .batches(let y)): return x == y
    case (.function(let x), .function(let y)): return x.key == y.key
    case (.list(let x), .list(let y)), (.tuple(let x), .tuple(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
    default: return false
    }
  }

  /// Names (and attribute paths) a block assigns, not looking into nested `def`s.
  static func assignedNames(_ statements: [ScriptStatement]) -> Set<String> {
    var names: Set<String> = []
    func targets(_ expr: ScriptExpr) {
      switch expr.kind {
      case .name(let name): names.insert(name)
      case .tuple(let items), .list(let items): items.forEach(targets)
      default: break
      }
    }
    func scan(_ statements: [ScriptStatement]) {
      for statement in statements {
        switch statement.kind {
        case .assign(let list, _): list.forEach(targets)
        case .augmentedAssign(let target, _, _): targets(target)
        case .forLoop(let target, _, let body):
          targets(target)
          scan(body)
        case .whileLoop(_, let body), .block(_, let body): scan(body)
        case .ifChain(let branches, let orElse):
          for branch in branches { scan(branch.body) }
          scan(orElse)
        default: break
        }
      }
    }
    scan(statements)
    return names
  }

  /// `while epoch < N` with `epoch += 1` in its body: N - start iterations; with the bump in an
  /// inner loop, a bound of N - start steps in all.
  func whileCount(_ test: ScriptExpr, _ body: [ScriptStatement], in frame: Frame) -> (Int?, Int?) {
    guard case .compare(let lhs, let rest) = test.kind, rest.count == 1,
      let counter = lhs.dottedName, ["<", "<="].contains(rest[0].op),
      let limit = evaluate(rest[0].rhs, in: frame).int
    else { return (nil, nil) }
    let start = evaluate(lhs, in: frame).int ?? 0
    let total = max(0, limit - start + (rest[0].op == "<=" ? 1 : 0))
    func bumps(_ statements: [ScriptStatement], nested: Bool) -> Bool? {
      for statement in statements {
        switch statement.kind {
        case .augmentedAssign(let target, "+", let value)
        where target.dottedName == counter && value.int == 1:
          return nested
        case .forLoop(_, _, let inner), .whileLoop(_, let inner):
          if let found = bumps(inner, nested: true) { return found }
        case .block(_, let inner):
          if let found = bumps(inner, nested: nested) { return found }
        case .ifChain(let branches, let orElse):
          for branch in branches {
            if let found = bumps(branch.body, nested: nested) { return found }
          }
          if let found = bumps(orElse, nested: nested) { return found }
        default: break
        }
      }
      return nil
    }
    switch bumps(body, nested: false) {
    case false?: return (total, nil)
    case true?: return (nil, total)
    case nil: return (nil, nil)
    }
  }

  // MARK: - Assignment

  func assign(_ target: ScriptExpr, _ value: ScriptValue, in frame: Frame, augmented: Bool) {
    switch target.kind {
    case .name(let name):
      frame.names[name] = value
      record(.assignment(name: name, augmented: augmented), at: target)
      if case .scheduler(let id) = value, !schedulers[id].variables.contains(name) {
        schedulers[id].variables.append(name)
      }
    case .tuple(let items), .list(let items):
      var parts: [ScriptValue] = Array(repeating: .unknown, count: items.count)
      switch value {
      case .tuple(let values) where values.count == items.count,
        .list(let values) where values.count == items.count:
        parts = values
      default:
        for id in value.schedulerIDs { schedulers[id].handedOff = true }
      }
      for (item, part) in zip(items, parts) { assign(item, part, in: frame, augmented: augmented) }
    case .attribute(let base, let name):
      let path = target.dottedName ?? name
      let owner = evaluate(base, in: frame)
      if case .object(_, let id) = owner, id >= 0 {
        objects[id].attributes[name] = value
      } else if case .argumentParser(let id) = owner {
        argumentParsers[id][name] = value
      } else {
        attributeStore[path] = value
      }
      if case .scheduler(let id) = value, !schedulers[id].variables.contains(path) {
        schedulers[id].variables.append(path)
      }
    default:
      for id in value.schedulerIDs { schedulers[id].handedOff = true }
    }
  }

  func record(_ kind: Event.Kind, at expr: ScriptExpr) {
    record(kind, line: expr.start.line, column: expr.start.column)
  }

  func record(_ kind: Event.Kind, line: Int, column: Int) {
    order += 1
    events.append(
      Event(
        kind: kind, line: line, column: column, loops: loopStack, visits: visitStack,
        conditions: conditionStack, order: order))
  }

  // MARK: - Expressions

  func lookup(_ name: String, in frame: Frame) -> ScriptValue? {
    var current: Frame? = frame
    while let scope = current {
      if let value = scope.names[name] { return value }
      current = scope.parent
    }
    return module.names[name]
  }

  func evaluate(_ expr: ScriptExpr, in frame: Frame) -> ScriptValue {
    work += 1
    if work > Self.maxWork { return .unknown }
    switch expr.kind {
    case .name(let name): return lookup(name, in: frame) ?? .unknown
    case .int(let value): return .int(value)
    case .float(let value): return .float(value)
    case .string(let value): return .string(value)
    case .bool(let value): return .bool(value)
    case .none: return .none
    case .list(let items): return .list(items.map { evaluate($0, in: frame) })
    case .tuple(let items): return .tuple(items.map { evaluate($0, in: frame) })
    case .dict(let entries):
      var result: [(key: String, value: ScriptValue)] = []
      for entry in entries {
        let value = evaluate(entry.value, in: frame)
        if case .string(let key) = evaluate(entry.key, in: frame) {
          result.append((key, value))
        } else {
          for id in value.schedulerIDs { schedulers[id].handedOff = true }
        }
      }
      return .dict(result, line: expr.line, column: expr.column)
    case .attribute(let base, let name):
      let value = evaluate(base, in: frame)
      // `callbacks=[scheduler.step]`: stepped by someone else.
      if name == "step" { handOff(value) }
      return attribute(value, name, path: expr.dottedName)
    case .subscript(let base, let index):
      let container = evaluate(base, in: frame)
      let key = evaluate(index, in: frame)
      switch (container, key) {
      case (.dict, .string(let name)): return container[name] ?? .unknown
      case (.list(let items), .int(let i)), (.tuple(let items), .int(let i)):
        let position = i < 0 ? items.count + i : i
        return items.indices.contains(position) ? items[position] : .unknown
      default: return .unknown
      }
    case .call(let callee, let arguments, let keywords):
      return call(expr, callee, arguments, keywords, in: frame)
    case .unary(let op, let operand):
      let value = evaluate(operand, in: frame)
      switch op {
      case "-":
        if case .int(let i) = value { return .int(-i) }
        if let x = value.number { return .float(-x) }
        return .unknown
      case "+": return value
      case "not": return value.truth.map { .bool(!$0) } ?? .unknown
      default: return .unknown
      }
    case .binary(let op, let lhs, let rhs):
      let left = evaluate(lhs, in: frame)
      if op == "and" {
        guard let truth = left.truth else {
          _ = evaluate(rhs, in: frame)
          return .unknown
        }
        return truth ? evaluate(rhs, in: frame) : left
      }
      if op == "or" {
        guard let truth = left.truth else {
          _ = evaluate(rhs, in: frame)
          return .unknown
        }
        return truth ? left : evaluate(rhs, in: frame)
      }
      return Self.arithmetic(op, left, evaluate(rhs, in: frame))
    case .compare(let first, let rest):
      var left = evaluate(first, in: frame)
      var result = true
      for comparison in rest {
        let right = evaluate(comparison.rhs, in: frame)
        guard let holds = Self.compare(comparison.op, left, right) else { return .unknown }
        result = result && holds
        left = right
      }
      return .bool(result)
    case .conditional(let test, let body, let orElse):
      switch evaluate(test, in: frame).truth {
      case true?: return evaluate(body, in: frame)
      case false?: return evaluate(orElse, in: frame)
      case nil:
        // `StepLR(…) if use_scheduler else None`: the object, when the other side is None.
        let (a, b) = (evaluate(body, in: frame), evaluate(orElse, in: frame))
        switch (a, b) {
        case (.scheduler, .none), (.optimizer, .none): return a
        case (.none, .scheduler), (.none, .optimizer): return b
        default: return .unknown
        }
      }
    case .lambda(let parameters, let body):
      var captured: [String: ScriptValue] = [:]
      body.visit { inner in
        if case .name(let name) = inner.kind, !parameters.contains(name),
          let value = lookup(name, in: frame)
        {
          captured[name] = value
        }
      }
      return .lambda(parameters: parameters, body: body, captured: captured)
    case .other(let items):
      for item in items { _ = evaluate(item, in: frame) }
      return .unknown
    }
  }

  func attribute(_ base: ScriptValue, _ name: String, path: String?) -> ScriptValue {
    switch base {
    case .object(let className, let id):
      if id >= 0 {
        if let value = objects[id].attributes[name] { return value }
        let info = classes[objects[id].className]
        if var method = info?.methods[name] {
          method.receiver = id
          return .function(method)
        }
        if let value = info?.attributes[name] { return value }
      } else if className.hasPrefix("class ") {
        let info = classes[String(className.dropFirst(6))]
        if let value = info?.attributes[name] { return value }
      }
    case .argumentParser(let id):
      if let value = argumentParsers[id][name] { return value }
    case .dict:
      break
    default:
      break
    }
    if let path, let value = attributeStore[path] { return value }
    switch path {
    case "math.pi", "np.pi", "torch.pi": return .float(Double.pi)
    case "math.e": return .float(M_E)
    default: return .unknown
    }
  }

  static func arithmetic(_ op: String, _ lhs: ScriptValue, _ rhs: ScriptValue) -> ScriptValue {
    // `len(train_loader) * epochs`, `… // accumulation`: multiples of the unknown length.
    switch (lhs, rhs) {
    case (.batches(let m), .batches(let n)):
      if op == "+" { return .batches(m + n) }
      if op == "/" || op == "//" { return n == 0 ? .unknown : .float(m / n) }
      return .unknown
    case (.batches(let m), _):
      guard let k = rhs.number else { return .unknown }
      switch op {
      case "*": return .batches(m * k)
      case "/", "//": return k == 0 ? .unknown : .batches(m / k)
      case "+", "-": return .batches(m)
      default: return .unknown
      }
    case (_, .batches(let m)):
      guard let k = lhs.number else { return .unknown }
      switch op {
      case "*": return .batches(m * k)
      case "+": return .batches(m)
      default: return .unknown
      }
    default: break
    }
    if case .int(let a) = lhs, case .int(let b) = rhs {
      switch op {
      case "+": return .int(a &+ b)
      case "-": return .int(a &- b)
      case "*":
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? .unknown : .int(product)
      case "/": return b == 0 ? .unknown : .float(Double(a) / Double(b))
      case "//":
        guard b != 0 else { return .unknown }
        let q = Double(a) / Double(b)
        return .int(Int(q.rounded(.down)))
      case "%":
        guard b != 0 else { return .unknown }
        let r = a % b
        return .int(r != 0 && (r < 0) != (b < 0) ? r + b : r)
      case "**":
        guard b >= 0, b < 63 else { return .unknown }
        var result = 1
        for _ in 0..<b {
          let (next, overflow) = result.multipliedReportingOverflow(by: a)
          if overflow { return .unknown }
          result = next
        }
        return .int(result)
      default: return .unknown
      }
    }
    if case .string(let a) = lhs, case .string(let b) = rhs, op == "+" { return .string(a + b) }
    guard let a = lhs.number, let b = rhs.number else { return .unknown }
    switch op {
    case "+": return .float(a + b)
    case "-": return .float(a - b)
    case "*": return .float(a * b)
    case "/": return b == 0 ? .unknown : .float(a / b)
    case "//": return b == 0 ? .unknown : .float((a / b).rounded(.down))
    case "%": return b == 0 ? .unknown : .float(a - b * (a / b).rounded(.down))
    case "**":
      let value = Foundation.pow(a, b)
      return value.isFinite ? .float(value) : .unknown
    default: return .unknown
    }
  }

  static func compare(_ op: String, _ lhs: ScriptValue, _ rhs: ScriptValue) -> Bool? {
    if let a = lhs.number, let b = rhs.number {
      switch op {
      case "<": return a < b
      case "<=": return a <= b
      case ">": return a > b
      case ">=": return a >= b
      case "==": return a == b
      case "!=": return a != b
      default: return nil
      }
    }
    if case .string(let a) = lhs, case .string(let b) = rhs {
      switch op {
      case "==": return a == b
      case "!=": return a != b
      default: return nil
      }
    }
    if case .none = rhs {
      switch (op, lhs) {
      case ("is", .none): return true
      case ("is not", .none): return false
      case ("is", .unknown), ("is not", .unknown): return nil
      case ("is", _): return false
      case ("is not", _): return true
      default: return nil
      }
    }
    return nil
  }

  // MARK: - Calls

  func call(
    _ expr: ScriptExpr, _ callee: ScriptExpr, _ argumentExprs: [ScriptExpr],
    _ keywordExprs: [ScriptKeyword], in frame: Frame
  ) -> ScriptValue {
    // `x.step(...)`: an optimizer or scheduler step.
    if case .attribute(let baseExpr, let method) = callee.kind {
      let base = evaluate(baseExpr, in: frame)
      let arguments = argumentExprs.map { evaluate($0, in: frame) }
      let keywords = keywordExprs.map { ($0.name, evaluate($0.value, in: frame)) }
      if let result = methodCall(
        expr, baseExpr, base, method, argumentExprs, arguments, keywordExprs, keywords,
        in: frame)
      {
        return result
      }
      for value in arguments + keywords.map(\.1) {
        for id in value.schedulerIDs { schedulers[id].handedOff = true }
      }
      return .unknown
    }
    let function = evaluate(callee, in: frame)
    let arguments = argumentExprs.map { evaluate($0, in: frame) }
    let keywords = keywordExprs.map { ($0.name, evaluate($0.value, in: frame)) }
    let name = callee.lastName ?? ""
    if name == "len", arguments.count == 1, case .unknown = arguments[0],
      argumentExprs[0].mentionedNames.contains(where: { $0.contains("loader") })
    {
      return .batches(1)
    }
    if case .function(let ref) = function {
      return invoke(ref, positional: arguments, keywords: keywords, caller: frame)
    }
    if case .object(let className, -1) = function, className.hasPrefix("class ") {
      return construct(String(className.dropFirst(6)), arguments, keywords)
    }
    if let value = constructor(
      name, expr, callee, argumentExprs, arguments, keywordExprs, keywords, in: frame)
    {
      return value
    }
    for value in arguments + keywords.map(\.1) {
      for id in value.schedulerIDs { schedulers[id].handedOff = true }
    }
    implicitTraining(name, expr, arguments + keywords.map(\.1))
    return builtin(name, arguments, keywords)
  }

  /// A helper the script calls but does not define (`train_one_epoch(model, loader,
  /// optimizer)`), handed the optimizer: it steps it — once per batch of a whole epoch when
  /// its name says epoch, else once.
  func implicitTraining(_ name: String, _ expr: ScriptExpr, _ arguments: [ScriptValue]) {
    let lowered = name.lowercased()
    guard arguments.contains(where: { if case .optimizer = $0 { true } else { false } }),
      ["train", "fit", "step"].contains(where: lowered.contains)
    else { return }
    // Named for an epoch, or called once per epoch (not from inside a batch loop): a whole
    // epoch of batches.
    let inEpochLoop = loopStack.last.map { loops[$0].mentionsEpoch } ?? true
    if lowered.contains("epoch") || (inEpochLoop && !lowered.contains("step")) {
      let id = loopID(
        ScriptStatement(kind: .keyword("call"), line: expr.line, column: expr.column),
        isWhile: false, names: ["batch"], count: nil, loader: true)
      within(id) { record(.optimizerStep, at: expr) }
    } else {
      record(.optimizerStep, at: expr)
    }
  }

  func keyword(_ keywords: [(String, ScriptValue)], _ name: String) -> ScriptValue? {
    keywords.last { $0.0 == name }?.1
  }

  func methodCall(
    _ expr: ScriptExpr, _ baseExpr: ScriptExpr, _ base: ScriptValue, _ method: String,
    _ argumentExprs: [ScriptExpr], _ arguments: [ScriptValue], _ keywordExprs: [ScriptKeyword],
    _ keywords: [(String, ScriptValue)], in frame: Frame
  ) -> ScriptValue? {
    let receiver = baseExpr.dottedName ?? ""
    let lowered = receiver.lowercased()
    if method == "step" {
      switch base {
      case .scheduler(let id):
        recordSchedulerStep(id, receiver, argumentExprs, keywordExprs, at: expr)
        return ScriptValue.none
      case .optimizer:
        record(.optimizerStep, at: expr)
        return ScriptValue.none
      case .scaler:
        record(.optimizerStep, at: expr)
        return ScriptValue.none
      case .unknown:
        if lowered.contains("sched") {
          recordSchedulerStep(nil, receiver, argumentExprs, keywordExprs, at: expr)
          return ScriptValue.none
        }
        if lowered.contains("scaler") || lowered.contains("optim") || lowered == "opt"
          || lowered.hasSuffix(".opt") || lowered.hasSuffix("_opt") || lowered.hasPrefix("opt_")
        {
          record(.optimizerStep, at: expr)
          return ScriptValue.none
        }
      default: break
      }
    }
    if method == "optimizer_step", lowered == "xm" {
      record(.optimizerStep, at: expr)
      return ScriptValue.none
    }
    switch base {
    case .function(let ref):
      // `functools` style attribute calls on a function: not followed.
      _ = ref
      return nil
    case .object(_, let id) where id >= 0:
      if let info = classes[objects[id].className], var ref = info.methods[method] {
        ref.receiver = id
        return invoke(ref, positional: arguments, keywords: keywords, caller: frame)
      }
      if method == "optimizers" || method == "lr_schedulers" {
        return objects[id].attributes["__" + method] ?? .unknown
      }
      if ["to", "cuda", "cpu", "train", "eval", "double", "float", "half"].contains(method) {
        return base
      }
      return nil
    case .argumentParser(let id):
      switch method {
      case "add_argument":
        registerArgument(parser: id, arguments, keywords)
        return ScriptValue.none
      case "parse_args": return base
      case "parse_known_args": return .tuple([base, .list([])])
      case "add_argument_group", "add_mutually_exclusive_group": return base
      case "set_defaults":
        for (name, value) in keywords { argumentParsers[id][name] = value }
        return ScriptValue.none
      default: return .unknown
      }
    case .loader, .sized:
      if ["to", "cuda", "cpu"].contains(method) { return base }
      return nil
    case .scheduler:
      if ["get_last_lr", "get_lr", "state_dict", "load_state_dict", "print_lr"].contains(method) {
        return .unknown
      }
      return nil
    case .optimizer:
      if ["zero_grad", "state_dict", "load_state_dict", "add_param_group"].contains(method) {
        return .unknown
      }
      return nil
    case .dict:
      if method == "get", case .string(let key)? = arguments.first {
        return base[key] ?? (arguments.count > 1 ? arguments[1] : .none)
      }
      return nil
    default:
      break
    }
    if method == "prepare", lowered.contains("accelerator") {
      return arguments.count == 1 ? arguments[0] : .tuple(arguments)
    }
    if method == "ArgumentParser" {
      argumentParsers.append([:])
      return .argumentParser(argumentParsers.count - 1)
    }
    if method == "fit" { return nil }
    // `torch.optim.lr_scheduler.StepLR(...)`, `optim.SGD(...)`, `nn.Linear(...)`, …
    let callee = ScriptExpr(
      kind: .attribute(baseExpr, method), line: expr.line, column: expr.column)
    if let value = constructor(
      method, expr, callee, argumentExprs, arguments, keywordExprs, keywords, in: frame)
    {
      return value
    }
    if case .unknown = base {
      let value = builtin(receiver + "." + method, arguments, keywords)
      if case .unknown = value {} else { return value }
    }
    return nil
  }

  func registerArgument(
    parser id: Int, _ arguments: [ScriptValue], _ keywords: [(String, ScriptValue)]
  ) {
    var dest: String?
    for argument in arguments {
      guard case .string(let flag) = argument else { continue }
      if flag.hasPrefix("--") {
        dest = String(flag.dropFirst(2)).replacingOccurrences(of: "-", with: "_")
        break
      }
      if !flag.hasPrefix("-") { dest = flag }
    }
    if case .string(let name)? = keyword(keywords, "dest") { dest = name }
    guard let dest else { return }
    var value = keyword(keywords, "default") ?? .none
    if case .string(let text) = value, let type = keyword(keywords, "type") {
      _ = type
      if let i = Int(text) { value = .int(i) } else if let x = Double(text) { value = .float(x) }
    }
    argumentParsers[id][dest] = value
  }

  func recordSchedulerStep(
    _ id: Int?, _ receiver: String, _ arguments: [ScriptExpr], _ keywords: [ScriptKeyword],
    at expr: ScriptExpr
  ) {
    let metricKeyword = keywords.first { $0.name == "metrics" }?.value
    let metric = arguments.first ?? metricKeyword
    record(
      .schedulerStep(
        scheduler: id, receiver: receiver, hasMetric: metric != nil, metric: metric), at: expr)
  }

  func newObject(_ className: String) -> Int {
    objects.append(ObjectState(className: className))
    return objects.count - 1
  }

  func construct(
    _ className: String, _ arguments: [ScriptValue], _ keywords: [(String, ScriptValue)]
  ) -> ScriptValue {
    let id = newObject(className)
    if var initializer = classes[className]?.methods["__init__"] {
      initializer.receiver = id
      _ = invoke(initializer, positional: arguments, keywords: keywords, caller: module)
    } else {
      // A @dataclass (or NamedTuple): keyword arguments become its fields.
      for (name, value) in keywords { objects[id].attributes[name] = value }
    }
    return .object(className: className, id: id)
  }

  /// Runs a user function's body with its parameters bound, inside the current loops.
  func invoke(
    _ function: FunctionRef, positional: [ScriptValue], keywords: [(String, ScriptValue)],
    caller: Frame
  ) -> ScriptValue {
    guard callStack.count < Self.maxCallDepth, !callStack.contains(function.key) else {
      return .unknown
    }
    walkedFunctions.insert(function.key)
    let frame = Frame(parent: function.closure ?? module)
    var parameters = function.parameters
    if let receiver = function.receiver, !parameters.isEmpty {
      frame.names[parameters[0].name] = .object(
        className: objects[receiver].className, id: receiver)
      parameters.removeFirst()
    }
    for (index, parameter) in parameters.enumerated() {
      if index < positional.count {
        frame.names[parameter.name] = positional[index]
      } else if let value = keyword(keywords, parameter.name) {
        frame.names[parameter.name] = value
      } else if let defaultExpr = parameter.defaultValue {
        frame.names[parameter.name] = evaluate(defaultExpr, in: module)
      } else {
        frame.names[parameter.name] = .unknown
      }
    }
    callStack.append(function.key)
    frameConditionBase.append(conditionStack.count)
    let insideLoop = !loopStack.isEmpty
    if insideLoop { loopAssigned.append(Set(function.parameters.map { $0.name.lowercased() })) }
    walk(function.body, in: frame)
    if insideLoop { loopAssigned.removeLast() }
    frameConditionBase.removeLast()
    callStack.removeLast()
    return frame.returned ?? .none
  }

  // MARK: - Constructors and builtins

  /// Optimizers, schedulers, data loaders and other objects whose identity or size matters.
  func constructor(
    _ name: String, _ expr: ScriptExpr, _ callee: ScriptExpr, _ argumentExprs: [ScriptExpr],
    _ arguments: [ScriptValue], _ keywordExprs: [ScriptKeyword],
    _ keywords: [(String, ScriptValue)], in frame: Frame
  ) -> ScriptValue? {
    if KnownNames.schedulerSignatures[name] != nil {
      return .scheduler(
        makeScheduler(name, expr, argumentExprs, arguments, keywordExprs, keywords))
    }
    if KnownNames.optimizerClasses.contains(name) {
      let key = "\(expr.line):\(expr.column)"
      if let id = optimizerIndex[key] { return .optimizer(id) }
      let lr = keyword(keywords, "lr")?.number ?? (arguments.count > 1 ? arguments[1].number : nil)
      let id = optimizers.count
      optimizers.append(
        OptimizerRecord(
          id: id, className: name, line: expr.line, column: expr.column, lr: lr, call: expr))
      optimizerIndex[key] = id
      return .optimizer(id)
    }
    switch name {
    case "GradScaler": return .scaler
    case "ArgumentParser":
      argumentParsers.append([:])
      return .argumentParser(argumentParsers.count - 1)
    case "DataLoader":
      let dataset = arguments.first ?? keyword(keywords, "dataset") ?? .unknown
      let batch =
        (keyword(keywords, "batch_size") ?? (arguments.count > 1 ? arguments[1] : .int(1))).int
      let dropLast = keyword(keywords, "drop_last")?.truth ?? false
      guard let size = dataset.length, let batch, batch > 0 else { return .loader(length: nil) }
      return .loader(length: dropLast ? size / batch : (size + batch - 1) / batch)
    case "TensorDataset":
      return .sized(length: arguments.first?.length)
    case "Trainer":
      trainerCalls.append(
        TrainerCall(
          maxEpochs: keyword(keywords, "max_epochs"), maxSteps: keyword(keywords, "max_steps"),
          line: expr.line))
      return .unknown
    default:
      return nil
    }
  }

  func builtin(_ name: String, _ arguments: [ScriptValue], _ keywords: [(String, ScriptValue)])
    -> ScriptValue
  {
    let short = name.split(separator: ".").last.map(String.init) ?? name
    if ["int", "ceil", "floor", "min", "max", "round"].contains(short),
      let multiple = arguments.first(where: { $0.batchMultiple != nil })
    {
      return multiple
    }
    switch short {
    case "len":
      if case .loader(nil)? = arguments.first { return .batches(1) }
      return arguments.first?.length.map { .int($0) } ?? .unknown
    case "range":
      let ints = arguments.map(\.int)
      guard !ints.isEmpty, ints.allSatisfy({ $0 != nil }) else { return .sized(length: nil) }
      let values = ints.map { $0! }
      let (start, stop, step) =
        values.count == 1
        ? (0, values[0], 1) : (values[0], values[1], values.count > 2 ? values[2] : 1)
      guard step != 0 else { return .unknown }
      let count = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step
      return .sized(length: max(0, count))
    case "enumerate", "tqdm", "iter", "list", "tuple", "sorted", "reversed", "trange":
      if short == "trange" { return builtin("range", arguments, keywords) }
      guard let first = arguments.first else { return .unknown }
      if case .loader = first { return first }
      if case .list = first, short == "list" { return first }
      return .sized(length: first.length)
    case "zip":
      let lengths = arguments.map(\.length)
      if lengths.allSatisfy({ $0 != nil }), let smallest = lengths.compactMap({ $0 }).min() {
        return arguments.contains(where: { if case .loader = $0 { true } else { false } })
          ? .loader(length: smallest) : .sized(length: smallest)
      }
      return .sized(length: nil)
    case "int":
      if let x = arguments.first?.number, x.isFinite, abs(x) < 1e15 {
        return .int(Int(x.rounded(.towardZero)))
      }
      if case .string(let text)? = arguments.first, let i = Int(text) { return .int(i) }
      return .unknown
    case "float":
      if let x = arguments.first?.number { return .float(x) }
      return .unknown
    case "min", "max":
      let values = arguments.count == 1 ? (arguments[0].listItems ?? []) : arguments
      let numbers = values.map(\.number)
      guard !numbers.isEmpty, numbers.allSatisfy({ $0 != nil }) else { return .unknown }
      let picked = short == "min" ? numbers.map { $0! }.min()! : numbers.map { $0! }.max()!
      let index = numbers.firstIndex { $0 == picked }!
      return values[index]
    case "abs":
      if case .int(let i)? = arguments.first { return .int(abs(i)) }
      return arguments.first?.number.map { .float(abs($0)) } ?? .unknown
    case "round":
      guard let x = arguments.first?.number else { return .unknown }
      if arguments.count == 1 { return .int(Int(x.rounded(.toNearestOrEven))) }
      return .float(x)
    case "ceil", "floor":
      guard let x = arguments.first?.number, x.isFinite, abs(x) < 1e15 else { return .unknown }
      return .int(Int(short == "ceil" ? x.rounded(.up) : x.rounded(.down)))
    case "randn", "rand", "zeros", "ones", "empty", "randperm", "arange":
      if short == "arange" {
        return .sized(length: builtin("range", arguments, keywords).length)
      }
      if let first = arguments.first {
        if case .tuple(let dims) = first { return .sized(length: dims.first?.int) }
        if case .list(let dims) = first { return .sized(length: dims.first?.int) }
        return .sized(length: first.int)
      }
      return .sized(length: nil)
    case "randint":
      if let size = keyword(keywords, "size") ?? (arguments.count > 2 ? arguments[2] : nil) {
        if case .tuple(let dims) = size { return .sized(length: dims.first?.int) }
        return .sized(length: size.int)
      }
      return .sized(length: nil)
    case "linspace", "logspace":
      return .sized(
        length: (keyword(keywords, "steps") ?? (arguments.count > 2 ? arguments[2] : .unknown)).int)
    case "random_split":
      if arguments.count > 1, case .list(let parts) = arguments[1] {
        return .tuple(parts.map { .sized(length: $0.int) })
      }
      return .unknown
    case "cos", "sin", "exp", "sqrt", "log", "tanh":
      guard let x = arguments.first?.number else { return .unknown }
      let y: Double
      switch short {
      case "cos": y = Foundation.cos(x)
      case "sin": y = Foundation.sin(x)
      case "exp": y = Foundation.exp(x)
      case "sqrt": y = x >= 0 ? x.squareRoot() : .nan
      case "log": y = x > 0 ? Foundation.log(x) : .nan
      default: y = Foundation.tanh(x)
      }
      return y.isFinite ? .float(y) : .unknown
    case "pow":
      guard arguments.count == 2 else { return .unknown }
      return Self.arithmetic("**", arguments[0], arguments[1])
    default:
      return .unknown
    }
  }

  // MARK: - Schedulers

  func makeScheduler(
    _ name: String, _ expr: ScriptExpr, _ argumentExprs: [ScriptExpr], _ arguments: [ScriptValue],
    _ keywordExprs: [ScriptKeyword], _ keywords: [(String, ScriptValue)]
  ) -> Int {
    let key = "\(expr.line):\(expr.column)"
    var className = name
    var signature = KnownNames.schedulerSignatures[name] ?? []
    var positional = Array(zip(argumentExprs, arguments))
    if name == "get_scheduler" {
      // get_scheduler(name, optimizer, num_warmup_steps=…, num_training_steps=…)
      let nameValue = positional.first?.1 ?? keyword(keywords, "name")
      var text: String?
      if case .string(let s)? = nameValue { text = s }
      if text == nil,
        let first = argumentExprs.first ?? keywordExprs.first(where: { $0.name == "name" })?.value,
        case .attribute(_, let member) = first.kind
      {
        text = member.lowercased()
      }
      if let text, let resolved = KnownNames.hfSchedulerNames[text.lowercased()] {
        className = resolved
      }
      if !positional.isEmpty { positional.removeFirst() }
      signature = ["optimizer", "num_warmup_steps", "num_training_steps"]
    } else if name == "ChainedScheduler" {
      signature = ["schedulers", "optimizer"]
    } else {
      signature = ["optimizer"] + signature
    }
    var record = SchedulerRecord(
      id: schedulers.count, className: className, line: expr.start.line,
      column: expr.start.column, call: expr)
    for (index, (argumentExpr, value)) in positional.enumerated() where index < signature.count {
      record.values[signature[index]] = value
      record.exprs[signature[index]] = argumentExpr
    }
    for (keywordExpr, (name, value)) in zip(keywordExprs, keywords) {
      record.values[name] = value
      record.exprs[name] = keywordExpr.value
    }
    if className == "get_scheduler" || KnownNames.isHF(className),
      case .dict(let extra, _, _)? = record.values["scheduler_specific_kwargs"]
    {
      for (name, value) in extra { record.values[name] = value }
    }
    record.children = record.values["schedulers"]?.schedulerIDs ?? []
    if let id = schedulerIndex[key] {
      record.id = id
      record.variables = schedulers[id].variables
      record.handedOff = schedulers[id].handedOff
      schedulers[id] = record
      return id
    }
    schedulers.append(record)
    schedulerIndex[key] = record.id
    for child in record.children { schedulers[child].parent = record.id }
    return record.id
  }

  // MARK: - Lightning

  /// A scheduler `configure_optimizers` returned, and how the Trainer steps it.
  typealias LightningScheduler = (
    scheduler: Int, interval: String, frequency: Int, monitor: Bool, line: Int, column: Int
  )

  /// `trainer.fit(model)` on a LightningModule: the Trainer's own epoch and batch loops around
  /// `training_step`, with the optimizer stepped after it and the schedulers
  /// `configure_optimizers` returned stepped per `interval`.
  func runLightning(_ info: ClassInfo) {
    let object = newObject(info.name)
    // A fresh module with its constructor's defaults (as `trainer.fit(Model())` would get).
    if var initializer = info.methods["__init__"] {
      initializer.receiver = object
      _ = invoke(initializer, positional: [], keywords: [], caller: module)
    }
    var configured: [LightningScheduler] =
      []
    if var configure = info.methods["configure_optimizers"] {
      configure.receiver = object
      let returned = invoke(configure, positional: [], keywords: [], caller: module)
      configured = lightningSchedulers(returned, at: configure)
      var optimizersValue: ScriptValue = .unknown
      if case .dict = returned { optimizersValue = returned["optimizer"] ?? .unknown }
      if case .tuple(let parts) = returned, let first = parts.first { optimizersValue = first }
      if case .list(let parts) = returned, let first = parts.first { optimizersValue = first }
      if case .optimizer = returned { optimizersValue = returned }
      if case .list(let items) = optimizersValue, items.count == 1 { optimizersValue = items[0] }
      objects[object].attributes["__optimizers"] = optimizersValue
      let ids = configured.map(\.scheduler)
      objects[object].attributes["__lr_schedulers"] =
        ids.count == 1 ? .scheduler(ids[0]) : .list(ids.map { .scheduler($0) })
    }
    for entry in configured { schedulers[entry.scheduler].frameworkInterval = entry.interval }
    let manual: Bool
    if case .bool(false)? = objects[object].attributes["automatic_optimization"] {
      manual = true
    } else {
      manual = false
    }
    let epochs = trainerCalls.first?.maxEpochs?.int
    let anchor = info.methods["training_step"]!
    let epochLoop = syntheticLoop(
      "lightning-epoch", line: anchor.line, column: anchor.column, count: epochs)
    let batchLoop = syntheticLoop(
      "lightning-batch", line: anchor.line, column: anchor.column, count: nil)
    func hook(_ name: String, _ arguments: [ScriptValue]) {
      guard var method = info.methods[name] else { return }
      method.receiver = object
      walkedFunctions.remove(method.key)
      _ = invoke(method, positional: arguments, keywords: [], caller: module)
    }
    func frameworkStep(
      _ entry: LightningScheduler
    ) {
      record(
        .schedulerStep(
          scheduler: entry.scheduler,
          receiver: schedulers[entry.scheduler].variables.first ?? "lr_scheduler",
          hasMetric: entry.monitor, metric: nil), line: entry.line, column: entry.column)
      frameworkSteps.insert("\(entry.line):\(entry.column)")
    }
    within(epochLoop) {
      hook("on_train_epoch_start", [])
      within(batchLoop) {
        hook("training_step", [.unknown, .unknown])
        if !manual {
          record(.optimizerStep, line: anchor.line, column: anchor.column)
          for entry in configured where entry.interval == "step" { frameworkStep(entry) }
        }
        hook("on_train_batch_end", [.unknown, .unknown, .unknown])
      }
      hook("on_train_epoch_end", [])
      hook("training_epoch_end", [.unknown])
      if info.methods["validation_step"] != nil {
        let validation = syntheticLoop(
          "lightning-validation", line: anchor.line, column: anchor.column, count: nil)
        within(validation) { hook("validation_step", [.unknown, .unknown]) }
      }
      hook("on_validation_epoch_end", [])
      hook("validation_epoch_end", [.unknown])
      if !manual {
        for entry in configured where entry.interval != "step" { frameworkStep(entry) }
      }
    }
  }

  /// Runs `body` as one iteration of `loop` (its events get the loop and a fresh visit).
  func within(_ loop: Int, _ body: () -> Void) {
    loopStack.append(loop)
    visitCounter += 1
    visitStack.append(visitCounter)
    body()
    visitStack.removeLast()
    loopStack.removeLast()
  }

  /// The schedulers in what `configure_optimizers` returns, with their `interval`.
  func lightningSchedulers(_ value: ScriptValue, at function: FunctionRef) -> [LightningScheduler] {
    var result: [LightningScheduler] = []
    func config(_ item: ScriptValue, monitorDefault: Bool) {
      switch item {
      case .scheduler(let id):
        result.append((id, "epoch", 1, monitorDefault, schedulers[id].line, schedulers[id].column))
      case .dict(_, let line, let column):
        if let inner = item["lr_scheduler"] {
          let monitor = item["monitor"] != nil
          config(inner, monitorDefault: monitor)
          return
        }
        guard case .scheduler(let id)? = item["scheduler"] else {
          for id in item.schedulerIDs { schedulers[id].handedOff = true }
          return
        }
        var interval = "epoch"
        if case .string(let text)? = item["interval"] { interval = text }
        let frequency = item["frequency"]?.int ?? 1
        let monitor = item["monitor"] != nil || monitorDefault
        result.append((id, interval, frequency, monitor, line, column))
      case .list(let items), .tuple(let items):
        for inner in items { config(inner, monitorDefault: monitorDefault) }
      default:
        for id in item.schedulerIDs { schedulers[id].handedOff = true }
      }
    }
    // `[optimizers], [schedulers]`, a config dict, a list of them, or one scheduler.
    switch value {
    case .tuple(let parts) where parts.count == 2, .list(let parts) where parts.count == 2:
      if case .list = parts[1] {
        config(parts[1], monitorDefault: false)
      } else {
        config(.list(parts), monitorDefault: false)
      }
    default:
      config(value, monitorDefault: false)
    }
    return result
  }
}

extension ScriptValue {
  var listItems: [ScriptValue]? {
    switch self {
    case .list(let items), .tuple(let items): return items
    default: return nil
    }
  }
}

extension ScriptExpr {
  /// The value of an int literal.
  var int: Int? {
    if case .int(let value) = kind { return value }
    return nil
  }
}

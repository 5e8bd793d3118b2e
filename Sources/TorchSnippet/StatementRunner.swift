import Schedulers

/// Runs statements — a snippet's top level, a function's body, a class body — as a reader of
/// scripts: what builds the optimizer and schedulers is evaluated; loops, `with`, `try`,
/// training calls and anything lrlab cannot read are skipped (noted for `--verbose`), and the
/// names they would have set hold opaque values, which are an error only where the schedule
/// needs them.
struct StatementRunner {
  let environment: Environment
  let lines: SourceLines
  /// nil at the top level (names are global).
  var locals: [String: PyValue]?
  var globalNames: Set<String> = []
  /// In a class body: what its methods close over (the enclosing function's locals).
  var enclosing: [String: PyValue]?

  init(environment: Environment, lines: SourceLines, locals: [String: PyValue]?) {
    self.environment = environment
    self.lines = lines
    self.locals = locals
  }

  enum Flow {
    case next
    case returned(PyValue)
    case breakLoop
    case continueLoop
  }

  var evaluator: ExpressionEvaluator {
    ExpressionEvaluator(environment: environment, lines: lines, locals: locals ?? [:])
  }

  mutating func runFunction(_ body: [Statement]) throws(SnippetError) -> PyValue {
    if case .returned(let value) = try run(body) { return value }
    return .none
  }

  mutating func run(_ statements: [Statement]) throws(SnippetError) -> Flow {
    for statement in statements {
      let flow = try execute(statement)
      if case .next = flow { continue }
      return flow
    }
    return .next
  }

  /// One statement; what lrlab cannot read is skipped (unless it is fatal or a Python error).
  mutating func execute(_ statement: Statement) throws(SnippetError) -> Flow {
    do {
      return try executeStrictly(statement)
    } catch let error where error.pythonError == nil && !error.isFatal {
      skip(statement, because: error)
      return .next
    }
  }

  func note(_ message: String, _ statement: Statement) {
    environment.note(message, line: statement.line, column: statement.column)
  }

  /// Skips a statement that could not be read: its names become opaque, the error is kept.
  mutating func skip(_ statement: Statement, because error: SnippetError) {
    environment.skipCount += 1
    if environment.deferred.count < 100 { environment.deferred.append(error) }
    note("not read: \(error.message)", statement)
    let opaque = Opaque(
      "the value set at line \(statement.line)", line: error.line, column: error.column,
      error: error)
    for name in Self.assignedNames([statement]) { setName(name, .opaque(opaque)) }
  }

  /// Skips a block that is never run (a loop, `with`, `try`, an `if` whose test is unknown).
  mutating func skipBlock(_ statement: Statement, _ what: String) {
    environment.skipCount += 1
    note("\(what) is not run", statement)
    for name in Self.assignedNames([statement]) {
      let opaque = Opaque(
        "'\(name)' (set inside the \(what) at line \(statement.line), which is not run)",
        line: statement.line, column: statement.column)
      setName(name, .opaque(opaque))
    }
  }

  mutating func setName(_ name: String, _ value: PyValue) {
    if locals == nil || globalNames.contains(name) {
      environment.names[name] = value
    } else {
      locals?[name] = value
    }
    switch value {
    case .network(let network) where !network.hasName:
      network.name = name
      network.hasName = true
    case .opaque(let o) where environment.opaqueBindings.count < 1000:
      environment.opaqueBindings.append((name, o))
    default: break
    }
    environment.constructor?.bound(name, value)
  }

  mutating func executeStrictly(_ statement: Statement) throws(SnippetError) -> Flow {
    switch statement.kind {
    case .assign(let targets, let valueExpr):
      let value = try evaluator.evaluate(valueExpr)
      for target in targets { try assign(target, value) }
    case .annotatedAssign(let target, _, let valueExpr):
      if let valueExpr { try assign(target, try evaluator.evaluate(valueExpr)) }
    case .augmentedAssign(let target, let op, let valueExpr):
      let current = try evaluator.evaluate(Self.expression(of: target))
      let value = try evaluator.evaluate(valueExpr)
      let expr = Expr(kind: .none, line: target.line, column: target.column)
      if case .opaque = current {
        try assign(target, current)
      } else if case .opaque = value {
        try assign(target, value)
      } else {
        try environment.budget.checkSize(
          PyArithmetic.resultSize(op, current, value), at: expr, lines: lines)
        try assign(
          target,
          try evaluator.at(expr) { () throws(SchedulerError) in
            try PyArithmetic.binary(op, current, value)
          })
      }
    case .expression(let expr):
      try expressionStatement(expr, statement)
    case .importModules(let modules):
      for (module, alias) in modules { setName(alias, .module(module)) }
    case .importFrom(let module, let names):
      try importFrom(module, names, statement)
    case .forLoop(let target, let iterableExpr, let body, let orElse):
      return try forLoop(statement, target, iterableExpr, body, orElse)
    case .whileLoop:
      skipBlock(statement, "'while' loop")
    case .with:
      skipBlock(statement, "'with' block")
    case .tryBlock:
      skipBlock(statement, "'try' block")
    case .ifChain(let branches, let orElse):
      var chosen = orElse
      for branch in branches {
        let test = try evaluator.evaluate(branch.test)
        guard let truth = test.truth else {
          if let o = test.opaque, environment.deferred.count < 100 {
            environment.deferred.append(o.refusal(lines))
          }
          skipBlock(statement, "'if' whose condition lrlab cannot evaluate")
          return .next
        }
        if truth {
          chosen = branch.body
          break
        }
      }
      return try run(chosen)
    case .function(let definition):
      let function = PythonFunction(
        name: definition.name, parameters: definition.parameters,
        body: .statements(definition.body),
        defaults: try evaluator.defaults(of: definition.parameters),
        captured: enclosing ?? locals ?? [:])
      function.decorators = definition.decorators.map(Self.decoratorName)
      (function.line, function.column) = (statement.line, statement.column)
      setName(definition.name, .function(function))
    case .classDefinition(let definition):
      setName(definition.name, .userClass(try makeClass(definition)))
    case .returnValue(let valueExpr):
      return .returned(
        try valueExpr.map { e throws(SnippetError) in try evaluator.evaluate(e) } ?? .none)
    case .simple(let keyword, let expressions):
      switch keyword {
      case "break": return .breakLoop
      case "continue": return .continueLoop
      case "global", "nonlocal":
        for case .name(let name) in expressions.map(\.kind) { globalNames.insert(name) }
      case "raise":
        if let first = expressions.first, case .object(let object) = try evaluator.evaluate(first),
          Builtins.exceptionNames.contains(object.className)
        {
          var message = ""
          if case .string(let text)? = object.attributes["__message__"] { message = text }
          throw evaluator.python(SchedulerError(object.className, message), at: first)
        }
        note("'raise' is not run", statement)
      default: break
      }
    }
    return .next
  }

  static func decoratorName(_ expr: Expr) -> String {
    switch expr.kind {
    case .name(let name): return name
    case .attribute(_, let name): return name
    case .call(let callee, _, _): return decoratorName(callee)
    default: return ""
    }
  }

  /// An expression statement: calls that can build something (the script's functions and
  /// classes, constructors, `list.append`, `parser.add_argument`) run; the rest
  /// (`print(...)`, `scheduler.step()`, `loss.backward()`) is skipped.
  mutating func expressionStatement(_ expr: Expr, _ statement: Statement) throws(SnippetError) {
    guard case .call(let calleeExpr, let argumentExprs, let keywordExprs) = expr.kind else {
      return
    }
    if case .attribute(let baseExpr, let method) = calleeExpr.kind {
      let base = try evaluator.evaluate(baseExpr)
      switch base {
      case .list, .dict, .set:
        guard
          [
            "append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse",
            "update", "setdefault", "add", "discard",
          ].contains(method)
        else { return }
        var arguments: [PyValue] = []
        for argument in argumentExprs { arguments.append(try evaluator.evaluate(argument)) }
        var keywords: [(String, PyValue)] = []
        for keyword in keywordExprs {
          keywords.append((keyword.name, try evaluator.evaluate(keyword.value)))
        }
        if let o = arguments.lazy.compactMap({ $0.opaque }).first {
          // The container's contents are no longer known.
          if let target = Self.target(of: baseExpr) { try assign(target, .opaque(o)) }
          return
        }
        let (_, updated) = try evaluator.at(expr) { () throws(SchedulerError) in
          try Builtins.method(base, method, arguments, keywords: keywords)
        }
        if let updated, let target = Self.target(of: baseExpr) { try assign(target, updated) }
        return
      case .network, .parameter:
        _ = try evaluator.evaluate(expr)
        return
      case .object(let object) where object.arguments != nil || object.cls != nil:
        _ = try evaluator.evaluate(expr)
        return
      case .userClass:
        _ = try evaluator.evaluate(expr)
        return
      default:
        note("'\(Self.describe(calleeExpr))(...)' is not run", statement)
        try evaluateArguments(argumentExprs, keywordExprs)
        return
      }
    }
    let callee = try evaluator.evaluate(calleeExpr)
    switch callee {
    case .function, .partial, .userClass, .schedulerClass, .optimizerClass:
      _ = try evaluator.evaluate(expr)
    case .builtin(let name) where name.hasPrefix("torch."):
      return
    default:
      note("'\(Self.describe(calleeExpr))(...)' is not run", statement)
      try evaluateArguments(argumentExprs, keywordExprs)
    }
  }

  /// The arguments of a call that is not run are still evaluated, as Python would before the
  /// call: `sys.exit(main())` runs `main()`. What goes wrong there is only noted.
  func evaluateArguments(_ positional: [Expr], _ keywords: [KeywordArgument])
    throws(SnippetError)
  {
    for expr in positional + keywords.map(\.value) where Self.containsCall(expr) {
      do throws(SnippetError) {
        _ = try evaluator.evaluate(expr)
      } catch {
        if error.isFatal { throw error }
        environment.note("not read: \(error.message)", line: error.line, column: error.column)
      }
    }
  }

  static func containsCall(_ expr: Expr) -> Bool {
    switch expr.kind {
    case .call: return true
    case .starred(let inner), .attribute(let inner, _): return containsCall(inner)
    case .list(let items), .tuple(let items): return items.contains(where: containsCall)
    default: return false
    }
  }

  static func describe(_ expr: Expr) -> String {
    switch expr.kind {
    case .name(let name): return name
    case .attribute(let base, let name): return describe(base) + "." + name
    case .call(let callee, _, _): return describe(callee) + "(...)"
    case .subscript(let base, _): return describe(base) + "[...]"
    default: return "…"
    }
  }

  mutating func importFrom(
    _ module: String, _ names: [(name: String, alias: String)]?, _ statement: Statement
  ) throws(SnippetError) {
    guard let names else {
      let members = ModuleNames.allMembers(of: module)
      if members.isEmpty {
        note("'from \(module) import *': lrlab does not know what it holds", statement)
      }
      for (name, value) in members { setName(name, value) }
      return
    }
    for (name, alias) in names {
      if let value = ModuleNames.member(of: module, name) {
        setName(alias, value)
      } else if let known = ModuleNames.knownMembers(of: module) {
        if known.contains(name) {
          setName(
            alias,
            .opaque(
              Opaque(
                "'\(name)' from '\(module)' (outside the supported subset)",
                line: statement.line, column: statement.column)))
        } else {
          var message = "cannot import name '\(name)' from '\(module)'"
          if let suggestion = DidYouMean.suggest(
            name, among: Array(known) + ModuleNames.modelledMembers(of: module))
          {
            message += ". Did you mean: '\(suggestion)'?"
          }
          throw lines.error(
            "ImportError: \(message)", line: statement.line, column: statement.column,
            pythonError: SchedulerError("ImportError", message))
        }
      } else if ModuleNames.modelled.contains(module + "." + name) {
        setName(alias, .module(module + "." + name))
      } else {
        setName(
          alias,
          .opaque(
            Opaque("'\(name)' (from \(module))", line: statement.line, column: statement.column)))
      }
    }
  }

  /// A `for` loop runs only over a network's parameters (the weight-decay grouping and
  /// freezing idioms); every other loop (epochs, batches) is skipped.
  mutating func forLoop(
    _ statement: Statement, _ target: Target, _ iterableExpr: Expr, _ body: [Statement],
    _ orElse: [Statement]
  ) throws(SnippetError) -> Flow {
    let iterable = try? evaluator.evaluate(iterableExpr)
    var runnable = false
    switch iterable {
    case .parameters?: runnable = true
    case .list(let items)?, .tuple(let items)?:
      runnable =
        !items.isEmpty
        && items.allSatisfy { item in
          switch item {
          case .parameter, .network: return true
          case .tuple(let pair):
            return pair.count == 2
              && {
                if case .parameter = pair[1] {
                  true
                } else if case .network = pair[1] {
                  true
                } else {
                  false
                }
              }()
          default: return false
          }
        }
    default: break
    }
    guard runnable, let iterable else {
      if case .attribute(_, "param_groups") = iterableExpr.kind,
        case .list? = iterable, Self.assignsItems(body)
      {
        throw evaluator.fatal(
          "changing the optimizer's param groups in a loop is outside the supported subset: "
            + "give each group's values to the optimizer", at: iterableExpr)
      }
      skipBlock(statement, "'for' loop")
      return .next
    }
    for item in try evaluator.iterate(iterable, at: iterableExpr) {
      try evaluator.tick(iterableExpr)
      try assign(target, item)
      switch try run(body) {
      case .breakLoop: return .next
      case .returned(let value): return .returned(value)
      case .next, .continueLoop: continue
      }
    }
    return try run(orElse)
  }

  static func assignsItems(_ statements: [Statement]) -> Bool {
    statements.contains { statement in
      switch statement.kind {
      case .assign(let targets, _):
        return targets.contains { if case .item = $0 { true } else { false } }
      case .augmentedAssign(.item, _, _): return true
      case .ifChain(let branches, let orElse):
        return branches.contains { assignsItems($0.body) } || assignsItems(orElse)
      default: return false
      }
    }
  }

  mutating func makeClass(_ definition: ClassDefinition) throws(SnippetError) -> ClassObject {
    var bases: [PyValue] = []
    for base in definition.bases {
      bases.append(
        (try? evaluator.evaluate(base))
          ?? .opaque(Opaque("a base class", line: base.line, column: base.column)))
    }
    let isModule = bases.contains { base in
      switch base {
      case .builtin(let name): return name.hasPrefix("torch.nn.")
      case .userClass(let cls): return cls.isModule
      case .opaque(let o): return o.description.contains("Module")
      default: return false
      }
    }
    var body = StatementRunner(environment: environment, lines: lines, locals: [:])
    body.enclosing = locals ?? [:]
    _ = try body.run(definition.body)
    let isDataclass = definition.decorators.contains { Self.decoratorName($0) == "dataclass" }
    var fields: [String] = []
    for statement in definition.body {
      if case .annotatedAssign(.name(let name, _, _), _, _) = statement.kind { fields.append(name) }
    }
    return ClassObject(
      name: definition.name, bases: bases, attributes: body.locals ?? [:], isModule: isModule,
      dataclassFields: isDataclass ? fields : nil)
  }

  // MARK: assignment

  mutating func assign(_ target: Target, _ value: PyValue) throws(SnippetError) {
    switch target {
    case .name(let name, _, _):
      setName(name, value)
    case .tuple(let targets, let line, let column):
      let items = try unpack(value, targets: targets, line: line, column: column, lines: lines)
      for (inner, item) in zip(targets, items) { try assign(inner, item) }
    case .starred(let inner, _, _):
      try assign(inner, value)
    case .attribute(let baseExpr, let name, let line, let column):
      let base = try evaluator.evaluate(baseExpr)
      let position = Expr(kind: .none, line: line, column: column)
      switch base {
      case .network(let network):
        switch value {
        case .network(let child): network.setChild(name, child)
        case .parameter(let parameter): network.setParameter(name, parameter)
        case .opaque:
          // An attribute lrlab cannot read is most often a pretrained sub-model.
          network.setChild(name, Network.layer("Module", name: name, lenient: true))
        default:
          network.attributes[name] = value
        }
      case .object(let object): object.attributes[name] = value
      case .userClass(let cls): cls.attributes[name] = value
      case .parameter(let parameter) where name == "requires_grad":
        parameter.requiresGrad = value.isTruthy
      case .optimizer, .scheduler:
        throw evaluator.fatal(
          "setting '\(name)' on the \(base.typeName) is outside the supported subset", at: position)
      default:
        environment.note(
          "'\(Self.describe(baseExpr)).\(name) = …' is not run", line: line, column: column)
      }
    case .item(let baseExpr, let indexExpr, let line, let column):
      let container = try evaluator.evaluate(baseExpr)
      let key = try evaluator.evaluate(indexExpr)
      let position = Expr(kind: .none, line: line, column: column)
      if Self.reachesOptimizer(baseExpr, evaluator) {
        throw evaluator.fatal(
          "assigning to an optimizer's param groups is outside the supported subset: give "
            + "each group's values to the optimizer", at: position)
      }
      let updated: PyValue
      switch container {
      case .dict(let entries):
        var builder = DictBuilder(entries)
        try evaluator.at(position) { () throws(SchedulerError) in try builder.set(key, value) }
        updated = .dict(builder.entries)
      case .list(var items):
        guard case .int(let i) = PyArithmetic.Number(key) else {
          throw evaluator.python(
            .typeError("list indices must be integers or slices, not \(key.typeName)"),
            at: position)
        }
        let index = i < 0 ? items.count + i : i
        guard index >= 0 && index < items.count else {
          throw evaluator.python(
            SchedulerError("IndexError", "list assignment index out of range"), at: position)
        }
        items[index] = value
        updated = .list(items)
      default:
        environment.note(
          "'\(Self.describe(baseExpr))[…] = …' is not run", line: line, column: column)
        return
      }
      if let baseTarget = Self.target(of: baseExpr) { try assign(baseTarget, updated) }
    }
  }

  /// Whether `expr` reads from an optimizer or scheduler (`optimizer.param_groups[0]`).
  static func reachesOptimizer(_ expr: Expr, _ evaluator: ExpressionEvaluator) -> Bool {
    var current = expr
    while true {
      switch current.kind {
      case .attribute(let base, _), .subscript(let base, _):
        if let value = try? evaluator.evaluate(base) {
          switch value {
          case .optimizer, .scheduler: return true
          default: break
          }
        }
        current = base
      default:
        return false
      }
    }
  }

  /// The target an expression names, to write a changed container back.
  static func target(of expr: Expr) -> Target? {
    switch expr.kind {
    case .name(let name): return .name(name, line: expr.line, column: expr.column)
    case .attribute(let base, let name):
      return .attribute(base, name, line: expr.line, column: expr.column)
    case .subscript(let base, let index):
      return .item(base, index, line: expr.line, column: expr.column)
    default: return nil
    }
  }

  /// The expression reading what a target names (for `x += 1`).
  static func expression(of target: Target) -> Expr {
    switch target {
    case .name(let name, let line, let column):
      return Expr(kind: .name(name), line: line, column: column)
    case .attribute(let base, let name, let line, let column):
      return Expr(kind: .attribute(base, name), line: line, column: column)
    case .item(let base, let index, let line, let column):
      return Expr(kind: .subscript(base, index), line: line, column: column)
    case .tuple(_, let line, let column), .starred(_, let line, let column):
      return Expr(kind: .none, line: line, column: column)
    }
  }

  /// The names a statement (and the blocks inside it, but not nested `def` / `class`
  /// bodies) binds.
  static func assignedNames(_ statements: [Statement]) -> [String] {
    var names: [String] = []
    for statement in statements {
      switch statement.kind {
      case .assign(let targets, _): names += targets.flatMap(\.boundNames)
      case .augmentedAssign(let target, _, _), .annotatedAssign(let target, _, _):
        names += target.boundNames
      case .importModules(let modules): names += modules.map(\.alias)
      case .importFrom(_, let imported): names += (imported ?? []).map(\.alias)
      case .forLoop(let target, _, let body, let orElse):
        names += target.boundNames + assignedNames(body) + assignedNames(orElse)
      case .whileLoop(_, let body, let orElse):
        names += assignedNames(body) + assignedNames(orElse)
      case .with(let items, let body):
        names += items.compactMap(\.target).flatMap(\.boundNames) + assignedNames(body)
      case .tryBlock(let body, let handlers, let orElse, let finally):
        names +=
          assignedNames(body)
          + handlers.flatMap { ($0.name.map { [$0] } ?? []) + assignedNames($0.body) }
          + assignedNames(orElse) + assignedNames(finally)
      case .ifChain(let branches, let orElse):
        names += branches.flatMap { assignedNames($0.body) } + assignedNames(orElse)
      case .function(let definition): names.append(definition.name)
      case .classDefinition(let definition): names.append(definition.name)
      case .expression, .returnValue, .simple: break
      }
    }
    var seen: Set<String> = []
    return names.filter { seen.insert($0).inserted }
  }
}

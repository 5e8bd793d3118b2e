import Schedulers

/// Runs a snippet's top level: imports, assignments and constructor calls, in order.
final class SnippetBuilder: ConstructorHandler {
  let lines: SourceLines
  let context: SnippetContext
  let environment = Environment()
  var constructed: [ConstructedScheduler] = []
  var optimizerRecords: [(optimizer: OptimizerState, arguments: [SnippetArgument])] = []
  var implicitOptimizerState: OptimizerState?

  init(lines: SourceLines, context: SnippetContext) {
    self.lines = lines
    self.context = context
    var names: [String: PyValue] = [
      "torch": .module("torch"), "math": .module("math"),
      "model": .network("model"), "backbone": .network("backbone"), "head": .network("head"),
      "train_loader": .loader(name: "train_loader", length: context.trainLoaderLength),
      "num_epochs": .int(context.numEpochs), "__name__": .string("__main__"),
    ]
    for name in ModuleNames.schedulerClasses { names[name] = .schedulerClass(name) }
    for (name, kind) in ModuleNames.optimizerClasses { names[name] = .optimizerClass(kind) }
    environment.names = names
  }

  var evaluator: ExpressionEvaluator {
    ExpressionEvaluator(environment: environment, lines: lines, constructor: self)
  }

  func run(_ statements: [Statement]) throws(SnippetError) -> BuiltSchedule {
    // Lambdas handed to schedulers keep the environment alive; drop the objects in it once
    // built so no reference cycle (environment → scheduler → lambda → environment) remains.
    defer { purgeObjects() }
    for statement in statements { try execute(statement) }
    let chosen: ConstructedScheduler
    if case .scheduler(let object) = environment.names["scheduler"],
      let record = constructed.last(where: { $0.scheduler === object.scheduler })
    {
      chosen = record
    } else if let last = constructed.last {
      chosen = last
    } else {
      let line = max(1, lines.lines.count)
      throw lines.error(
        "no scheduler in the snippet: expected a line such as "
          + "`scheduler = StepLR(optimizer, step_size=10)`", line: line, column: 1)
    }
    let optimizer = chosen.scheduler.optimizer
    let arguments = optimizerRecords.first { $0.optimizer === optimizer }?.arguments ?? []
    let variable: String? =
      if case .scheduler(let object) = environment.names["scheduler"],
        object.scheduler === chosen.scheduler
      {
        "scheduler"
      } else {
        chosen.variable
      }
    return BuiltSchedule(
      optimizer: optimizer, scheduler: chosen.scheduler, schedulerVariable: variable,
      schedulers: constructed, optimizerArguments: arguments,
      optimizerWasImplicit: optimizer === implicitOptimizerState, context: context)
  }

  func purgeObjects() {
    environment.names = environment.names.filter { _, value in
      switch value {
      case .scheduler, .optimizer, .method: return false
      default: return true
      }
    }
  }

  func execute(_ statement: Statement) throws(SnippetError) {
    switch statement.kind {
    case .assign(let targets, let valueExpr):
      let value = try evaluator.evaluate(valueExpr)
      for target in targets { try assign(target, value, valueExpr) }
    case .augmentedAssign(let target, let op, let valueExpr):
      guard case .name(let name, let line, let column) = target else { return }
      let current = try evaluator.lookup(
        name, at: Expr(kind: .name(name), line: line, column: column))
      let value = try evaluator.evaluate(valueExpr)
      let expr = Expr(kind: .none, line: line, column: column)
      environment.names[name] = try evaluator.at(expr) { () throws(SchedulerError) in
        try PyArithmetic.binary(op, current, value)
      }
    case .expression(let expr):
      // Only constructor calls run; `scheduler.step()`, `print(...)` and training calls are
      // the loop's business, not the schedule's.
      if case .call(let callee, _, _) = expr.kind, isConstructor(callee) {
        _ = try evaluator.evaluate(expr)
      }
    case .importModules(let modules):
      for (module, alias) in modules {
        guard ModuleNames.importable.contains(module) else {
          throw lines.error(
            "importing '\(module)' is outside the supported subset", line: statement.line,
            column: statement.column)
        }
        environment.names[alias] = .module(module)
      }
    case .importFrom(let module, let names):
      guard ModuleNames.importable.contains(module) || module == "torch" else {
        throw lines.error(
          "importing from '\(module)' is outside the supported subset", line: statement.line,
          column: statement.column)
      }
      guard let names else {
        environment.names.merge(ModuleNames.allMembers(of: module)) { $1 }
        return
      }
      for (name, alias) in names where TransformersNames.modules.contains(module) {
        switch TransformersNames.importedName(name, from: module) {
        case .success(let value): environment.names[alias] = value
        case .failure(let error):
          throw lines.error(
            error.description, line: statement.line, column: statement.column,
            pythonError: error)
        }
      }
      if TransformersNames.modules.contains(module) { return }
      for (name, alias) in names {
        let value =
          module == "math"
          ? ModuleNames.allMembers(of: "math")[name] : ModuleNames.member(of: module, name)
        guard let value else {
          throw lines.error(
            "cannot import name '\(name)' from '\(module)'", line: statement.line,
            column: statement.column)
        }
        environment.names[alias] = value
      }
    case .skipped:
      break
    case .ifChain(let branches, let orElse):
      var chosen = orElse
      for branch in branches where try evaluator.evaluate(branch.test).isTruthy {
        chosen = branch.body
        break
      }
      for inner in chosen { try execute(inner) }
    case .function(let definition):
      try FunctionFrame.check(definition.body, lines: lines)
      var defaults: [String: PyValue] = [:]
      for parameter in definition.parameters {
        if let expr = parameter.defaultValue {
          defaults[parameter.name] = try evaluator.evaluate(expr)
        }
      }
      environment.names[definition.name] = .function(
        PythonFunction(definition: definition, defaults: defaults))
    case .returnValue:
      break
    }
  }

  /// Whether a bare call's callee names an optimizer or scheduler class (looked up without
  /// side effects).
  func isConstructor(_ callee: Expr) -> Bool {
    switch callee.kind {
    case .name, .attribute:
      guard let value = try? evaluator.evaluate(callee) else { return false }
      switch value {
      case .schedulerClass, .optimizerClass: return true
      case .builtin(let name): return name.hasPrefix("transformers.")
      default: return false
      }
    default:
      return false
    }
  }

  func assign(_ target: Target, _ value: PyValue, _ valueExpr: Expr) throws(SnippetError) {
    switch target {
    case .name(let name, _, _):
      environment.names[name] = value
      if case .scheduler(let object) = value,
        let index = constructed.lastIndex(where: { $0.scheduler === object.scheduler }),
        constructed[index].variable == nil
      {
        constructed[index].variable = name
      }
    case .tuple(let targets, let line, let column):
      let items = try unpack(value, count: targets.count, line: line, column: column, lines: lines)
      for (inner, item) in zip(targets, items) { try assign(inner, item, valueExpr) }
    }
  }
}

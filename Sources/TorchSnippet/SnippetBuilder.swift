import Schedulers

/// Runs a snippet's (or a whole script's) top level, then picks the scheduler to step.
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
      "model": .network(Network.layer("Module", name: "model", lenient: true)),
      "backbone": .network(Network.layer("Module", name: "backbone", lenient: true)),
      "head": .network(Network.layer("Module", name: "head", lenient: true)),
      "train_loader": .loader(name: "train_loader", length: context.trainLoaderLength),
      "num_epochs": .int(context.numEpochs), "__name__": .string("__main__"),
      "__doc__": .none, "__file__": .string("script.py"),
    ]
    for name in ModuleNames.schedulerClasses { names[name] = .schedulerClass(name) }
    for (name, kind) in ModuleNames.optimizerClasses { names[name] = .optimizerClass(kind) }
    environment.names = names
    environment.trainLoaderLength = context.trainLoaderLength
    environment.budget.cancellation = context.cancellation
    if let steps = context.evaluationSteps { environment.budget.limit = steps }
    environment.constructor = self
  }

  var evaluator: ExpressionEvaluator {
    ExpressionEvaluator(environment: environment, lines: lines)
  }

  func run(_ statements: [Statement]) throws(SnippetError) -> BuiltSchedule {
    // Lambdas handed to schedulers keep the environment alive; drop the objects in it once
    // built so no reference cycle (environment → scheduler → lambda → environment) remains.
    defer { purgeObjects() }
    var runner = StatementRunner(environment: environment, lines: lines, locals: nil)
    _ = try runner.run(statements)
    environment.constructor = nil
    for case .function(let function) in environment.names.values
    where !function.called && !function.isLambda && function.line > 0 {
      environment.note(
        "'def \(function.name)' is never called while the schedule is built: not run",
        line: function.line, column: function.column)
    }
    environment.notes.sort { ($0.line, $0.column) < ($1.line, $1.column) }
    // Lambdas called while stepping get a budget of their own per call.
    environment.budget.used = 0
    environment.budget.limit = WorkBudget.perStepCall
    let chosen: ConstructedScheduler
    if case .scheduler(let object) = environment.names["scheduler"],
      let record = constructed.last(where: { $0.scheduler === object.scheduler })
    {
      chosen = record
    } else if let record = constructed.last(where: { $0.variable == "scheduler" }) {
      chosen = record
    } else if let last = constructed.last {
      chosen = last
    } else {
      throw noScheduler()
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
      optimizerWasImplicit: optimizer === implicitOptimizerState, context: context,
      notes: environment.notes)
  }

  /// Why no scheduler was built: a scheduler-looking name lrlab could not read, the first
  /// statement it could not read, or the plain fact.
  func noScheduler() -> SnippetError {
    if let (_, o) = environment.opaqueBindings.last(where: {
      $0.name.lowercased().contains("sched")
    }) {
      return o.refusal(lines)
    }
    if let first = environment.deferred.first { return first }
    let line = max(1, lines.lines.count)
    return lines.error(
      "no scheduler in the snippet: expected a line such as "
        + "`scheduler = StepLR(optimizer, step_size=10)`", line: line, column: 1)
  }

  func purgeObjects() {
    func holdsObjects(_ value: PyValue, _ depth: Int = 0) -> Bool {
      switch value {
      case .scheduler, .optimizer, .method: return true
      case .list(let items), .tuple(let items):
        return depth < 4 && items.contains { holdsObjects($0, depth + 1) }
      case .dict(let entries):
        return depth < 4 && entries.contains { holdsObjects($0.value, depth + 1) }
      default: return false
      }
    }
    environment.names = environment.names.filter { !holdsObjects($0.value) }
    for value in environment.names.values {
      switch value {
      case .object(let object):
        object.attributes = object.attributes.filter { !holdsObjects($0.value) }
      case .network(let network):
        network.attributes = network.attributes.filter { !holdsObjects($0.value) }
      case .userClass(let cls): cls.attributes = cls.attributes.filter { !holdsObjects($0.value) }
      default: break
      }
    }
    environment.notes = []
    environment.deferred = []
    environment.opaqueBindings = []
  }

  func bound(_ name: String, _ value: PyValue) {
    if case .scheduler(let object) = value,
      let index = constructed.lastIndex(where: { $0.scheduler === object.scheduler }),
      constructed[index].variable == nil
    {
      constructed[index].variable = name
    }
  }
}

import TorchSnippet

/// One `scheduler.step()` call site, placed against the optimizer step it goes with.
struct StepSite {
  var event: Event
  var scheduler: Int?
  var receiver: String
  var hasMetric: Bool
  var metric: ScriptExpr?
  var per: StepFrequency
  /// The optimizer step in the same loop nest.
  var optimizer: Event?
  var loop: LoopContext?
  /// Inside the same gradient-accumulation `if` as `optimizer.step()`.
  var underAccumulation: Bool
  /// `scheduler.step()` calls over the whole run, when knowable.
  var runLength: Int?
  /// Or, when the loader's length is not knowable: the run as a multiple of len(train_loader).
  var runMultiple: Double?
  /// Under an `if` that changes between iterations (other than the accumulation test): it runs
  /// on some iterations only, so its count is not knowable.
  var conditional = false
}

/// The loops around one `optimizer.step()`.
struct LoopContext {
  var batchLoop: Int
  var epochLoop: Int?
  /// The optimizer steps inside the epoch loop itself (full-batch training).
  var fullBatch: Bool
  var epochs: Int?
  var batches: Int?
  /// The accumulation `if` around `optimizer.step()`, and its period.
  var accumulation: Condition?
  var optimizerStepsPerEpoch: Int?
  /// Optimizer steps in all (epochs × steps per epoch, or a step-bounded loop's bound).
  var totalBatches: Int?
}

struct Analysis {
  let walker: ScriptWalker
  let syntax: ScriptSyntax
  var sites: [StepSite] = []
  var optimizerEvents: [Event] = []
  var primary: LoopContext?

  init(walker: ScriptWalker, syntax: ScriptSyntax) {
    self.walker = walker
    self.syntax = syntax
    optimizerEvents = walker.events.filter {
      if case .optimizerStep = $0.kind { true } else { false }
    }
    primary = optimizerEvents.first.flatMap(context(for:))
    var seen: Set<String> = []
    for event in walker.events {
      guard case .schedulerStep(let id, let receiver, let hasMetric, let metric) = event.kind
      else { continue }
      let key = "\(event.line):\(event.column)"
      guard !seen.contains(key) else { continue }
      seen.insert(key)
      sites.append(
        site(
          event, scheduler: id ?? resolve(receiver), receiver: receiver, hasMetric: hasMetric,
          metric: metric))
    }
  }

  /// A `scheduler.step()` whose receiver the walk could not follow, matched by name.
  func resolve(_ receiver: String) -> Int? {
    let candidates = walker.schedulers.filter { record in
      record.variables.contains(receiver)
        || record.variables.contains {
          $0.split(separator: ".").last == receiver.split(separator: ".").last
        }
    }
    if candidates.count >= 1 { return candidates.last?.id }
    let roots = walker.schedulers.filter { $0.parent == nil }
    return roots.count == 1 ? roots[0].id : nil
  }

  func context(for event: Event) -> LoopContext? {
    guard let batchLoop = event.loops.last else { return nil }
    let loops = walker.loops
    let ancestors = event.loops.dropLast()
    var context = LoopContext(
      batchLoop: batchLoop, epochLoop: nil, fullBatch: false, epochs: nil, batches: nil,
      accumulation: nil, optimizerStepsPerEpoch: nil, totalBatches: nil)
    if ancestors.isEmpty {
      if loops[batchLoop].mentionsEpoch && !loops[batchLoop].iteratesLoader {
        context.epochLoop = batchLoop
        context.fullBatch = true
        context.epochs = loops[batchLoop].count
        context.batches = 1
      } else {
        context.batches = loops[batchLoop].count
        context.totalBatches = loops[batchLoop].count ?? loops[batchLoop].stepBound
      }
    } else {
      let epochLoop = ancestors.last { loops[$0].mentionsEpoch } ?? ancestors.last!
      context.epochLoop = epochLoop
      context.epochs = loops[epochLoop].count
      context.batches = loops[batchLoop].count
      if loops[epochLoop].synthetic == "lightning-epoch" {
        context.epochs = walker.trainerCalls.first?.maxEpochs?.int
      }
    }
    context.accumulation = event.conditions.last {
      $0.isAccumulation && $0.loopDepth >= event.loops.count
    }
    if let batches = context.batches {
      if let accumulation = context.accumulation {
        context.optimizerStepsPerEpoch = accumulation.period.map { batches / max(1, $0) }
      } else {
        context.optimizerStepsPerEpoch = batches
      }
    }
    if let epochs = context.epochs, let perEpoch = context.optimizerStepsPerEpoch,
      !context.fullBatch
    {
      context.totalBatches = epochs * perEpoch
    } else if context.fullBatch {
      context.totalBatches = context.epochs
    } else if context.totalBatches == nil {
      context.totalBatches = event.loops.compactMap { loops[$0].stepBound }.first
    } else if let accumulation = context.accumulation, let total = context.totalBatches {
      context.totalBatches = accumulation.period.map { total / max(1, $0) }
    }
    if context.epochs == nil, context.totalBatches == nil {
      context.totalBatches = event.loops.compactMap { loops[$0].stepBound }.first
    }
    if context.epochs == nil, let bound = walker.trainerCalls.first?.maxSteps?.int, bound > 0,
      loops[batchLoop].synthetic != nil
    {
      context.totalBatches = bound
    }
    return context
  }

  func commonPrefix(_ a: [Int], _ b: [Int]) -> Int {
    var count = 0
    while count < min(a.count, b.count) && a[count] == b[count] { count += 1 }
    return count
  }

  func site(
    _ event: Event, scheduler: Int?, receiver: String, hasMetric: Bool, metric: ScriptExpr?
  ) -> StepSite {
    var site = StepSite(
      event: event, scheduler: scheduler, receiver: receiver, hasMetric: hasMetric,
      metric: metric, per: .other, optimizer: nil, loop: nil, underAccumulation: false,
      runLength: nil)
    // The optimizer step sharing the most loops with this call.
    var best: (event: Event, shared: Int)?
    for candidate in optimizerEvents {
      let shared = commonPrefix(candidate.loops, event.loops)
      if best == nil || shared > best!.shared { best = (candidate, shared) }
    }
    guard let optimizer = best?.event, let context = context(for: optimizer) else {
      return site
    }
    site.optimizer = optimizer
    site.loop = context
    let optimizerLoops = optimizer.loops
    if event.loops.contains(context.batchLoop) {
      site.per = context.fullBatch ? .epoch : .batch
    } else if !event.loops.isEmpty, commonPrefix(event.loops, optimizerLoops) == event.loops.count {
      site.per = .epoch
    }
    if let accumulation = context.accumulation {
      // The same `if`, or another `if` with the same accumulation test.
      site.underAccumulation = event.conditions.contains {
        $0.id == accumulation.id
          || ($0.isAccumulation
            && ($0.period != nil && $0.period == accumulation.period
              || $0.test.map(\.mentionedNames) == accumulation.test.map(\.mentionedNames)))
      }
    }
    site.conditional = event.conditions.contains { $0.varies && !$0.isAccumulation }
    if site.conditional { return site }
    switch site.per {
    case .batch:
      if context.epochLoop == nil {
        if let total = context.totalBatches {
          site.runLength =
            site.underAccumulation || context.accumulation == nil
            ? total : total * (context.accumulation?.period ?? 1)
        }
      } else if let epochs = context.epochs, let batches = context.batches {
        let perEpoch = site.underAccumulation ? context.optimizerStepsPerEpoch : batches
        site.runLength = perEpoch.map { epochs * $0 }
      } else if context.epochs == nil, let total = context.totalBatches {
        site.runLength = total
      } else if let epochs = context.epochs, context.batches == nil,
        walker.loops[context.batchLoop].synthetic != "lightning-batch"
          || walker.trainerCalls.first?.maxSteps?.int == nil
      {
        if site.underAccumulation {
          site.runMultiple = context.accumulation?.period.map { Double(epochs) / Double($0) }
        } else {
          site.runMultiple = Double(epochs)
        }
      }
    case .epoch:
      site.runLength = context.epochs
    case .other:
      break
    }
    return site
  }

  /// The steps of one scheduler (by id, or through its SequentialLR / ChainedScheduler).
  func sites(of id: Int) -> [StepSite] {
    sites.filter { $0.scheduler == id }
  }

  var summary: LoopSummary {
    let steps = sites.map {
      SchedulerStepSite(
        variable: $0.receiver, per: $0.per, line: $0.event.line, column: $0.event.column)
    }
    guard let primary else {
      return LoopSummary(
        epochs: nil, batchesPerEpoch: nil, optimizerStepsPerEpoch: nil, schedulerSteps: steps)
    }
    return LoopSummary(
      epochs: primary.epochs, batchesPerEpoch: primary.batches,
      optimizerStepsPerEpoch: primary.fullBatch ? 1 : primary.optimizerStepsPerEpoch,
      schedulerSteps: steps)
  }

  // MARK: - Sizes

  /// What a scheduler was sized for, in its own `step()` calls, when knowable.
  func sizedLength(_ record: SchedulerRecord) -> Int? {
    switch record.className {
    case "OneCycleLR":
      if let total = record.int("total_steps") { return total }
      if let epochs = record.int("epochs"), let perEpoch = record.int("steps_per_epoch") {
        return epochs * perEpoch
      }
      return nil
    case "CosineAnnealingLR": return record.int("T_max")
    case "StepLR": return record.int("step_size")
    case "MultiStepLR":
      return record.value("milestones")?.listItems?.compactMap(\.int).max()
    case "LinearLR", "ConstantLR", "PolynomialLR":
      return record.int("total_iters") ?? 5
    case "SequentialLR":
      guard let milestones = record.value("milestones")?.listItems?.compactMap(\.int),
        let last = milestones.last, let child = record.children.last
      else { return nil }
      return sizedLength(walker.schedulers[child]).map { last + $0 }
    default:
      if KnownNames.isHF(record.className) {
        return record.int("num_training_steps")
      }
      return nil
    }
  }

  /// What a scheduler was sized for as a multiple of len(train_loader), when that length is
  /// not knowable (`total_steps=epochs * len(train_loader)`).
  func sizedMultiple(_ record: SchedulerRecord) -> Double? {
    switch record.className {
    case "OneCycleLR":
      if let total = record.value("total_steps")?.batchMultiple { return total }
      if let epochs = record.number("epochs"),
        let perEpoch = record.value("steps_per_epoch")?.batchMultiple
      {
        return epochs * perEpoch
      }
      return nil
    case "CosineAnnealingLR": return record.value("T_max")?.batchMultiple
    case "StepLR": return record.value("step_size")?.batchMultiple
    case "LinearLR", "ConstantLR", "PolynomialLR":
      return record.value("total_iters")?.batchMultiple
    default:
      if KnownNames.isHF(record.className) {
        return record.value("num_training_steps")?.batchMultiple
      }
      return nil
    }
  }

  /// The expression that sizes a scheduler (for the epochs-or-steps reading of its names).
  func sizeExpr(_ record: SchedulerRecord) -> ScriptExpr? {
    switch record.className {
    case "OneCycleLR": return record.exprs["total_steps"] ?? record.exprs["steps_per_epoch"]
    case "CosineAnnealingLR": return record.exprs["T_max"]
    case "StepLR": return record.exprs["step_size"]
    case "MultiStepLR": return record.exprs["milestones"]
    case "LinearLR", "ConstantLR", "PolynomialLR": return record.exprs["total_iters"]
    case "CyclicLR": return record.exprs["step_size_up"]
    case "SequentialLR": return record.exprs["milestones"]
    default:
      return record.exprs["num_training_steps"] ?? record.exprs["num_warmup_steps"]
    }
  }

  // MARK: - Simulation plans

  func plans(_ assume: Assumptions = Assumptions()) -> [StepPlan] {
    var plans: [StepPlan] = []
    var done: Set<Int> = []
    for site in sites {
      guard let id = site.scheduler, !done.contains(id), site.per != .other else { continue }
      done.insert(id)
      let record = walker.schedulers[id]
      let perBatch = KnownNames.isPerBatch(record.className) || sizedInSteps(record, site: site)
      var epochs = site.loop?.epochs ?? assume.epochs
      var perEpoch =
        site.loop?.fullBatch == true
        ? 1 : site.loop?.optimizerStepsPerEpoch ?? assume.batchesPerEpoch
      // A step-bounded loop (`while step < max_steps`): one long "epoch" of its steps.
      if epochs == nil, site.per == .batch, let total = site.loop?.totalBatches {
        (epochs, perEpoch) = (1, total)
      }
      plans.append(
        StepPlan(
          className: record.className, variable: site.receiver, line: record.line, per: site.per,
          optimizerStepsPerEpoch: perEpoch, epochs: epochs,
          snippet: snippet(for: record, batches: assume.batchesPerEpoch),
          sizedPer: perBatch ? .batch : .epoch,
          sizedSteps: sizedLength(record)
            ?? sizedMultiple(record).flatMap { multiple in
              assume.batchesPerEpoch.map { Int((multiple * Double($0)).rounded()) }
            }))
    }
    return plans
  }

  /// Whether an epoch-style scheduler was sized in steps (so it belongs in the batch loop).
  func sizedInSteps(_ record: SchedulerRecord, site: StepSite) -> Bool {
    if let unit = Vocabulary.unit(of: sizeExpr(record)) { return unit == .steps }
    if let size = sizedLength(record), let epochs = site.loop?.epochs {
      return size > epochs + 1
    }
    return site.per == .batch
  }

  /// Python source that builds this scheduler (and the optimizer and schedulers it depends
  /// on) with every folded value written out, for TorchSnippet to evaluate.
  func snippet(for record: SchedulerRecord, batches: Int? = nil) -> String? {
    var lines: [String] = []
    let optimizer = walker.optimizers.first
    let lr = optimizer?.lr ?? 0.1
    let kind = optimizer?.className ?? "SGD"
    switch kind {
    case "Adam", "AdamW":
      lines.append("optimizer = \(kind)(model.parameters(), lr=\(lr))")
    default:
      lines.append("optimizer = SGD(model.parameters(), lr=\(lr), momentum=0.9)")
    }
    var emitted: Set<Int> = []
    func emit(_ record: SchedulerRecord) -> Bool {
      if emitted.contains(record.id) { return true }
      for child in record.children where !emit(walker.schedulers[child]) { return false }
      var arguments: [String] = []
      let className = record.className
      guard let signature = KnownNames.schedulerSignatures[className] else { return false }
      if className != "ChainedScheduler" { arguments.append("optimizer") }
      for name in signature where name != "optimizer" {
        guard let value = record.values[name] else { continue }
        if name == "schedulers" {
          arguments.append(
            "\(name)=[" + record.children.map { "s\($0)" }.joined(separator: ", ") + "]")
          continue
        }
        if let literal = value.pythonLiteral {
          arguments.append("\(name)=\(literal)")
        } else if let multiple = value.batchMultiple, let batches {
          arguments.append("\(name)=\(Int((multiple * Double(batches)).rounded()))")
        } else if case .lambda(let parameters, let body, let captured) = value,
          let text = ExprPrinter.lambda(parameters, body, captured: captured)
        {
          arguments.append("\(name)=\(text)")
        } else {
          return false
        }
      }
      if KnownNames.isHF(className) { lines.append("from transformers import \(className)") }
      lines.append("s\(record.id) = \(className)(" + arguments.joined(separator: ", ") + ")")
      emitted.insert(record.id)
      return true
    }
    guard emit(record) else { return nil }
    lines.append("scheduler = s\(record.id)")
    return lines.joined(separator: "\n")
  }
}

/// Prints a lambda back to Python with the names it reads replaced by their folded values.
enum ExprPrinter {
  static func lambda(
    _ parameters: [String], _ body: ScriptExpr, captured: [String: ScriptValue]
  ) -> String? {
    guard let text = print(body, bound: Set(parameters), captured: captured) else { return nil }
    return "lambda " + parameters.joined(separator: ", ") + ": " + text
  }

  static func print(
    _ expr: ScriptExpr, bound: Set<String>, captured: [String: ScriptValue]
  ) -> String? {
    func p(_ e: ScriptExpr) -> String? { print(e, bound: bound, captured: captured) }
    switch expr.kind {
    case .name(let name):
      if bound.contains(name) { return name }
      if ["min", "max", "float", "int", "abs", "round", "pow", "math"].contains(name) {
        return name
      }
      return captured[name]?.pythonLiteral
    case .int(let value): return String(value)
    case .float(let value): return "\(value)"
    case .bool(let value): return value ? "True" : "False"
    case .none: return "None"
    case .attribute(let base, let name):
      guard case .name("math") = base.kind else { return nil }
      return "math." + name
    case .call(let callee, let arguments, let keywords):
      guard keywords.isEmpty, let c = p(callee) else { return nil }
      let parts = arguments.compactMap(p)
      guard parts.count == arguments.count else { return nil }
      return c + "(" + parts.joined(separator: ", ") + ")"
    case .unary(let op, let operand):
      guard let o = p(operand) else { return nil }
      return op == "not" ? "(not \(o))" : "(\(op)\(o))"
    case .binary(let op, let lhs, let rhs):
      guard let l = p(lhs), let r = p(rhs) else { return nil }
      return "(\(l) \(op) \(r))"
    case .compare(let first, let rest):
      guard var text = p(first) else { return nil }
      for comparison in rest {
        guard let r = p(comparison.rhs) else { return nil }
        text += " \(comparison.op) \(r)"
      }
      return "(\(text))"
    case .conditional(let test, let body, let orElse):
      guard let t = p(test), let b = p(body), let o = p(orElse) else { return nil }
      return "(\(b) if \(t) else \(o))"
    default:
      return nil
    }
  }
}

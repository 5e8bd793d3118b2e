import Foundation
import TorchSnippet

/// The ten rules. Each looks at the analysis and says what happens, where, and the fix.
struct Rules {
  let analysis: Analysis
  var walker: ScriptWalker { analysis.walker }
  var schedulers: [SchedulerRecord] { walker.schedulers }

  func findings() -> [Finding] {
    var all: [Finding] = []
    all += stepOrder()
    let (unitFindings, unitFlagged) = frequency()
    all += unitFindings
    all += plateau()
    // One bug, one finding: a schedule stepped in the wrong loop (or out of step with the
    // accumulation) also runs the wrong length; the stepping finding says so.
    let accumulation = accumulationMismatch()
    let accumulationFlagged = Set(
      analysis.sites.filter { site in
        accumulation.contains { $0.line == site.event.line && $0.column == site.event.column }
      }.compactMap(\.scheduler))
    all += lengthMismatch(skipping: unitFlagged.union(accumulationFlagged))
    all += warmupTooLong(skipping: unitFlagged)
    all += neverStepped()
    all += accumulation
    all += lrNotLogged()
    var seen: Set<String> = []
    return all.filter { seen.insert("\($0.rule)@\($0.line):\($0.column)").inserted }
  }

  func name(_ site: StepSite) -> String { site.receiver.isEmpty ? "scheduler" : site.receiver }

  func describe(_ record: SchedulerRecord) -> String {
    record.variables.first.map { "`\($0)` (\(record.className))" } ?? record.className
  }

  // MARK: step-order

  func stepOrder() -> [Finding] {
    var findings: [Finding] = []
    // A step under an `if` that varies (`if epoch > 0: scheduler.step()` at the top of the
    // epoch) may well follow the previous iteration's optimizer steps: no verdict.
    for site in analysis.sites where site.per != .other && !site.conditional {
      guard let innermost = site.event.loops.last,
        let depth = site.event.loops.lastIndex(of: innermost)
      else { continue }
      let visit = site.event.visits[depth]
      let sameIteration = analysis.optimizerEvents.filter {
        $0.loops.count > depth && $0.loops[depth] == innermost && $0.visits[depth] == visit
      }
      guard let first = sameIteration.min(by: { $0.order < $1.order }),
        first.order > site.event.order
      else { continue }
      let loop = walker.loops[innermost]
      findings.append(
        Finding(
          rule: "step-order", severity: .error, line: site.event.line,
          column: site.event.column,
          message:
            "`\(name(site)).step()` runs before `optimizer.step()` (line \(first.line)) in the "
            + "same iteration of the loop at line \(loop.line): the schedule's first value is "
            + "skipped and every later one comes one step early (PyTorch warns \"Detected call "
            + "of `lr_scheduler.step()` before `optimizer.step()`\").",
          fix:
            "Call `\(name(site)).step()` after `optimizer.step()` - move it below line "
            + "\(first.line)\(site.per == .epoch ? ", at the end of the epoch" : "").")
      )
    }
    return findings
  }

  // MARK: per-batch-scheduler-stepped-per-epoch, epoch-scheduler-stepped-per-batch

  func frequency() -> ([Finding], Set<Int>) {
    var findings: [Finding] = []
    var flagged: Set<Int> = []
    for site in analysis.sites {
      guard let id = site.scheduler, let loop = site.loop else { continue }
      let record = schedulers[id]
      if site.per == .epoch, !loop.fullBatch, KnownNames.isPerBatch(record.className),
        sizedInOptimizerSteps(record, epochs: loop.epochs)
      {
        flagged.insert(id)
        let sized = analysis.sizedLength(record)
        var what = ""
        if let sized, let epochs = loop.epochs {
          what =
            ": it takes \(epochs) of its \(sized) steps"
            + (record.className == "OneCycleLR"
              ? ", so the LR never leaves its warm-up\(reachedText(record, steps: epochs))"
              : ", so the schedule barely starts")
        } else if record.className == "OneCycleLR" {
          what = ": the LR never leaves its warm-up"
        }
        findings.append(
          Finding(
            rule: "per-batch-scheduler-stepped-per-epoch", severity: .error,
            line: site.event.line, column: site.event.column,
            message:
              "\(describe(record)) is sized in optimizer steps (line \(record.line)) but "
              + "`\(name(site)).step()` runs once per epoch\(what).",
            fix:
              "Move `\(name(site)).step()` into the batch loop, right after `optimizer.step()`."
          ))
      }
      if site.per == .batch, !site.conditional, let reason = epochSizedReason(record, loop: loop) {
        flagged.insert(id)
        findings.append(
          Finding(
            rule: "epoch-scheduler-stepped-per-batch", severity: .warning,
            line: site.event.line, column: site.event.column,
            message:
              "\(describe(record)) is sized in epochs (\(reason)) but `\(name(site)).step()` "
              + "runs every batch: the schedule runs \(loop.batches.map { "\($0)x" } ?? "many times") "
              + "faster than planned and the LR collapses within the first epochs.",
            fix:
              "Move `\(name(site)).step()` out of the batch loop, to the end of the epoch loop - "
              + "or size it in steps (multiply its length by len(train_loader))."))
      }
    }
    return (findings, flagged)
  }

  func reachedText(_ record: SchedulerRecord, steps: Int) -> String {
    guard let trace = analysis.trace(record, steps: max(0, steps - 1)),
      let maxLR = record.number("max_lr")
    else { return "" }
    let peak = trace.rows.map { $0.lr.first ?? 0 }.max() ?? 0
    return " (the LR peaks at \(format(peak)) instead of max_lr=\(format(maxLR)))"
  }

  /// Whether a per-batch scheduler was sized in optimizer steps (not deliberately in epochs).
  func sizedInOptimizerSteps(_ record: SchedulerRecord, epochs: Int?) -> Bool {
    switch record.className {
    case "OneCycleLR":
      if let perEpoch = record.int("steps_per_epoch"), record.exprs["total_steps"] == nil {
        return perEpoch > 1
      }
    case "CyclicLR":
      if Vocabulary.unit(of: record.exprs["step_size_up"]) == .epochs { return false }
      let up = record.int("step_size_up") ?? 2000
      if let epochs, up * 2 <= epochs { return false }
      return true
    case "get_constant_schedule":
      return false
    default: break
    }
    let expr = analysis.sizeExpr(record)
    if let unit = Vocabulary.unit(of: expr) { return unit == .steps }
    if let size = analysis.sizedLength(record) ?? record.int("num_warmup_steps"), let epochs {
      return size > epochs + 1
    }
    return true
  }

  /// Why an epoch-style scheduler stepped per batch looks sized in epochs, or nil.
  func epochSizedReason(_ record: SchedulerRecord, loop: LoopContext) -> String? {
    if record.className == "SequentialLR" || record.className == "ChainedScheduler" {
      for child in record.children {
        if let reason = epochSizedReason(schedulers[child], loop: loop) { return reason }
      }
      if record.className == "SequentialLR",
        Vocabulary.unit(of: record.exprs["milestones"]) == .epochs
      {
        return "milestones from an epoch count"
      }
      return nil
    }
    guard KnownNames.epochSized.contains(record.className) else { return nil }
    let batches = loop.batches
    if record.className == "ExponentialLR" {
      guard let gamma = record.number("gamma"), gamma < 1 else { return nil }
      if let batches, batches > 1 {
        return pow(gamma, Double(batches)) < 0.5
          ? "gamma=\(format(gamma)) halves the LR in under one epoch of \(batches) batches" : nil
      }
      return gamma < 0.99 ? "gamma=\(format(gamma)) is a per-epoch decay" : nil
    }
    let (parameter, expr): (String, ScriptExpr?) =
      switch record.className {
      case "StepLR": ("step_size", record.exprs["step_size"])
      case "MultiStepLR": ("milestones", record.exprs["milestones"])
      case "CosineAnnealingLR": ("T_max", record.exprs["T_max"])
      default: ("total_iters", record.exprs["total_iters"])
      }
    guard expr != nil else { return nil }
    switch Vocabulary.unit(of: expr) {
    case .epochs?: return "\(parameter) comes from an epoch count"
    case .steps?: return nil
    case nil: break
    }
    guard let size = analysis.sizedLength(record), size > 0, let epochs = loop.epochs else {
      return nil
    }
    if let batches, batches > 1 {
      // Closer to the epoch count than to the step count (geometric middle).
      if Double(size) * Double(size) < Double(epochs) * Double(epochs) * Double(batches) {
        return "\(parameter)=\(size) against \(epochs) epochs of \(batches) batches"
      }
      return nil
    }
    if batches == nil, size <= epochs {
      return "\(parameter)=\(size) against \(epochs) epochs"
    }
    return nil
  }

  // MARK: plateau

  func plateau() -> [Finding] {
    var findings: [Finding] = []
    for site in analysis.sites {
      guard let id = site.scheduler, KnownNames.isPlateau(schedulers[id].className) else {
        continue
      }
      if !site.hasMetric {
        let lightning = walker.frameworkSteps.contains("\(site.event.line):\(site.event.column)")
        findings.append(
          Finding(
            rule: "plateau-without-metric", severity: .error, line: site.event.line,
            column: site.event.column,
            message: lightning
              ? "ReduceLROnPlateau is returned without a \"monitor\": Lightning cannot step "
                + "it (MisconfigurationException) - it needs the metric to watch."
              : "`\(name(site)).step()` on ReduceLROnPlateau has no metric: PyTorch raises "
                + "`TypeError: step() missing 1 required positional argument: 'metrics'`.",
            fix: lightning
              ? "Add \"monitor\": \"val_loss\" next to \"scheduler\" (and log val_loss)."
              : "Pass the validation loss: `\(name(site)).step(val_loss)`, once per epoch after "
                + "validation."))
        continue
      }
      if let metric = site.metric, isOneBatchTrainingLoss(metric, site: site) {
        findings.append(
          Finding(
            rule: "plateau-metric-is-train-loss", severity: .info, line: site.event.line,
            column: site.event.column,
            message:
              "ReduceLROnPlateau is fed the training loss of one batch: it is noisy and keeps "
              + "falling while the model overfits, so the cuts come late or at random.",
            fix:
              "Step it once per epoch with a validation metric: `\(name(site)).step(val_loss)`."
          ))
      }
    }
    return findings
  }

  func isOneBatchTrainingLoss(_ metric: ScriptExpr, site: StepSite) -> Bool {
    var root = metric
    while true {
      switch root.kind {
      case .call(let callee, let arguments, _):
        if case .attribute(let base, "item") = callee.kind {
          root = base
          continue
        }
        if case .name("float") = callee.kind, let first = arguments.first {
          root = first
          continue
        }
      case .attribute(let base, _):
        root = base
        continue
      default: break
      }
      break
    }
    guard case .name(let name) = root.kind, let loop = site.loop else { return false }
    let lowered = name.lowercased()
    if ["val", "valid", "test", "eval", "avg", "mean", "epoch", "total", "running"].contains(
      where: lowered.contains)
    {
      return false
    }
    let assignment = walker.events.last { event in
      guard event.order < site.event.order, case .assignment(let target, _) = event.kind else {
        return false
      }
      return target == name
    }
    guard let assignment, case .assignment(_, let augmented) = assignment.kind, !augmented else {
      return false
    }
    return assignment.loops.contains(loop.batchLoop) && !loop.fullBatch
  }

  // MARK: length-mismatch

  func lengthMismatch(skipping flagged: Set<Int>) -> [Finding] {
    var findings: [Finding] = []
    var checked: Set<Int> = []
    for site in analysis.sites where site.per != .other {
      guard let id = site.scheduler, !flagged.contains(id), !checked.contains(id) else {
        continue
      }
      if let run = site.runLength, run > 0 {
        checked.insert(id)
        findings += length(schedulers[id], run: run, site: site)
      } else if let run = site.runMultiple, run > 0,
        let sized = analysis.sizedMultiple(schedulers[id])
      {
        checked.insert(id)
        findings += symbolicLength(schedulers[id], run: run, sized: sized, site: site)
      }
    }
    return findings
  }

  func unit(_ site: StepSite) -> String {
    site.per == .epoch ? "epoch" : "batch"
  }

  func length(_ record: SchedulerRecord, run: Int, site: StepSite) -> [Finding] {
    func finding(_ severity: Severity, _ message: String, _ fix: String) -> Finding {
      Finding(
        rule: "length-mismatch", severity: severity, line: record.line, column: record.column,
        message: message, fix: fix)
    }
    let loopText =
      "the loop calls `\(name(site)).step()` \(run) times (once per \(unit(site))"
      + (site.per == .batch && site.loop?.epochs != nil ? ", \(site.loop!.epochs!) epochs" : "")
      + ")"
    switch record.className {
    case "OneCycleLR":
      guard let total = analysis.sizedLength(record) else { return [] }
      if run > total {
        let (epoch, batch) = position(total + 1, site: site)
        return [
          finding(
            .error,
            "OneCycleLR is sized for \(total) steps but \(loopText): PyTorch raises "
              + "`ValueError: Tried to step \(total + 1) times. The specified number of total "
              + "steps is \(total)` at step \(total + 1)\(epoch.map { " (epoch \($0)\(batch.map { ", batch \($0)" } ?? ""))" } ?? "").",
            "Size it from the loop: total_steps=\(run)"
              + (site.per == .batch ? " (epochs x len(train_loader))" : " (the epoch count)") + "."
          )
        ]
      }
      if Double(run) < Double(total) * 0.9 {
        return [
          finding(
            .warning,
            "OneCycleLR is sized for \(total) steps but \(loopText): training stops "
              + "\(percent(run, total)) of the way through the cycle, before the LR anneals.",
            "Size it from the loop: total_steps=\(run).")
        ]
      }
    case "CosineAnnealingLR":
      guard let tMax = record.int("T_max"), tMax > 0 else { return [] }
      if run > tMax + 1 {
        return [
          finding(
            .warning,
            "CosineAnnealingLR(T_max=\(tMax)) but \(loopText): after step \(tMax) the LR "
              + "climbs back up toward the initial rate for the remaining \(run - tMax) steps "
              + "(the cosine restarts every \(2 * tMax)).",
            "Set T_max=\(run) (the number of `step()` calls, minus any warmup).")
        ]
      }
      if run < tMax - max(1, tMax / 10) {
        return [
          finding(
            .warning,
            "CosineAnnealingLR(T_max=\(tMax)) but \(loopText): training ends "
              + "\(percent(run, tMax)) of the way down the cosine, before the LR anneals.",
            "Set T_max=\(run).")
        ]
      }
    case "StepLR":
      guard let size = record.int("step_size"), size > 0, run <= size else { return [] }
      return [
        finding(
          .warning,
          "StepLR(step_size=\(size)) but \(loopText): the LR never decays.",
          "Use a step_size below \(run) (e.g. \(max(1, run / 3))).")
      ]
    case "MultiStepLR":
      guard let milestones = record.value("milestones")?.listItems?.compactMap(\.int) else {
        return []
      }
      let missed = milestones.filter { $0 > run }
      guard !missed.isEmpty else { return [] }
      return [
        finding(
          .warning,
          "MultiStepLR milestones \(missed.map(String.init).joined(separator: ", ")) are past the "
            + "end: \(loopText), so those decays never happen.",
          "Put the milestones inside the run (below \(run)).")
      ]
    case "LinearLR", "PolynomialLR":
      let total = record.int("total_iters") ?? 5
      guard run < total - max(1, total / 10) else { return [] }
      return [
        finding(
          .warning,
          "\(record.className)(total_iters=\(total)) but \(loopText): the ramp stops "
            + "\(percent(run, total)) of the way.",
          "Set total_iters=\(run).")
      ]
    case "SequentialLR":
      guard let milestones = record.value("milestones")?.listItems?.compactMap(\.int) else {
        return []
      }
      if let past = milestones.first(where: { $0 >= run }) {
        return [
          finding(
            .warning,
            "SequentialLR milestone \(past) is past the end: \(loopText), so the schedulers "
              + "after it never run.",
            "Put the milestones inside the run (below \(run)).")
        ]
      }
      if let last = milestones.last, let child = record.children.last {
        var childSite = site
        childSite.receiver = name(site)
        return length(schedulers[child], run: run - last, site: childSite).map {
          var finding = $0
          finding.message += " (inside SequentialLR, after its milestone \(last))"
          return finding
        }
      }
    default:
      guard KnownNames.isHF(record.className), let total = record.int("num_training_steps"),
        total > 0
      else { return [] }
      let cosine = record.className.contains("cosine")
      if run > total + 1 {
        return [
          finding(
            .warning,
            "\(record.className) is sized for num_training_steps=\(total) but \(loopText): "
              + (cosine
                ? "after step \(total) the LR climbs back up."
                : "from step \(total) on the LR is 0 for \(run - total) steps."),
            "Set num_training_steps=\(run) (optimizer steps: epochs x len(train_loader) // "
              + "accumulation).")
        ]
      }
      if run < total - max(1, total / 10) {
        return [
          finding(
            .warning,
            "\(record.className) is sized for num_training_steps=\(total) but \(loopText): "
              + "training ends \(percent(run, total)) of the way through, before the LR decays.",
            "Set num_training_steps=\(run) (optimizer steps: epochs x len(train_loader) // "
              + "accumulation).")
        ]
      }
    }
    return []
  }

  /// Both lengths as multiples of len(train_loader), whose value is not knowable.
  func symbolicLength(_ record: SchedulerRecord, run: Double, sized: Double, site: StepSite)
    -> [Finding]
  {
    func multiple(_ m: Double) -> String {
      m == m.rounded() ? "\(Int(m)) x len(train_loader)" : "\(format(m)) x len(train_loader)"
    }
    let loopText =
      "the loop calls `\(name(site)).step()` \(multiple(run)) times (every batch"
      + (site.underAccumulation ? " that steps the optimizer" : "") + ")"
    func finding(_ severity: Severity, _ message: String, _ fix: String) -> Finding {
      Finding(
        rule: "length-mismatch", severity: severity, line: record.line, column: record.column,
        message: message, fix: fix)
    }
    let fixText = "Size it from the loop: \(multiple(run)) steps."
    switch record.className {
    case "OneCycleLR":
      if run > sized + 1e-9 {
        return [
          finding(
            .error,
            "OneCycleLR is sized for \(multiple(sized)) steps but \(loopText): PyTorch raises "
              + "`ValueError: Tried to step ... times` once the cycle is used up, "
              + "\(percent(Int(sized * 1000), Int(run * 1000))) of the way through training.",
            fixText)
        ]
      }
      if run < sized * 0.9 {
        return [
          finding(
            .warning,
            "OneCycleLR is sized for \(multiple(sized)) steps but \(loopText): training stops "
              + "\(percent(Int(run * 1000), Int(sized * 1000))) of the way through the cycle.",
            fixText)
        ]
      }
    default:
      let cosine = record.className.contains("Cosine") || record.className.contains("cosine")
      if run > sized * 1.05 {
        return [
          finding(
            .warning,
            "\(record.className) is sized for \(multiple(sized)) steps but \(loopText): "
              + (cosine
                ? "after that the LR climbs back up."
                : "the schedule ends early and the LR stays at its final value."),
            fixText)
        ]
      }
      if run < sized * 0.9 {
        return [
          finding(
            .warning,
            "\(record.className) is sized for \(multiple(sized)) steps but \(loopText): "
              + "training ends \(percent(Int(run * 1000), Int(sized * 1000))) of the way "
              + "through, before the LR decays.",
            fixText)
        ]
      }
    }
    return []
  }

  /// Epoch and batch (1-based) of the n-th scheduler step.
  func position(_ step: Int, site: StepSite) -> (Int?, Int?) {
    guard site.per == .batch else { return (step, nil) }
    guard let loop = site.loop, loop.epochLoop != nil,
      let perEpoch = site.underAccumulation ? loop.optimizerStepsPerEpoch : loop.batches,
      perEpoch > 0
    else { return (nil, nil) }
    return ((step - 1) / perEpoch + 1, (step - 1) % perEpoch + 1)
  }

  func percent(_ part: Int, _ whole: Int) -> String {
    "\(Int((Double(part) / Double(max(1, whole)) * 100).rounded())) %"
  }

  // MARK: warmup-too-long

  func warmupTooLong(skipping flagged: Set<Int>) -> [Finding] {
    var findings: [Finding] = []
    var checked = flagged
    for site in analysis.sites where site.per != .other {
      guard let id = site.scheduler, !checked.contains(id) else { continue }
      checked.insert(id)
      let record = schedulers[id]
      if let finding = symbolicWarmup(record, site: site) {
        findings.append(finding)
        continue
      }
      guard let (warmup, place) = warmupLength(record, run: site.runLength) else { continue }
      // A standalone ramp's own length says nothing about the training's.
      let sizedTraining =
        record.className == "SequentialLR" || KnownNames.isHF(record.className)
        ? analysis.sizedLength(record) : nil
      let training = site.runLength ?? (site.conditional ? nil : sizedTraining)
      guard let training, training > 0, warmup * 4 > training else { continue }
      findings.append(
        Finding(
          rule: "warmup-too-long", severity: .warning, line: place.line, column: place.column,
          message:
            "The warmup lasts \(warmup) of \(training) \(unit(site)) steps "
            + "(\(percent(warmup, training))): most of training runs at a low, rising LR.",
          fix:
            "Keep warmup to a few percent of training - about 10 % at most "
            + "(here <= \(max(1, training / 10)))."))
    }
    return findings
  }

  /// A `get_*` warmup sized from an unknowable len(train_loader) (`num_warmup_steps=total // 2`
  /// with `total = len(loader) * epochs`), against the run or the sized total in the same unit.
  func symbolicWarmup(_ record: SchedulerRecord, site: StepSite) -> Finding? {
    guard KnownNames.isHF(record.className),
      let warmup = record.value("num_warmup_steps")?.batchMultiple, !site.conditional
    else { return nil }
    guard let training = site.runMultiple ?? analysis.sizedMultiple(record), training > 0,
      warmup * 4 > training
    else { return nil }
    let share = percent(Int(warmup * 1000), Int(training * 1000))
    return Finding(
      rule: "warmup-too-long", severity: .warning, line: record.line, column: record.column,
      message:
        "The warmup lasts \(format(warmup)) x len(train_loader) of \(format(training)) x "
        + "len(train_loader) steps (\(share)): most of training runs at a low, rising LR.",
      fix: "Keep warmup to a few percent of training - about 10 % at most.")
  }

  /// The warmup phase's length in `step()` calls, and the constructor that sets it.
  func warmupLength(_ record: SchedulerRecord, run: Int?) -> (Int, SchedulerRecord)? {
    switch record.className {
    case "OneCycleLR", "CyclicLR":
      return nil
    case "SequentialLR":
      guard let first = record.children.first,
        let milestone = record.value("milestones")?.listItems?.first?.int
      else { return nil }
      let child = schedulers[first]
      switch child.className {
      case "LinearLR":
        let start = child.number("start_factor") ?? 1.0 / 3
        let end = child.number("end_factor") ?? 1
        return start < end ? (milestone, child) : nil
      case "ConstantLR":
        return (child.number("factor") ?? 1.0 / 3) < 1 ? (milestone, child) : nil
      case "LambdaLR":
        return lambdaWarmup(child, run: run).map { (min($0, milestone), child) }
      default:
        return nil
      }
    case "LinearLR":
      let start = record.number("start_factor") ?? 1.0 / 3
      let end = record.number("end_factor") ?? 1
      return start < end && record.exprs["total_iters"] != nil
        ? (record.int("total_iters") ?? 5, record) : nil
    case "LambdaLR":
      return lambdaWarmup(record, run: run).map { ($0, record) }
    default:
      if KnownNames.isHF(record.className), let warmup = record.int("num_warmup_steps") {
        return (warmup, record)
      }
      return nil
    }
  }

  /// A hand-written warmup lambda's rise: steps until its factor stops increasing.
  func lambdaWarmup(_ record: SchedulerRecord, run: Int?) -> Int? {
    guard let function = record.value("lr_lambda") else { return nil }
    let limit = min(run ?? 20000, 20000)
    guard limit > 2, let first = walker.multiplier(function, at: 0) else { return nil }
    var previous = first
    var step = 0
    var work = 0
    while step < limit {
      guard let next = walker.multiplier(function, at: step + 1) else { return nil }
      // Bounded in all, not only per call: a hostile lambda cannot stall the doctor.
      work += walker.work
      if work > 5_000_000 { return nil }
      if next <= previous + 1e-12 { break }
      previous = next
      step += 1
    }
    guard step >= 2, first < 0.5 * previous else { return nil }
    return step
  }

  // MARK: scheduler-never-stepped

  func neverStepped() -> [Finding] {
    let stepped = Set(analysis.sites.compactMap(\.scheduler))
    let unresolved = analysis.sites.contains { $0.scheduler == nil }
    guard !unresolved else { return [] }
    var findings: [Finding] = []
    for record in schedulers where record.parent == nil {
      guard !stepped.contains(record.id), !record.handedOff, record.frameworkInterval == nil
      else { continue }
      findings.append(
        Finding(
          rule: "scheduler-never-stepped", severity: .error, line: record.line,
          column: record.column,
          message:
            "\(describe(record)) is created but `step()` is never called on it: the LR stays at "
            + "its initial value for the whole run.",
          fix:
            "Call `\(record.variables.first ?? "scheduler").step()` "
            + (KnownNames.isPerBatch(record.className)
              ? "after every `optimizer.step()` in the batch loop."
              : "once per epoch, after the epoch's optimizer steps.")))
    }
    return findings
  }

  // MARK: accumulation-mismatch

  func accumulationMismatch() -> [Finding] {
    var findings: [Finding] = []
    for site in analysis.sites where site.per == .batch {
      guard let loop = site.loop, let accumulation = loop.accumulation, !site.underAccumulation,
        let optimizer = site.optimizer
      else { continue }
      let every = accumulation.period.map { "every \($0) batches" } ?? "only on some batches"
      findings.append(
        Finding(
          rule: "accumulation-mismatch", severity: .warning, line: site.event.line,
          column: site.event.column,
          message:
            "`optimizer.step()` runs \(every) (gradient accumulation, line \(optimizer.line)) "
            + "but `\(name(site)).step()` runs every batch: the schedule advances "
            + "\(accumulation.period.map { "\($0)x" } ?? "faster") than the optimizer and ends "
            + "early.",
          fix:
            "Step the scheduler inside the same `if` as `optimizer.step()`, and size it in "
            + "optimizer steps (len(train_loader) // accumulation x epochs)."))
    }
    return findings
  }

  // MARK: lr-not-logged

  func lrNotLogged() -> [Finding] {
    guard let first = schedulers.first(where: { $0.parent == nil }) else { return [] }
    if Self.readsLearningRate(analysis.syntax.statements) { return [] }
    // f-strings are not parsed into expressions: look at the text too.
    let source = analysis.syntax.source
    if ["get_last_lr", "param_groups", "[\"lr\"]", "['lr']", "LearningRateMonitor"].contains(
      where: source.contains)
    {
      return []
    }
    return [
      Finding(
        rule: "lr-not-logged", severity: .info, line: first.line, column: first.column,
        message:
          "Nothing reads the learning rate (`get_last_lr()` or `param_groups[0][\"lr\"]`): a "
          + "schedule bug would go unseen.",
        fix:
          "Log `\(first.variables.first ?? "scheduler").get_last_lr()[0]` (or "
          + "`optimizer.param_groups[0][\"lr\"]`) every epoch.")
    ]
  }

  static func readsLearningRate(_ statements: [ScriptStatement]) -> Bool {
    var found = false
    func check(_ expr: ScriptExpr) {
      expr.visit { inner in
        switch inner.kind {
        case .call(let callee, _, _):
          if let name = callee.lastName,
            ["get_last_lr", "get_lr", "LearningRateMonitor", "print_lr"].contains(name)
          {
            found = true
          }
        case .subscript(let base, let index):
          if case .string("lr") = index.kind {
            let names = base.mentionedNames
            if !names.contains(where: {
              ["config", "cfg", "args", "hparams", "params"].contains($0)
            }) {
              found = true
            }
          }
        case .attribute(_, "get_last_lr"):
          found = true
        default: break
        }
      }
    }
    func scan(_ statements: [ScriptStatement]) {
      for statement in statements {
        switch statement.kind {
        case .assign(let targets, let value):
          targets.forEach(check)
          check(value)
        case .augmentedAssign(_, _, let value): check(value)
        case .expression(let expr): check(expr)
        case .forLoop(_, let iterable, let body):
          check(iterable)
          scan(body)
        case .whileLoop(let test, let body):
          check(test)
          scan(body)
        case .ifChain(let branches, let orElse):
          for branch in branches {
            check(branch.test)
            scan(branch.body)
          }
          scan(orElse)
        case .block(_, let body), .function(_, _, let body, _), .classDefinition(_, let body):
          scan(body)
        case .returnValue(let value): value.map(check)
        case .imports, .keyword: break
        }
      }
    }
    scan(statements)
    return found
  }
}

/// A number as a message shows it: up to 4 significant digits.
func format(_ x: Double) -> String {
  if x == 0 { return "0" }
  if abs(x) >= 1e-3 && abs(x) < 1e5 {
    var text = String(format: "%.4g", x)
    if text.contains("e") { text = String(format: "%g", x) }
    return text
  }
  return String(format: "%.3g", x)
}

extension ScriptWalker {
  /// An `lr_lambda`'s factor at a step, folded (nil when it cannot be).
  func multiplier(_ function: ScriptValue, at step: Int) -> Double? {
    work = 0
    switch function {
    case .lambda(let parameters, let body, let captured):
      guard parameters.count == 1 else { return nil }
      let frame = Frame(parent: module)
      frame.names = captured
      frame.names[parameters[0]] = .int(step)
      return evaluate(body, in: frame).number
    case .function(let ref):
      let saved = (events.count, order)
      let value = invoke(ref, positional: [.int(step)], keywords: [], caller: module).number
      events.removeLast(events.count - saved.0)
      order = saved.1
      return value
    default:
      return nil
    }
  }
}

extension Analysis {
  /// The scheduler's learning rates over `steps` calls, built by TorchSnippet from the folded
  /// construction code (nil when it cannot be built).
  func trace(_ record: SchedulerRecord, steps: Int) -> ScheduleTrace? {
    guard let snippet = snippet(for: record),
      let built = try? SnippetProgram.parse(snippet).build()
    else { return nil }
    return ScheduleRunner.run(built, steps: max(0, min(steps, 1_000_000)))
  }
}

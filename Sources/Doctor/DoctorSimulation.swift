import TorchSnippet

/// `lrlab doctor --simulate`: one scheduler's learning rate at every optimizer step, as the
/// script steps it and as it was sized to be stepped. The scheduler itself is built and stepped
/// by TorchSnippet from the script's own construction code (with folded values).
public struct DoctorSimulation: Sendable, Equatable {
  public var className: String
  public var variable: String
  public var line: Int
  public var per: StepFrequency
  public var sizedPer: StepFrequency
  /// LR at optimizer step 0, 1, ... as the script runs it (ends early when PyTorch raises).
  public var actual: [Double]
  /// LR at optimizer step 0, 1, ... had the scheduler been stepped in the unit it was sized in.
  public var sized: [Double]
  /// What PyTorch raises mid-run, if it does ("ValueError: ..." at optimizer step N).
  public var failure: String?
  public var sizedDescription: String {
    "stepped per \(sizedPer.rawValue)"
  }
  public var note: String

  /// Runs every plan the doctor could evaluate. Bounded: at most `maxSteps` optimizer steps.
  public static func run(_ report: DoctorReport, maxSteps: Int = 200_000) -> [DoctorSimulation] {
    report.plans.compactMap { simulate($0, maxSteps: maxSteps) }
  }

  static func simulate(_ plan: StepPlan, maxSteps: Int) -> DoctorSimulation? {
    guard let snippet = plan.snippet, let perEpoch = plan.optimizerStepsPerEpoch, perEpoch > 0,
      let epochs = plan.epochs, epochs > 0
    else { return nil }
    let total = min(maxSteps, epochs * perEpoch)
    func trace(stepsPer frequency: StepFrequency, length: Int) -> (ScheduleTrace, Int)? {
      guard let built = try? SnippetProgram.parse(snippet).build(),
        !built.scheduler.needsMetric
      else { return nil }
      let calls = frequency == .batch ? length : (length + perEpoch - 1) / perEpoch
      return (ScheduleRunner.run(built, steps: calls), calls)
    }
    func perStep(_ trace: ScheduleTrace, _ frequency: StepFrequency, length: Int) -> [Double] {
      var values: [Double] = []
      values.reserveCapacity(length)
      for step in 0..<length {
        let row = frequency == .batch ? step : step / perEpoch
        guard row < trace.rows.count else { break }
        values.append(trace.rows[row].lr.first ?? 0)
      }
      return values
    }
    guard let (actualTrace, _) = trace(stepsPer: plan.per, length: total) else { return nil }
    let actual = perStep(actualTrace, plan.per, length: total)
    // Stepped in the wrong unit: the same run stepped right. Sized for another length: that
    // length, in its own unit.
    var sizedLength = total
    if plan.sizedPer == plan.per, let steps = plan.sizedSteps, steps > 0 {
      sizedLength = min(maxSteps, plan.per == .batch ? steps : steps * perEpoch)
    }
    guard let (sizedTrace, _) = trace(stepsPer: plan.sizedPer, length: max(total, sizedLength))
    else { return nil }
    let sized = perStep(sizedTrace, plan.sizedPer, length: max(1, sizedLength))
    var failure: String?
    if let stepFailure = actualTrace.failure {
      let step = plan.per == .batch ? stepFailure.step : stepFailure.step * perEpoch
      failure = "\(stepFailure.error) (at optimizer step \(step))"
    }
    let peakActual = actual.max() ?? 0
    let peakSized = sized.max() ?? 0
    var note =
      "\(plan.className) stepped per \(plan.per.rawValue) for \(epochs) epochs x \(perEpoch) "
      + "optimizer steps: peak LR \(format(peakActual)), final \(format(actual.last ?? 0)); "
      + "as sized (per \(plan.sizedPer.rawValue), \(sizedLength) optimizer steps): peak "
      + "\(format(peakSized)), final \(format(sized.last ?? 0))."
    if let failure { note += " PyTorch raises: \(failure)." }
    return DoctorSimulation(
      className: plan.className, variable: plan.variable, line: plan.line, per: plan.per,
      sizedPer: plan.sizedPer, actual: actual, sized: sized, failure: failure, note: note)
  }

  /// `scheduler,line,step,lr_actual,lr_sized` (empty cell where a series has ended).
  public static func csv(_ simulations: [DoctorSimulation]) -> String {
    var out = "scheduler,line,step,lr_actual,lr_sized\n"
    for simulation in simulations {
      let count = max(simulation.actual.count, simulation.sized.count)
      for step in 0..<count {
        let actual = step < simulation.actual.count ? jsonNumber(simulation.actual[step]) : ""
        let sized = step < simulation.sized.count ? jsonNumber(simulation.sized[step]) : ""
        out += "\(simulation.className),\(simulation.line),\(step),\(actual),\(sized)\n"
      }
    }
    return out
  }

  public static func json(_ simulations: [DoctorSimulation], file: String) -> String {
    var out = "{\"file\": \(jsonString(file)), \"simulations\": ["
    out += simulations.map { simulation in
      "{\"scheduler\": \(jsonString(simulation.className)), \"variable\": "
        + "\(jsonString(simulation.variable)), \"line\": \(simulation.line), "
        + "\"per\": \(jsonString(simulation.per.rawValue)), "
        + "\"sized_per\": \(jsonString(simulation.sizedPer.rawValue)), "
        + "\"failure\": \(simulation.failure.map(jsonString) ?? "null"), "
        + "\"actual\": [" + simulation.actual.map(jsonNumber).joined(separator: ", ") + "], "
        + "\"sized\": [" + simulation.sized.map(jsonNumber).joined(separator: ", ") + "]}"
    }.joined(separator: ", ")
    return out + "]}\n"
  }
}

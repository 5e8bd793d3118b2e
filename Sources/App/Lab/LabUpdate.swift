import TerminalUI

/// The Lab's keys. Global keys (`?`, `q`/Esc, Ctrl-C) fall through to the app.
extension LabState {
  public static let keys: [KeyHelp] = [
    KeyHelp("Space", "play / pause"),
    KeyHelp(". ,  Home End", "step forward / back; cursor to start / end"),
    KeyHelp("> <", "one epoch forward / back"),
    KeyHelp("r  + -", "restart from step 0; faster / slower"),
    KeyHelp("Up Down  k j", "choose a knob"),
    KeyHelp("Left Right  h l", "turn the knob (the run restarts)"),
    KeyHelp("y", "LR axis: log / linear"),
    KeyHelp("e", "edit the code (Esc applies)"),
    KeyHelp("c  C", "keep the run as a ghost for the lesson / clear"),
    KeyHelp("b", "5 seeds: median and min–max band / one seed"),
    KeyHelp("1-5", "replay a common mistake; 0 back to the start"),
    KeyHelp("t", "LR range test (m sends max_lr to OneCycleLR)"),
    KeyHelp("x  X  S  g", "save run CSV / JSON, schedule CSV, charts SVG"),
    KeyHelp("w", "sweep peak LR vs constant (Enter opens a run)"),
    KeyHelp("Tab", "small terminals: step+knobs / code / compare"),
    KeyHelp("P  M", "PyTorch: the run as a script / the model's code"),
    KeyHelp("?", "help"),
    KeyHelp("q / Esc", "back to where the Lab was opened"),
  ]

  /// Every key of the Lab, for the help overlay.
  public var keyHelp: [KeyHelp] {
    editor != nil
      ? [
        KeyHelp("typing", "edits the code"), KeyHelp("arrows Home End", "move"),
        KeyHelp("Esc", "apply (twice on an error: discard)"),
      ] : Self.keys
  }

  /// The main keys, for the status line.
  public var statusKeys: [KeyHelp] {
    if editor != nil { return [KeyHelp("Esc", "apply the code"), KeyHelp("Ctrl-C", "quit")] }
    if sweep != nil {
      return [
        KeyHelp("←→ ↑↓", "point"), KeyHelp("Enter", "open the run"), KeyHelp("g", "SVG"),
        KeyHelp("w", "leave the sweep"), KeyHelp("q", "back"),
      ]
    }
    if rangeTest != nil {
      return [
        KeyHelp("m", "max_lr to OneCycleLR"), KeyHelp("t", "leave the range test"),
        KeyHelp("q", "back"),
      ]
    }
    return [
      KeyHelp("Space", run.playback.playing ? "pause" : "play"), KeyHelp(". ,", "step"),
      KeyHelp("h l", "knob"), KeyHelp("e", "code"), KeyHelp("c", "ghost"),
      KeyHelp("1-5", "mistakes"), KeyHelp("?", "help"), KeyHelp("q", "back"),
    ]
  }

  /// Handles a message while the Lab is on top.
  public mutating func update(_ msg: Msg, context: LabContext) -> LabOutcome {
    evaluatesInBackground = context.evaluatesInBackground
    var outcome = handle(msg, context: context)
    // Work asked for along the way (a run to prepare in the background, see `startRun`).
    outcome.effects += outbox
    outbox = []
    return outcome
  }

  private mutating func handle(_ msg: Msg, context: LabContext) -> LabOutcome {
    switch msg {
    case .tick:
      if var sweep {
        sweep.tick()
        self.sweep = sweep
        return LabOutcome(handled: true)
      }
      if var test = rangeTest {
        test.tick()
        rangeTest = test
        return LabOutcome(handled: true)
      }
      run.tick()
      seedBand?.advance(to: run.playback.revealed)
      return LabOutcome(handled: true, effects: progressEffects())
    case .resize:
      return LabOutcome(handled: false)
    case .lab(.checked(let generation, let problem)):
      return LabOutcome(handled: true, effects: checked(generation, problem, context: context))
    case .lab(.prepared(let generation, let prepared)):
      guard generation == evaluationGeneration, isPreparing else {
        return LabOutcome(handled: true)
      }
      if opening == generation {
        // The lesson's lab is ready: it is also where `0` returns to.
        opening = nil
        origin = prepared.config
        originCode = prepared.code
        if message == "Starting the lab…" { message = nil }
        install(prepared, playing: false)
      } else if editor?.applying == generation {
        editor = nil
        notice = nil
        if message == "Starting the run…" { message = nil }
        install(prepared, playing: true)
      } else if let pending = pendingStart, pending.generation == generation {
        pendingStart = nil
        install(prepared, playing: pending.playing)
      }
      var effects = progressEffects()
      let held = heldInput
      heldInput = []
      for input in held {
        let outcome = update(input, context: context)
        effects += outcome.effects
      }
      return LabOutcome(handled: true, effects: effects)
    case .lab(.exportReady(let generation, let export, let result)):
      guard pendingExports.remove(generation) != nil else { return LabOutcome(handled: true) }
      return exported(export, result)
    case .lab(.fileWritten(let path)):
      message = "Wrote \(path)"
      return LabOutcome(handled: true)
    case .lab(.fileFailed(let path, let why)):
      message = "Could not write \(path): \(why)"
      return LabOutcome(handled: true)
    case .mouse where isPreparing, .key where isPreparing, .paste where isPreparing:
      // A run is being prepared: back and quit act now (the app's keys); the rest waits.
      if editor == nil, case .key(let key) = msg, [.char("q"), .escape, .char("?")].contains(key) {
        return LabOutcome(handled: false)
      }
      if case .key(.ctrlC) = msg { return LabOutcome(handled: false) }
      if heldInput.count < Self.maxHeldInput { heldInput.append(msg) }
      return LabOutcome(handled: true)
    case .mouse(let event):
      return LabOutcome(handled: mouse(event, context: context))
    case .paste(let text):
      // Into the editor in one edit (one check of the code, not one per character).
      guard var e = editor else { return LabOutcome(handled: false) }
      message = nil
      e.paste(text)
      editor = e
      return LabOutcome(handled: true, effects: recheck(context: context))
    case .key(let key):
      message = nil
      if editor != nil { return editKey(key, context: context) }
      if sweep != nil, let outcome = sweepKey(key) { return outcome }
      if rangeTest != nil, let outcome = rangeTestKey(key) { return outcome }
      return handleKey(key)
    default:
      return LabOutcome(handled: false)
    }
  }

  private mutating func handleKey(_ key: Key) -> LabOutcome {
    switch key {
    case .char(" "): run.togglePlay()
    case .char("."), .char("n"): run.scrub(by: 1)
    case .char(","), .char("p"): run.scrub(by: -1)
    case .char(">"): run.scrub(by: max(run.trace.stepsPerEpoch, 1))
    case .char("<"): run.scrub(by: -max(run.trace.stepsPerEpoch, 1))
    case .home: run.scrubToStart()
    case .end: run.scrubToEnd()
    case .char("r"):
      if problem == nil { run.restart() }
    case .char("+"), .char("="):
      run.changeSpeed(by: 1)
      chosenSpeed = run.playback.speedIndex
    case .char("-"), .char("_"):
      run.changeSpeed(by: -1)
      chosenSpeed = run.playback.speedIndex
    case .up, .char("k"): selectedKnob = max(selectedKnob - 1, 0)
    case .down, .char("j"): selectedKnob = min(selectedKnob + 1, knobRows.count - 1)
    case .left, .char("h"): adjustSelectedKnob(-1)
    case .right, .char("l"): adjustSelectedKnob(+1)
    case .char("y"): logLR.toggle()
    case .char("e"):
      var e = LabCodeEditor(text: code)
      e.problem = problem
      editor = e
      run.pause()
    case .char("c"): keepGhost()
    case .char("C"):
      ghosts = []
      notice = nil
      message = "Ghosts cleared for this lesson."
    case .char("b"):
      fiveSeeds.toggle()
      startRun(playing: true)
      message =
        fiveSeeds
        ? "Seeds \(seed)–\(seed + LabSeedBand.count - 1): the loss chart shows their median and min–max band."
        : "One seed (\(seed)) again."
    case .tab:
      tab = tab.next
    case .backTab:
      tab = tab.previous
    case .char("0"): resetToOrigin()
    case .char(let c) where LabMistakePreset.preset(forKey: c) != nil:
      if let preset = LabMistakePreset.preset(forKey: c) { load(preset) }
    case .char("t"): enterRangeTest()
    case .char("w"): enterSweep()
    case .char("g"): return export("charts", "svg", svgExport())
    case .char("x"):
      return export("run", "csv", run.report(json: false))
    case .char("X"):
      return export("run", "json", run.report(json: true))
    case .char("P"):
      return exportEvaluated(.pytorchScript)
    case .char("M"):
      showsModel.toggle()
      // On a compact layout the model is on the code tab: go there (Tab still leaves it).
      if showsModel { tab = .code }
    case .char("S"):
      let metrics = run.trace.epochs.compactMap { config.metric == .val ? $0.valLoss : nil }
      return exportEvaluated(.scheduleCSV(metrics: metrics))
    case .char("s"):
      message = "s previews a lesson card's schedule; the Lab charts it live (S saves it as CSV)."
    default:
      return LabOutcome(handled: false)
    }
    return LabOutcome(handled: true, effects: progressEffects())
  }

  private mutating func editKey(_ key: Key, context: LabContext) -> LabOutcome {
    guard var e = editor else { return LabOutcome(handled: false) }
    if key == .escape {
      if e.checking != nil {
        e.applyWhenChecked = true
        editor = e
        message = "Checking the code…"
        return LabOutcome(handled: true)
      }
      return LabOutcome(handled: true, effects: applyEdit(context: context))
    }
    let before = e.text
    guard e.handle(key) else { return LabOutcome(handled: key != .ctrlC) }
    e.applyWhenChecked = false
    editor = e
    return LabOutcome(handled: true, effects: e.text != before ? recheck(context: context) : [])
  }

  /// A run is being prepared in the background (a lesson's lab opening, an edit applied).
  var isPreparing: Bool { opening != nil || editor?.applying != nil || pendingStart != nil }

  /// Checks the editor's text: inline, or as background work whose answer is `.checked`.
  private mutating func recheck(context: LabContext) -> [Effect] {
    guard var e = editor else { return [] }
    guard context.evaluatesInBackground else {
      e.problem = engine.check(e.text, config)
      editor = e
      return []
    }
    evaluationGeneration += 1
    e.checking = evaluationGeneration
    editor = e
    return [.lab(.evaluate(evaluation(.check, code: e.text)))]
  }

  private func evaluation(_ kind: LabEvaluation.Kind, code: String) -> LabEvaluation {
    LabEvaluation(
      generation: evaluationGeneration, kind: kind, code: code, config: config, engine: engine,
      epochsFixed: epochsFixed, fiveSeeds: fiveSeeds)
  }

  /// A background check answered: the latest one sets the error, and runs a waiting Esc.
  private mutating func checked(_ generation: Int, _ problem: LabProblem?, context: LabContext)
    -> [Effect]
  {
    guard var e = editor, e.checking == generation else { return [] }
    e.checking = nil
    e.problem = problem
    editor = e
    if message == "Checking the code…" { message = nil }
    guard e.applyWhenChecked else { return [] }
    e.applyWhenChecked = false
    editor = e
    return applyEdit(context: context)
  }

  /// Esc in the editor on checked text: apply it (the run restarts), or explain its error
  /// (a second Esc discards the edit).
  private mutating func applyEdit(context: LabContext) -> [Effect] {
    guard var e = editor else { return [] }
    if e.problem == nil {
      guard e.text != code else {
        editor = nil
        return []
      }
      // One computation either way: `LabEvaluation.apply`, here or on the worker.
      evaluationGeneration += 1
      let job = evaluation(.apply, code: e.text)
      guard context.evaluatesInBackground else {
        editor = nil
        notice = nil
        if case .prepared(_, let prepared) = job.perform() { install(prepared, playing: true) }
        return progressEffects()
      }
      e.applying = evaluationGeneration
      editor = e
      message = "Starting the run…"
      return [.lab(.evaluate(job))]
    } else if e.discardArmed {
      editor = nil
    } else {
      e.discardArmed = true
      editor = e
      message = "The code has an error: fix it, or press Esc again to discard the edit."
    }
    return []
  }

  /// Wheel scrubs by an epoch; a click on a chart puts the cursor on that step.
  private mutating func mouse(_ event: MouseEvent, context: LabContext) -> Bool {
    guard editor == nil, rangeTest == nil else { return false }
    let epoch = max(run.trace.stepsPerEpoch, 1)
    switch event.kind {
    case .wheelUp: run.scrub(by: -epoch)
    case .wheelDown: run.scrub(by: epoch)
    case .press:
      let layout = layout(in: context.area, style: LabStyle(context: context))
      guard run.playback.revealed > 0,
        let chart = [layout.lrChart, layout.lossChart].first(where: {
          $0.contains(x: event.x, y: event.y)
        })
      else { return false }
      // The plot spans the chart minus its y labels; map the column linearly onto the steps.
      let plotX = chart.x + 10
      let plotWidth = max(chart.width - 12, 1)
      let fraction = Double(min(max(event.x - plotX, 0), plotWidth)) / Double(plotWidth)
      let step = Int((fraction * Double(max(run.trace.plannedSteps - 1, 0))).rounded()) + 1
      run.scrub(by: step - (run.cursorRecord?.step ?? 0))
    case .release: return false
    }
    return true
  }

  private mutating func keepGhost() {
    guard !run.trace.steps.isEmpty else {
      message = "Nothing to keep yet: play the run first."
      return
    }
    let label = runLabel
    ghosts.append(LabGhost(label: label, trace: run.trace))
    if ghosts.count > 3 { ghosts.removeFirst() }
    message =
      lab == nil
      ? "Kept \(label) as a ghost: change a knob and play to compare."
      : "Kept \(label) as a ghost: it stays for this lesson's other labs too."
  }

  private mutating func resetToOrigin() {
    config = origin
    code = originCode
    notice = nil
    startRun(playing: false)
  }

  private mutating func load(_ preset: LabMistakePreset) {
    config = preset.mistaken
    code = LabCodeGen.code(for: config)
    // The runs kept with `c` stay (they are the lesson's); an earlier preset's comparison goes.
    ghosts.removeAll(where: \.isPresetComparison)
    if let right = completeTrace(of: preset.correct) {
      ghosts.append(
        LabGhost(
          label: preset.correct.shortLabel + " (right)", trace: right, isPresetComparison: true))
      if ghosts.count > 3 { ghosts.removeFirst() }
    }
    notice = "\(preset.key) · \(preset.title): \(preset.notice)"
    startRun(playing: true)
  }

  /// `P` and `S`: files whose contents come from evaluating the code — in the background when
  /// the runtime can (`LabMsg.exportReady` brings them back), else at once.
  private mutating func exportEvaluated(_ export: LabEvaluation.Export) -> LabOutcome {
    guard evaluatesInBackground else {
      return exported(export, LabEvaluation.exportContents(export, config, code, engine))
    }
    evaluationGeneration += 1
    pendingExports.insert(evaluationGeneration)
    message = "Preparing the file…"
    outbox.append(
      .lab(
        .evaluate(
          LabEvaluation(
            generation: evaluationGeneration, kind: .export(export), code: code,
            config: config, engine: engine, epochsFixed: epochsFixed, fiveSeeds: fiveSeeds))))
    return LabOutcome(handled: true)
  }

  private mutating func exported(
    _ export: LabEvaluation.Export, _ result: Result<String, LabProblem>
  ) -> LabOutcome {
    switch (export, result) {
    case (.pytorchScript, .success(let script)): return self.export("run", "py", script)
    case (.scheduleCSV, .success(let csv)): return self.export("schedule", "csv", csv)
    case (.pytorchScript, .failure(let p)):
      message = "Cannot export a PyTorch script: \(p.message)"
    case (.scheduleCSV, .failure(let p)):
      message = "Cannot export the schedule: \(p.message)"
    }
    return LabOutcome(handled: true)
  }

  mutating func export(_ what: String, _ fileExtension: String, _ contents: String)
    -> LabOutcome
  {
    let stem = "lrlab-\(LabExport.slug(lab?.id ?? "lab"))-\(what)"
    message = "Writing \(stem)-….\(fileExtension)"
    return LabOutcome(
      handled: true,
      effects: [.lab(.export(stem: stem, fileExtension: fileExtension, contents: contents))])
  }

  /// The run's name in legends, ghosts and the compare table: the lab's own name while it runs
  /// as the lesson wrote it, else what was changed.
  var runLabel: String {
    // The seed that runs, not how it was set: a sweep's explicit seed 0 is the default seed 0.
    let originSeed = origin.seed ?? engine.defaultSeed(origin.model)
    let seedText = seed != originSeed ? " seed \(seed)" : ""
    if let lab {
      let name = String(lab.id.split(separator: "/").last ?? Substring(lab.id))
      if config == origin && code == originCode { return name }
      if config.template == nil { return name + " (edited)" + seedText }
    }
    return config.shortLabel + seedText
  }

  /// Checkpoint tokens for a run that just completed, reported once each.
  mutating func progressEffects() -> [Effect] {
    guard run.isComplete else { return [] }
    var effects: [Effect] = []
    let tokens = LabCheckpoints.tokens(for: facts, trace: run.trace)
    if !runReported, !tokens.isEmpty {
      // A finished run (not one stopped by an error): counted once, in the progress file.
      runReported = true
      effects.append(.saveProgress(.labRunFinished(labID: facts.labID)))
    }
    for token in tokens where !earned.contains(token) {
      earned.insert(token)
      effects.append(.saveProgress(.requirementMet(token)))
    }
    return effects
  }

  private mutating func enterRangeTest() {
    switch engine.rangeTest(config) {
    case .success(let test):
      run.pause()
      rangeTest = test
    case .failure(let p):
      message = "Range test: \(p.message)"
    }
  }

  private mutating func rangeTestKey(_ key: Key) -> LabOutcome? {
    switch key {
    case .char("t"):
      rangeTest = nil
    case .char(" "):
      rangeTest?.playing.toggle()
      if rangeTest?.isComplete == true { rangeTest?.points = [] }
    case .char("m"):
      guard let lr = rangeTest?.suggestedMaxLR else {
        message = "The sweep has no suggestion yet."
        return LabOutcome(handled: true)
      }
      let rounded = Double(String(format: "%.2g", lr)) ?? lr
      rangeTest = nil
      config.mistake = .none
      config.stepEvery = nil
      config.select(.oneCycleLR, stepsPerEpoch: engine.batchesPerEpoch(config))
      config.setKnob("max_lr", .number(rounded))
      code = LabCodeGen.code(for: config)
      notice = "OneCycleLR with max_lr=\(pythonFloat(rounded)) from the range test."
      startRun(playing: true)
    default:
      return nil
    }
    return LabOutcome(handled: true)
  }
}

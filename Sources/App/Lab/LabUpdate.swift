import TerminalUI

/// The Lab's keys. Global keys (`?`, `q`/Esc, Ctrl-C) fall through to the app.
extension LabState {
  public static let keys: [KeyHelp] = [
    KeyHelp("Space", "play / pause"),
    KeyHelp(". ,", "step forward / back (scrub the cursor)"),
    KeyHelp("> <", "one epoch forward / back"),
    KeyHelp("Home End", "cursor to the start / end of the run"),
    KeyHelp("r", "restart the run from step 0"),
    KeyHelp("+ -", "faster / slower (up to instant)"),
    KeyHelp("Up Down  k j", "choose a knob"),
    KeyHelp("Left Right  h l", "turn the knob (the run restarts)"),
    KeyHelp("y", "LR axis: log / linear"),
    KeyHelp("e", "edit the code (Esc applies)"),
    KeyHelp("c  C", "keep this run as a ghost / clear ghosts"),
    KeyHelp("1-5", "replay a common mistake; 0 back to the start"),
    KeyHelp("t", "LR range test (m sends max_lr to OneCycleLR)"),
    KeyHelp("x  X", "export the run as CSV / JSON"),
    KeyHelp("s", "export the schedule as CSV"),
    KeyHelp("g", "export the charts as SVG"),
    KeyHelp("w", "sweep the peak LR: this schedule vs constant (Enter opens a point)"),
    KeyHelp("P", "export the run as a runnable PyTorch script"),
    KeyHelp("M", "show the model's PyTorch code / the snippet"),
    KeyHelp("?", "help"),
    KeyHelp("q / Esc", "back"),
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
      return LabOutcome(handled: true, effects: progressEffects())
    case .resize:
      return LabOutcome(handled: false)
    case .lab(.fileWritten(let path)):
      message = "Wrote \(path)."
      return LabOutcome(handled: true)
    case .lab(.fileFailed(let path, let why)):
      message = "Could not write \(path): \(why)"
      return LabOutcome(handled: true)
    case .mouse(let event):
      return LabOutcome(handled: mouse(event, area: context.area))
    case .key(let key):
      message = nil
      if editor != nil { return LabOutcome(handled: editKey(key)) }
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
    case .char("0"): resetToOrigin()
    case .char(let c) where LabMistakePreset.preset(forKey: c) != nil:
      if let preset = LabMistakePreset.preset(forKey: c) { load(preset) }
    case .char("t"): enterRangeTest()
    case .char("w"): enterSweep()
    case .char("g"): return export("lrlab-run.svg", svgExport())
    case .char("q"), .escape:
      return LabOutcome(handled: quitsOnBack, effects: quitsOnBack ? [.quit] : [])
    case .char("x"):
      return export("lrlab-run.csv", run.report(json: false))
    case .char("X"):
      return export("lrlab-run.json", run.report(json: true))
    case .char("P"):
      switch engine.pytorchScript(config, code) {
      case .success(let script): return export("lrlab-run.py", script)
      case .failure(let p): message = "Cannot export a PyTorch script: \(p.message)"
      }
    case .char("M"):
      showsModel.toggle()
    case .char("s"):
      let metrics = run.trace.epochs.compactMap { config.metric == .val ? $0.valLoss : nil }
      switch engine.scheduleCSV(config, code, metrics) {
      case .success(let csv): return export("lrlab-schedule.csv", csv)
      case .failure(let p): message = "Cannot export the schedule: \(p.message)"
      }
    default:
      return LabOutcome(handled: false)
    }
    return LabOutcome(handled: true, effects: progressEffects())
  }

  private mutating func editKey(_ key: Key) -> Bool {
    guard var e = editor else { return false }
    if key == .escape {
      if e.problem == nil {
        editor = nil
        if e.text != code {
          code = e.text
          config = engine.recognize(code, config)
          notice = nil
          startRun(playing: true)
        }
      } else if e.discardArmed {
        editor = nil
      } else {
        e.discardArmed = true
        editor = e
        message = "The code has an error: fix it, or press Esc again to discard the edit."
      }
      return true
    }
    let before = e.text
    guard e.handle(key) else { return key != .ctrlC }
    if e.text != before { e.problem = engine.check(e.text, config) }
    editor = e
    return true
  }

  /// Wheel scrubs by an epoch; a click on a chart puts the cursor on that step.
  private mutating func mouse(_ event: MouseEvent, area: Rect) -> Bool {
    guard editor == nil, rangeTest == nil else { return false }
    let epoch = max(run.trace.stepsPerEpoch, 1)
    switch event.kind {
    case .wheelUp: run.scrub(by: -epoch)
    case .wheelDown: run.scrub(by: epoch)
    case .press:
      let layout = LabLayout(
        area: area, codeLines: code.split(separator: "\n").count + 1,
        hasPlateau: currentPlateau != nil, ghostCount: ghosts.count)
      let charts = layout.lrChart.union(layout.lossChart)
      guard charts.contains(x: event.x, y: event.y), run.playback.revealed > 0 else { return false }
      // The plot spans the chart minus its y labels; map the column linearly onto the steps.
      let plotX = charts.x + 10
      let plotWidth = max(charts.width - 12, 1)
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
    ghosts.append(LabGhost(label: config.shortLabel, trace: run.trace))
    if ghosts.count > 3 { ghosts.removeFirst() }
    message = "Kept \(config.shortLabel) as a ghost: change a knob and play to compare."
  }

  private mutating func resetToOrigin() {
    config = origin
    code = originCode
    ghosts = []
    notice = nil
    startRun(playing: false)
  }

  private mutating func load(_ preset: LabMistakePreset) {
    config = preset.mistaken
    code = LabCodeGen.code(for: config)
    ghosts = []
    if let right = completeTrace(of: preset.correct) {
      ghosts = [LabGhost(label: preset.correct.shortLabel + " (right)", trace: right)]
    }
    notice = "\(preset.key) · \(preset.title): \(preset.notice)"
    startRun(playing: true)
  }

  mutating func export(_ path: String, _ contents: String) -> LabOutcome {
    message = "Writing \(path)…"
    return LabOutcome(handled: true, effects: [.lab(.writeFile(path: path, contents: contents))])
  }

  /// Checkpoint tokens for a run that just completed, reported once each.
  mutating func progressEffects() -> [Effect] {
    guard run.isComplete else { return [] }
    var effects: [Effect] = []
    for token in LabCheckpoints.tokens(for: facts, trace: run.trace) where !earned.contains(token) {
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

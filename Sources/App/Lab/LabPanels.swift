import TerminalUI

/// Styles and glyphs for one frame, from the app's capabilities.
struct LabStyle {
  var app: AppTheme
  var unicode: Bool
  var ellipsis: String
  var pointer: String
  var chartTheme: TerminalUI.Theme
  var chartGlyphs: TerminalUI.Glyphs
  var chartMode: ChartGlyphMode

  init(context: LabContext) {
    app = AppTheme(capabilities: context.capabilities)
    unicode = context.capabilities.unicode
    ellipsis = unicode ? "…" : "..."
    pointer = unicode ? "›" : ">"
    let mode: ColorMode =
      switch context.capabilities.color {
      case .none: .none
      case .basic: .ansi8
      case .palette256: .ansi256
      }
    chartTheme = TerminalUI.Theme(colorMode: mode)
    chartGlyphs = TerminalUI.Glyphs.forUnicode(unicode)
    chartMode = unicode ? .braille : .ascii
  }

  func box(_ buffer: inout Buffer, _ rect: Rect, _ title: String, focused: Bool = false) -> Rect {
    buffer.labFrame(
      rect, style: focused ? app.focusedBorder : app.border, title: title, titleStyle: app.strong,
      unicode: unicode)
    return Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2)
  }
}

extension LabState {
  /// ReduceLROnPlateau's state at the cursor, when the run has one.
  var currentPlateau: PlateauSnapshot? {
    guard facts.classNames.contains("ReduceLROnPlateau") || config.template == .reduceLROnPlateau
    else { return nil }
    let step = run.cursorRecord?.step ?? 0
    return run.trace.epochRecord(atOrBefore: step)?.plateau
      ?? PlateauSnapshot(
        best: .infinity, badEpochs: 0, patience: plateauPatience, cooldownCounter: 0, cooldown: 0)
  }

  private var plateauPatience: Int { config.value(of: "patience")?.intValue ?? 10 }

  func drawReadout(into buffer: inout Buffer, area: Rect, style: LabStyle) {
    guard area.height >= 3 else { return }
    let inner = style.box(&buffer, area, "Step")
    var lines: [LabLine] = []
    let trace = run.trace
    let total = max(trace.plannedSteps, trace.steps.count)
    let epochs =
      trace.stepsPerEpoch > 0 ? (total + trace.stepsPerEpoch - 1) / trace.stepsPerEpoch : 0
    func row(_ label: String, _ value: String, _ s: Style = .plain) -> LabLine {
      LabLine([
        (label.padding(toLength: 10, withPad: " ", startingAt: 0), style.app.dim),
        (value, s),
      ])
    }
    if let r = run.cursorRecord {
      lines.append(
        LabLine([
          ("step ", style.app.dim), ("\(r.step)/\(total)", style.app.strong),
          ("  epoch ", style.app.dim), ("\(r.epoch + 1)/\(epochs)", style.app.strong),
        ]))
      let lrText =
        r.lrs.count == 1 ? labNumber(r.lrs[0]) : r.lrs.map(labNumber).joined(separator: " ")
      lines.append(row(r.lrs.count == 1 ? "lr" : "lr/group", lrText, style.app.accent))
      if let m = r.momenta.first {
        lines.append(
          row(
            config.optimizer == .sgd ? "momentum" : "beta1",
            r.momenta.count == 1 ? labNumber(m) : r.momenta.map(labNumber).joined(separator: " ")))
      }
      lines.append(row("train", labNumber(r.trainLoss)))
      if let e = trace.epochRecord(atOrBefore: r.step) {
        lines.append(row("val", (e.valLoss.map(labNumber) ?? "–") + "  (epoch \(e.epoch + 1))"))
        if let a = e.taskALoss { lines.append(row("task A", labNumber(a))) }
      }
    } else {
      lines.append(LabLine("step 0/\(total) · epochs \(epochs)", style.app.strong))
      lines.append(
        LabLine(
          problem == nil ? "Space plays the run." : "Fix the code (e) to run.", style.app.dim))
    }
    lines.append(LabLine(stateText(style), style.app.warning))
    if let r = run.cursorRecord, let event = trace.events.last(where: { $0.step <= r.step }) {
      lines.append(
        LabLine("\(event.kind.glyph) step \(event.step): \(event.label)", style.app.dim))
    }
    for (i, line) in lines.prefix(inner.height).enumerated() {
      buffer.draw(line, x: inner.x, y: inner.y + i, maxX: inner.maxX, ellipsis: style.ellipsis)
    }
  }

  private func stateText(_ style: LabStyle) -> String {
    let p = run.playback
    let speed = p.isInstant ? "instant" : "\(p.speed) step\(p.speed == 1 ? "" : "s")/frame"
    if run.trace.events.contains(where: { $0.kind == .divergence }), run.isComplete {
      return (style.unicode ? "✗" : "x") + " diverged"
    }
    if run.trace.failure != nil, run.isComplete {
      return (style.unicode ? "✗" : "x") + " stopped by an error"
    }
    if run.isComplete { return (style.unicode ? "■" : "#") + " finished · \(speed)" }
    if p.playing { return (style.unicode ? "▶" : ">") + " playing · \(speed) · \(fps) fps" }
    return (style.unicode ? "❚❚" : "||") + " paused · \(speed)"
  }

  func drawPlateau(into buffer: inout Buffer, area: Rect, style: LabStyle) {
    guard let p = currentPlateau else { return }
    let inner = style.box(&buffer, area, "ReduceLROnPlateau")
    let filled = String(repeating: style.unicode ? "■" : "#", count: min(p.badEpochs, 20))
    let empty = String(
      repeating: style.unicode ? "□" : ".", count: max(0, min(p.patience, 20) - p.badEpochs))
    let best = p.best.isFinite ? labNumber(p.best) : "–"
    buffer.draw(
      LabLine([
        ("best ", style.app.dim), (best, style.app.strong), ("  bad ", style.app.dim),
        ("\(p.badEpochs)/\(p.patience) ", style.app.strong), (filled, style.app.wrong),
        (empty, style.app.dim),
      ]), x: inner.x, y: inner.y, maxX: inner.maxX, ellipsis: style.ellipsis)
    let cooling =
      p.cooldownCounter > 0 ? "cooling down: \(p.cooldownCounter) left" : "no cooldown running"
    buffer.put(
      "\(cooling) (cooldown=\(p.cooldown))", x: inner.x, y: inner.y + 1, style: style.app.dim,
      maxX: inner.maxX)
  }

  func drawCompare(into buffer: inout Buffer, area: Rect, style: LabStyle) {
    let runs = ghosts.map { ($0.label, $0.trace) } + [("now: " + config.shortLabel, run.trace)]
    let (target, rows) = LabCompare.table(runs)
    let inner = style.box(&buffer, area, "Compare")
    let numbers = 22
    let labelWidth = max(inner.width - numbers, 6)
    let reach = (style.unicode ? "≤" : "<=") + (target.map(labNumber) ?? "?")
    let header =
      "run".padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "final  best   "
      + reach
    buffer.put(header, x: inner.x, y: inner.y, style: style.app.dim, maxX: inner.maxX)
    let marks = style.unicode ? ["◌", "◍", "○", "●"] : [".", ":", "o", "*"]
    for (i, r) in rows.enumerated() where i + 1 < inner.height {
      let current = i == rows.count - 1
      let mark = current ? marks[3] : marks[i % 3]
      let y = inner.y + 1 + i
      let s = current ? style.app.strong : style.app.text
      buffer.draw(
        LabLine(mark + " " + r.label, s), x: inner.x, y: y, maxX: inner.x + labelWidth - 1,
        ellipsis: style.ellipsis)
      let final = r.diverged ? "div." : (r.finalLoss.map(compact) ?? "–")
      let text =
        final.padding(toLength: 7, withPad: " ", startingAt: 0)
        + (r.bestLoss.map(compact) ?? "–").padding(toLength: 7, withPad: " ", startingAt: 0)
        + (r.stepsToTarget.map { "\($0)" } ?? "never")
      buffer.put(text, x: inner.x + labelWidth, y: y, style: s, maxX: inner.maxX)
    }
  }

  private func compact(_ v: Double) -> String {
    v.isFinite ? String(format: "%.3g", v) : "inf"
  }

  func drawKnobs(into buffer: inout Buffer, area: Rect, style: LabStyle) {
    guard area.height >= 3 else { return }
    let inner = style.box(&buffer, area, "Knobs  ↑↓ pick  ←→ turn")
    let rows = knobRows
    let first = max(0, min(selectedKnob - inner.height / 2, rows.count - inner.height))
    for (i, row) in rows.enumerated().dropFirst(first).prefix(inner.height) {
      let y = inner.y + i - first
      let selected = i == selectedKnob
      let labelWidth = min(17, inner.width / 2)
      let label = String(row.label.prefix(labelWidth - 1)).padding(
        toLength: labelWidth, withPad: " ", startingAt: 0)
      let arrows =
        selected && row.adjustable
        ? (style.unicode ? "◂ " + row.value + " ▸" : "< " + row.value + " >") : row.value
      var valueStyle = row.adjustable ? style.app.code : style.app.dim
      if selected { valueStyle = style.app.selection }
      buffer.put(
        (selected ? style.pointer : " ") + " ", x: inner.x, y: y, style: style.app.accent)
      buffer.put(
        label, x: inner.x + 2, y: y, style: row.adjustable ? style.app.text : style.app.dim,
        maxX: inner.maxX)
      buffer.put(arrows, x: inner.x + 2 + labelWidth, y: y, style: valueStyle, maxX: inner.maxX)
    }
  }
}

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
          ("  epoch ", style.app.dim),
          ("\(LabNumbering.epoch(fromTraining: r.epoch))/\(epochs)", style.app.strong),
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
        lines.append(
          row(
            "val",
            (e.valLoss.map(labNumber) ?? "–")
              + "  (epoch \(LabNumbering.epoch(fromTraining: e.epoch)))"))
        if let a = e.taskALoss { lines.append(row("task A", labNumber(a))) }
      }
    } else {
      lines.append(LabLine("step 0/\(total) · epochs \(epochs)", style.app.strong))
      lines.append(
        LabLine(
          problem == nil ? "Space plays the run." : "Fix the code (e) to run.", style.app.dim))
    }
    if let band = seedBand, let r = run.cursorRecord {
      let traces = band.traces(main: trace)
      let points = LabSeedStats.epochPoints(traces, upTo: r.step)
      let diverged = LabSeedStats.diverged(traces)
      var pieces: [(String, Style)] = [
        ("seeds \(band.seeds.lowerBound)–\(band.seeds.upperBound) ", style.app.dim)
      ]
      if let p = points.last {
        pieces.append(("\(labNumber(p.median)) ", style.app.strong))
        pieces.append(("[\(labNumber(p.low))–\(labNumber(p.high))]", style.app.dim))
      }
      if diverged > 0 { pieces.append((" \(diverged)/\(traces.count) diverged", style.app.wrong)) }
      lines.append(LabLine(pieces))
    }
    lines.append(LabLine(stateText(style), style.app.warning))
    if let r = run.cursorRecord, let event = trace.events.last(where: { $0.step <= r.step }) {
      // The latest event in full: wrapped over the rows left (the chart shows its short label).
      let text = "\(event.kind.glyph) step \(event.step): \(event.label)"
      let room = max(inner.height - lines.count, 1)
      let wrapped = wrap(text, width: max(inner.width, 10))
      // The last row holds the rest, cut at the box edge with an ellipsis (a long name such as
      // get_linear_schedule_with_warmup must not leave "W step 10: …" with the row half empty).
      var rows = Array(wrapped.prefix(room))
      if wrapped.count > room {
        rows[room - 1] = wrapped[(room - 1)...].joined(separator: " ")
      }
      for (k, piece) in rows.enumerated() {
        var text = (k == 0 ? "" : "  ") + piece
        if k == room - 1 && wrapped.count > room && text.count <= inner.width {
          text += " " + style.ellipsis
        }
        lines.append(LabLine(text, style.app.dim))
      }
    }
    // Too many lines for the box (a small terminal in 5-seed mode): momentum goes first.
    if lines.count > inner.height,
      let m = lines.firstIndex(where: {
        $0.pieces.first.map { $0.text.hasPrefix("momentum") || $0.text.hasPrefix("beta1") } ?? false
      })
    {
      lines.remove(at: m)
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
    let runs = ghosts.map { ($0.label, $0.trace) } + [("now: " + runLabel, run.trace)]
    let (target, rows) = LabCompare.table(runs)
    let inner = style.box(&buffer, area, "Compare")
    let numbers = 22
    let marks = style.unicode ? ["◌", "◍", "○", "●"] : [".", ":", "o", "*"]
    // Names that do not fit beside the numbers get a line of their own when there is room.
    let longest = rows.map { displayWidth(of: $0.label) + 2 }.max() ?? 0
    let twoLines = longest > inner.width - numbers - 1 && inner.height >= 1 + 2 * rows.count
    let labelWidth = twoLines ? 4 : max(inner.width - numbers, 6)
    let reach = (style.unicode ? "≤" : "<=") + (target.map(labNumber) ?? "?")
    let header =
      (twoLines ? "" : "run").padding(toLength: labelWidth, withPad: " ", startingAt: 0)
      + "final  best   " + reach
    buffer.put(header, x: inner.x, y: inner.y, style: style.app.dim, maxX: inner.maxX)
    for (i, r) in rows.enumerated() where (twoLines ? 2 * i + 3 : i + 2) <= inner.height {
      let current = i == rows.count - 1
      let mark = current ? marks[3] : marks[i % 3]
      let s = current ? style.app.strong : style.app.text
      let nameY = inner.y + 1 + (twoLines ? 2 * i : i)
      let y = twoLines ? nameY + 1 : nameY
      buffer.draw(
        LabLine(mark + " " + r.label, s), x: inner.x, y: nameY,
        maxX: twoLines ? inner.maxX : inner.x + labelWidth - 1, ellipsis: style.ellipsis)
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

  /// Values longer than this may not fit beside their label: the selected one is spelled out
  /// whole on the notice rows.
  static let knobValueRoom = 12

  /// "optimizer = AdamW (custom: weight_decay=0.01)" for a selected knob whose value is long.
  var truncatedKnobValue: String? {
    let rows = knobRows
    guard rows.indices.contains(selectedKnob) else { return nil }
    let row = rows[selectedKnob]
    guard row.id != .scheduler, row.value.count > Self.knobValueRoom else { return nil }
    return "\(row.label) = \(row.value)"
  }

  /// The knobs, one per line; the scheduler's name gets a line of its own (the full width, so
  /// CosineAnnealingLR and CosineAnnealingWarmRestarts never look alike).
  func drawKnobs(into buffer: inout Buffer, area: Rect, style: LabStyle) {
    guard area.height >= 3 else { return }
    let inner = style.box(
      &buffer, area,
      style.unicode ? "Knobs  ↑↓ pick  ←→ turn" : "Knobs  up/down pick  left/right turn")
    let rows = knobRows
    // Screen lines: (row index, is the scheduler's value line).
    var lines: [(row: Int, valueLine: Bool)] = []
    for i in rows.indices {
      lines.append((i, false))
      if rows[i].id == .scheduler { lines.append((i, true)) }
    }
    let selectedLine = lines.firstIndex { $0.row == selectedKnob && !$0.valueLine } ?? 0
    let first = max(0, min(selectedLine - inner.height / 2, lines.count - inner.height))
    let labelWidth = min(17, inner.width / 2)
    for (k, line) in lines.enumerated().dropFirst(first).prefix(inner.height) {
      let row = rows[line.row]
      let y = inner.y + k - first
      let selected = line.row == selectedKnob
      var valueStyle = row.adjustable ? style.app.code : style.app.dim
      if selected { valueStyle = style.app.selection }
      let arrows =
        selected && row.adjustable
        ? (style.unicode ? "◂ " + row.value + " ▸" : "< " + row.value + " >") : row.value
      if line.valueLine {
        // The arrows only when the whole name still fits beside them.
        let fits = displayWidth(of: arrows) <= inner.width - 2
        buffer.draw(
          LabLine(fits ? arrows : row.value, valueStyle), x: inner.x + 2, y: y, maxX: inner.maxX,
          ellipsis: style.ellipsis)
        continue
      }
      buffer.put(
        (selected ? style.pointer : " ") + " ", x: inner.x, y: y, style: style.app.accent)
      let labelStyle = row.adjustable ? style.app.text : style.app.dim
      if row.id == .scheduler {
        buffer.put(row.label, x: inner.x + 2, y: y, style: labelStyle, maxX: inner.maxX)
        continue
      }
      let label = String(row.label.prefix(labelWidth - 1)).padding(
        toLength: labelWidth, withPad: " ", startingAt: 0)
      buffer.put(label, x: inner.x + 2, y: y, style: labelStyle, maxX: inner.maxX)
      buffer.draw(
        LabLine(arrows, valueStyle), x: inner.x + 2 + labelWidth, y: y, maxX: inner.maxX,
        ellipsis: style.ellipsis)
    }
  }
}

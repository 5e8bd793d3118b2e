/// Axes, tick labels, marker labels and the legend.
extension LineChart {
  func drawAxes(into buffer: inout Buffer, geometry: ChartGeometry) {
    let plot = geometry.layout.plot
    let axisStyle = theme[.axis]
    let labelStyle = theme[.axisLabel]
    let axisX = plot.x - 1
    let tickRows = Set(geometry.yLabels.map(\.row))
    for y in plot.y..<plot.maxY {
      buffer[axisX, y] = Cell(
        tickRows.contains(y) ? glyphs.teeLeft : glyphs.vertical, style: axisStyle)
    }
    for (row, text) in geometry.yLabels {
      let w = min(text.count, axisX - geometry.area.x)
      buffer.put(text, x: axisX - w, y: row, style: labelStyle, maxX: axisX)
    }
    let axisRow = plot.maxY
    guard axisRow < geometry.area.maxY else { return }
    buffer[axisX, axisRow] = Cell(glyphs.bottomLeft, style: axisStyle)
    let tickColumns = Set(geometry.xLabels.map(\.column))
    for x in plot.x..<plot.maxX {
      buffer[x, axisRow] = Cell(
        tickColumns.contains(x) ? glyphs.teeDown : glyphs.horizontal, style: axisStyle)
    }
    if let row = geometry.labelRow {
      drawLabelRow(&buffer, row: row, labels: geometry.xLabels, name: xName, area: geometry.area)
    }
    if let row = geometry.secondaryRow, let secondary = secondaryX {
      drawLabelRow(
        &buffer, row: row, labels: geometry.secondaryLabels, name: secondary.name,
        area: geometry.area)
    }
  }

  /// Labels centred under their columns, left to right, skipping any that would touch the previous
  /// one or the unit name at the row's right end.
  private func drawLabelRow(
    _ buffer: inout Buffer, row: Int, labels: [(column: Int, text: String)], name: String,
    area: Rect
  ) {
    let style = theme[.axisLabel]
    var limit = area.maxX
    if !name.isEmpty, name.count + 2 < area.width / 2 {
      buffer.put(name, x: area.maxX - name.count, y: row, style: theme[.muted])
      limit = area.maxX - name.count - 1
    }
    var nextFree = area.x
    for (column, text) in labels {
      let w = text.count
      var start = column - (w - 1) / 2
      start = max(start, area.x)
      if start + w > limit { start = limit - w }
      guard start >= nextFree, start + w <= limit else { continue }
      buffer.put(text, x: start, y: row, style: style)
      nextFree = start + w + 1
    }
  }

  /// Marker labels in the upper half of the plot, right of their line (left when no room), never
  /// over another label, on the row where they hide the fewest data cells (higher rows win ties);
  /// truncated when no row has room. Returns the cells taken (plot-relative, row-major) so the
  /// legend can avoid them.
  func drawMarkerLabels(into buffer: inout Buffer, layout: ChartLayout, raster: ChartRaster)
    -> [Bool]
  {
    let plot = layout.plot
    var taken = Array(repeating: false, count: plot.width * plot.height)
    let placed = markers.compactMap { m in
      layout.column(forX: m.x).map { (column: $0, label: m.label) }
    }
    .filter { !$0.label.isEmpty }
    .sorted { $0.column < $1.column }
    guard !placed.isEmpty else { return taken }
    let rows = labelsAvoidData ? plot.height : max(1, min(plot.height, max(3, plot.height / 2)))
    func hidden(_ row: Int, _ start: Int, _ width: Int) -> Int {
      var count = 0
      for x in start..<(start + width) where raster.bits[row * plot.width + x - plot.x] != 0 {
        count += 1
      }
      return count
    }
    let style = theme[.markerLabel]
    func isFree(_ row: Int, _ start: Int, _ width: Int) -> Bool {
      guard start >= plot.x, start + width <= plot.maxX, width > 0 else { return false }
      for x in max(plot.x, start - 1)..<min(plot.maxX, start + width + 1)
      where taken[row * plot.width + x - plot.x] {
        return false
      }
      return true
    }
    func place(_ text: String, row: Int, start: Int) {
      buffer.put(text, x: start, y: plot.y + row, style: style, maxX: plot.maxX)
      let w = displayWidth(of: text)
      for x in start..<min(plot.maxX, start + w) { taken[row * plot.width + x - plot.x] = true }
    }
    for (column, label) in placed {
      let w = displayWidth(of: label)
      let right = column + 1
      let left = column - w
      var best: (cost: Int, row: Int, start: Int)? = nil
      for row in 0..<rows {
        for start in [right, left] where isFree(row, start, w) {
          let covered = hidden(row, start, w)
          if labelsAvoidData && covered > 0 { continue }
          let cost = covered * 4 + row
          if cost < (best?.cost ?? Int.max) { best = (cost, row, start) }
        }
      }
      if let best { place(label, row: best.row, start: best.start) }
      let done = best != nil
      if done { continue }
      // No row has room: truncate into the widest free run right of the line.
      var widest: (row: Int, room: Int)? = nil
      for row in 0..<rows {
        var room = 0
        while right + room < plot.maxX, isFree(row, right, room + 1),
          !labelsAvoidData || hidden(row, right + room, 1) == 0
        {
          room += 1
        }
        if room > (widest?.room ?? 0) { widest = (row, room) }
      }
      if let widest, widest.room >= 2 {
        place(
          truncate(label, toWidth: widest.room, ellipsis: glyphs.ellipsis), row: widest.row,
          start: right)
      }
    }
    return taken
  }

  /// The legend (one line per series, then ghosts) in the plot corner covering the fewest dots and
  /// labels: top-right, top-left, bottom-right, bottom-left, in that order of preference.
  func drawLegend(
    into buffer: inout Buffer, plot: Rect, raster: ChartRaster, pens: [ChartPen],
    occupied: inout [Bool]
  ) {
    var entries: [(sample: String, style: Style, name: String)] = []
    for (i, s) in series.enumerated() where !s.name.isEmpty {
      entries.append(
        (
          sample(pens[ghosts.count + i], mark: mark(series: i)), pens[ghosts.count + i].style,
          s.name
        ))
    }
    for (i, g) in ghosts.enumerated() where !g.name.isEmpty {
      entries.append((sample(pens[i], mark: mark(ghost: i)), pens[i].style, g.name))
    }
    guard !entries.isEmpty else { return }
    let width = min(
      plot.width - 2,
      entries.map { displayWidth(of: $0.sample) + 1 + displayWidth(of: $0.name) }.max() ?? 0)
    let height = entries.count
    guard width >= 4, height <= plot.height else { return }
    let corners = [
      (plot.maxX - width, plot.y), (plot.x + 1, plot.y), (plot.maxX - width, plot.maxY - height),
      (plot.x + 1, plot.maxY - height),
    ]
    func cost(_ corner: (Int, Int)) -> Int {
      var total = 0
      for y in corner.1..<(corner.1 + height) {
        for x in corner.0..<(corner.0 + width) {
          let i = (y - plot.y) * plot.width + (x - plot.x)
          if raster.bits[i] != 0 { total += 1 }
          if occupied[i] { total += 1000 }
        }
      }
      return total
    }
    var best = corners[0]
    var bestCost = cost(best)
    for corner in corners.dropFirst() {
      let c = cost(corner)
      if c < bestCost {
        best = corner
        bestCost = c
      }
    }
    let legendStyle = theme[.legend]
    for (k, entry) in entries.enumerated() {
      let y = best.1 + k
      buffer.fill(Rect(x: best.0, y: y, width: width, height: 1))
      var line = StyledText(entry.sample, style: entry.style)
      line.append(" " + entry.name, style: legendStyle)
      buffer.put(
        line.truncated(toWidth: width, ellipsis: glyphs.ellipsis), x: best.0, y: y,
        maxX: best.0 + width)
      for x in best.0..<(best.0 + width) { occupied[(y - plot.y) * plot.width + x - plot.x] = true }
    }
  }

  /// A legend sample: the line's glyph, then its mark (the shape stamped along it).
  private func sample(_ pen: ChartPen, mark: Character) -> String {
    let stamp = showsSeriesMarks ? String(mark) : nil
    switch glyphMode {
    case .braille: return "⣿" + (stamp ?? "⣿")
    case .blocks: return String(pen.blocks.both) + (stamp ?? String(pen.blocks.both))
    case .ascii: return String(pen.ascii) + String(pen.ascii)
    }
  }
}

import XCTest

@testable import TerminalUI

final class LineChartTests: XCTestCase {
  let ramp = ChartSeries(name: "lr", ys: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])

  func chart(_ chart: LineChart, _ width: Int, _ height: Int) -> Buffer {
    drawn(width: width, height: height) { b, a in chart.draw(into: &b, area: a) }
  }

  func testBrailleRampWithTicks() {
    var plain = LineChart(series: [ramp], showsLegend: false)
    plain.showsSeriesMarks = false
    let buffer = chart(plain, 24, 8)
    XCTAssertEqual(
      buffer.plainText(),
      """
      10┤                 ⢀⡠⠒⠉
        │              ⣀⠤⠒⠁
       5┤          ⢀⠤⠒⠉
        │      ⢀⡠⠔⠊⠁
        │   ⣀⠔⠊⠁
       0┤⡠⠔⠊
        └┬─────────┬─────────┬
         0         5        10
      """)
    // Axis dim, the series bold (monochrome series 0).
    XCTAssertEqual(buffer.styledText().styles.split(separator: "\n")[0], "..a.................bbbb")
    XCTAssertEqual(
      buffer.styledText().legend, "a = fg=default bg=default dim\nb = fg=default bg=default bold")
  }

  func testASCIIAndBlockFallbacks() {
    let ascii = chart(
      LineChart(series: [ramp], showsLegend: false, mode: .ascii, glyphs: .ascii), 24, 8)
    XCTAssertEqual(
      ascii.plainText(),
      """
      10+                 ****
        |             ****
       5+         ****
        |     ****
        | ****
       0+*
        ++---------+---------+
         0         5        10
      """)
    var blockChart = LineChart(series: [ramp], showsLegend: false, mode: .blocks)
    blockChart.showsSeriesMarks = false
    let blocks = chart(blockChart, 24, 8)
    XCTAssertEqual(
      blocks.plainText(),
      """
      10┤                 ▄▄▀▀
        │             ▄▄▀▀
       5┤          ▄▀▀
        │       ▄▄▀
        │   ▄▄▀▀
       0┤▄▀▀
        └┬─────────┬─────────┬
         0         5        10
      """)
  }

  func testLogYWithMarkersLabelsLegendAndNaNGap() {
    // StepLR: halves every 5 steps; step 7 is NaN and leaves a gap.
    let decay = ChartSeries(
      name: "lr", ys: (0...20).map { 0.1 * pow(0.5, Double($0 / 5)) * ($0 == 7 ? .nan : 1) })
    let lineChart = LineChart(
      series: [decay],
      markers: [
        ChartMarker(x: 5, label: "milestone"), ChartMarker(x: 10, label: "milestone"),
        ChartMarker(x: 15, label: "m3"),
      ], yScale: .log10, title: "StepLR", xName: "step", mode: .ascii, glyphs: .ascii)
    let buffer = chart(lineChart, 30, 10)
    XCTAssertEqual(
      buffer.plainText(),
      """
      StepLR
       0.1+******:milestone  :m3
          |      **  **:milestone
          |      :     *     :
          |      :     ******:
          |      :     :     ******
      1e-2+      :     :     :     *
          | ** lr:     :     :     *
          ++-----------+-----------+
           0           10    20 step
      """)
    let layout = lineChart.layout(in: Rect(x: 0, y: 0, width: 30, height: 10))
    // The range snaps to 1-2-5 values around the data (6.25e-3…0.1), ticks at decades.
    XCTAssertEqual(layout.yRange, 5e-3...0.1)
    XCTAssertEqual(layout.yTicks, [1e-2, 0.1])
    XCTAssertEqual(layout.plot, Rect(x: 5, y: 1, width: 25, height: 7))
  }

  func testMarkerLabelsDoNotOverlapAndTruncateWhenCrowded() {
    func render(_ xs: [Double], height: Int) -> String {
      let lineChart = LineChart(
        series: [ChartSeries(name: "", ys: [1, 1])],
        markers: xs.map { ChartMarker(x: $0, label: "warmup end") },
        xRange: 0...10, yRange: 0...1, mode: .ascii, glyphs: .ascii)
      return chart(lineChart, 26, height).plainText()
    }
    // Stacked on up to three rows; a fourth label with no room anywhere is left out.
    XCTAssertEqual(
      render([3, 4, 5, 6], height: 9),
      """
      1.0+***   :warmup end
         |      : :warmup end
         |      : :  :warmup end
      0.5+      : :  : :
         |      : :  : :
         |      : :  : :
        0+      : :  : :
         ++----------+---------+
          0          5        10
      """)
    // Room on another row: the second label goes left of its line there.
    XCTAssertEqual(
      render([1, 7.5], height: 5),
      """
      1+***warmup end    :
       |  :    warmup end:
      0+  :              :
       ++-----------+----------+
        0           5         10
      """)
    // A single label row: the second label is cut to the room left before the edge.
    XCTAssertEqual(
      render([1, 7.5], height: 2), "0+***warmup end    :war...\n ++-----------+----------+")
  }

  func testGhostCursorSecondaryAxisAndLegendInASCII() {
    let lineChart = LineChart(
      series: [
        ChartSeries(name: "train", ys: [4, 3, 2, 1, 0.5]),
        ChartSeries(name: "val", xs: [0, 2, 4], ys: [4, 2.5, 1]),
      ],
      ghosts: [ChartSeries(name: "old", ys: [4, 4, 4, 4, 4])], cursorX: 2, xName: "step",
      secondaryX: SecondaryXAxis(name: "epoch", primaryPerUnit: 2), mode: .ascii, glyphs: .ascii)
    let buffer = chart(lineChart, 26, 9)
    XCTAssertEqual(
      buffer.plainText(),
      """
      4++++.....................
       |   ++++++   |
      2+         ++++++
       | ** train   | *++++++
       | ++ val     |   *****+++
      0+ .. old     |
       ++-----------+----------+
        0           2     4 step
        0           1    2 epoch
      """)
    let dump = buffer.styledText()
    XCTAssertEqual(
      dump.legend,
      """
      a = fg=default bg=default dim
      b = fg=default bg=default dim,reverse
      c = fg=default bg=default reverse
      d = fg=default bg=default bold
      """)
    XCTAssertEqual(dump.styles.split(separator: "\n")[1], ".a............c")
  }

  func testLaterSeriesWinsSharedCells() {
    let same = [1.0, 2, 3]
    let lineChart = LineChart(
      series: [ChartSeries(name: "a", ys: same), ChartSeries(name: "b", ys: same)],
      showsLegend: false,
      theme: .ansi256)
    let buffer = chart(lineChart, 12, 5)
    let second = Theme.ansi256[.series(1)]
    let first = Theme.ansi256[.series(0)]
    let styles = buffer.cells.filter {
      ($0.grapheme.unicodeScalars.first?.value ?? 0) >= 0x2801
        && ($0.grapheme.unicodeScalars.first?.value ?? 0) <= 0x28FF
    }.map(\.style)
    XCTAssertFalse(styles.isEmpty)
    XCTAssertTrue(styles.allSatisfy { $0 == second })
    XCTAssertFalse(styles.contains(first))
  }

  func testDownsamplingManyPointsStaysWithinTheirRangeAndLeavesNoColumnEmpty() {
    let n = 20_000
    let ys = (0..<n).map { sin(Double($0) / Double(n) * 2 * .pi) }
    let lineChart = LineChart(
      series: [ChartSeries(name: "sin", ys: ys)], yRange: -1...1, showsLegend: false)
    let area = Rect(x: 0, y: 0, width: 60, height: 20)
    let buffer = chart(lineChart, 60, 20)
    let plot = lineChart.layout(in: area).plot
    for x in plot.x..<plot.maxX {
      let column = (plot.y..<plot.maxY).filter { buffer[x, $0].grapheme != " " }
      XCTAssertFalse(column.isEmpty, "column \(x) is empty")
    }
    // A flat series is exactly one row of full-width dots.
    let flat = LineChart(
      series: [ChartSeries(name: "", ys: Array(repeating: 0.5, count: n))], yRange: 0...1,
      showsLegend: false)
    let flatBuffer = chart(flat, 20, 6)
    let rows = flatBuffer.plainText().split(separator: "\n").map(String.init)
    XCTAssertEqual(
      rows.filter { $0.contains("⠤") || $0.contains("⣀") || $0.contains("⠒") || $0.contains("⠉") }
        .count, 1)
  }

  func testAllNaNEmptyAndTinyAreasDoNotCrash() {
    let nan = ChartSeries(name: "nan", ys: [.nan, .infinity, -.infinity])
    for mode in ChartGlyphMode.allCases {
      for scale in [AxisScale.linear, .log10] {
        for (w, h) in [(0, 0), (1, 1), (3, 2), (8, 3), (40, 12)] {
          _ = chart(LineChart(series: [nan], yScale: scale, title: "t", mode: mode), w, h)
          _ = chart(
            LineChart(
              series: [], markers: [ChartMarker(x: .nan, label: "x")], cursorX: .infinity,
              yScale: scale, mode: mode), w, h)
          _ = chart(
            LineChart(
              series: [ChartSeries(name: "neg", ys: [-1, 0, 2])], yScale: scale, mode: mode), w, h)
        }
      }
    }
    let empty = LineChart(series: [])
    XCTAssertEqual(empty.layout(in: Rect(x: 0, y: 0, width: 20, height: 6)).yRange, 0...1)
  }

  func testFixedXRangeKeepsAGrowingRunInPlace() {
    let partial = LineChart(
      series: [ChartSeries(name: "", ys: [1, 1, 1, 1, 1, 1])], xRange: 0...20, yRange: 0...2,
      showsLegend: false, mode: .ascii, glyphs: .ascii)
    let buffer = chart(partial, 25, 5)
    // Six steps of twenty fill the left part only; the axis already shows the full run.
    XCTAssertEqual(
      buffer.plainText(),
      """
      2+
       |*******
      0+
       ++----------+----------+
        0          10        20
      """)
  }

  func testLayoutMapsColumnsToXValues() {
    let lineChart = LineChart(series: [ramp], xRange: 0...100, showsLegend: false)
    let layout = lineChart.layout(in: Rect(x: 0, y: 0, width: 53, height: 10))
    XCTAssertEqual(layout.plot.x, 3)
    XCTAssertEqual(layout.plot.width, 50)
    XCTAssertEqual(layout.column(forX: 0), 3)
    XCTAssertEqual(layout.column(forX: 100), 52)
    XCTAssertNil(layout.column(forX: 101))
    XCTAssertEqual(layout.xValue(atColumn: 3), 100.0 / 99.0, accuracy: 1e-9)
    XCTAssertEqual(layout.xValue(atColumn: 52), 100, accuracy: 1e-9)
    for column in 3..<53 {
      XCTAssertEqual(layout.column(forX: layout.xValue(atColumn: column)), column)
    }
  }

  func testBrailleDotBits() {
    var raster = ChartRaster(columns: 1, rows: 1, mode: .braille)
    raster.set(0, 0, pen: 0)
    XCTAssertEqual(raster.bits[0], 0x01)
    raster.set(1, 3, pen: 0)
    XCTAssertEqual(raster.bits[0], 0x81)
    for x in 0..<2 { for y in 0..<4 { raster.set(x, y, pen: 0) } }
    XCTAssertEqual(ChartRaster.brailleCharacters[Int(raster.bits[0])], "⣿")
  }

  func testAreaOutsideTheBufferIsClipped() {
    var buffer = Buffer(width: 10, height: 4)
    let lineChart = LineChart(series: [ramp], markers: [ChartMarker(x: 5, label: "m")], cursorX: 3)
    lineChart.draw(into: &buffer, area: Rect(x: -5, y: -2, width: 40, height: 20))
    lineChart.draw(into: &buffer, area: Rect(x: 6, y: 1, width: 40, height: 20))
    XCTAssertEqual(buffer.width, 10)
  }

  func testPaletteIndexKeepsASeriesLook() {
    let val = ChartSeries(name: "val", ys: [1, 2], paletteIndex: 1)
    let lineChart = LineChart(series: [val], showsLegend: false, mode: .ascii, glyphs: .ascii)
    let buffer = chart(lineChart, 12, 5)
    let plot = lineChart.layout(in: buffer.area).plot
    let marks = (plot.y..<plot.maxY).flatMap { y in
      (plot.x..<plot.maxX).map { buffer[$0, y].grapheme }
    }
    .filter { $0 != " " }
    XCTAssertFalse(marks.isEmpty)
    XCTAssertEqual(Set(marks), ["+"])  // series 1's ASCII mark, though it is the only series
  }

  func testASCIIGlyphsForceASCIIMode() {
    let lineChart = LineChart(series: [ramp], showsLegend: false, mode: .braille, glyphs: .ascii)
    XCTAssertEqual(lineChart.glyphMode, .ascii)
    let text = chart(lineChart, 24, 8).plainText()
    XCTAssertTrue(text.unicodeScalars.allSatisfy(\.isASCII))
  }
}

final class ChartMarkTests: XCTestCase {
  /// Two series and a ghost in monochrome: each has its own shape along its line and in the
  /// legend, so they can be told apart without colour.
  func testEverySeriesAndGhostHasItsOwnMark() {
    let up = ChartSeries(name: "train", ys: (0...40).map { Double($0) })
    let down = ChartSeries(name: "val", ys: (0...40).map { 40 - Double($0) })
    let ghost = ChartSeries(name: "ghost", ys: (0...40).map { _ in 20 })
    let chart = LineChart(series: [up, down], ghosts: [ghost], theme: .monochrome)
    let buffer = drawn(width: 60, height: 14) { b, a in chart.draw(into: &b, area: a) }
    let text = buffer.plainText()
    let marks = LineChart.seriesMarks
    // Stamped along the lines (more than just the legend's one each).
    XCTAssertGreaterThan(text.filter { $0 == marks[0] }.count, 2, text)
    XCTAssertGreaterThan(text.filter { $0 == marks[1] }.count, 2, text)
    XCTAssertGreaterThan(text.filter { $0 == LineChart.ghostMarks[0] }.count, 2, text)
    XCTAssertTrue(text.contains("⣿\(marks[0]) train"), text)
    XCTAssertTrue(text.contains("⣿\(marks[1]) val"), text)
    XCTAssertTrue(text.contains("⣿\(LineChart.ghostMarks[0]) ghost"), text)
    // In colour, the two series differ in colour too.
    let coloured = LineChart(series: [up, down], theme: .ansi256)
    let pens = coloured.pens()
    XCTAssertNotEqual(pens[0].style.foreground, pens[1].style.foreground)
    // An explicit mark wins; marks can be turned off.
    var custom = LineChart(series: [up], theme: .monochrome)
    custom.series[0].mark = "x"
    custom.showsSeriesMarks = false
    let off = drawn(width: 60, height: 14) { b, a in custom.draw(into: &b, area: a) }.plainText()
    XCTAssertFalse(off.contains("x"), off)
  }
}

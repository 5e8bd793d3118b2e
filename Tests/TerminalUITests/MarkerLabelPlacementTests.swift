import XCTest

@testable import TerminalUI

/// `LineChart.labelsAvoidData`: marker labels never cover a data cell (the Lab's charts).
final class MarkerLabelPlacementTests: XCTestCase {
  func chart(markers: [ChartMarker], avoid: Bool) -> Buffer {
    // A zig-zag filling most rows, so few cells are free.
    let ys = (0..<200).map { i in Double((i * 7) % 11) }
    var c = LineChart(
      series: [ChartSeries(name: "", ys: ys, xStart: 0)], markers: markers, showsLegend: false)
    c.labelsAvoidData = avoid
    var buffer = Buffer(width: 60, height: 12)
    c.draw(into: &buffer, area: Rect(x: 0, y: 0, width: 60, height: 12))
    return buffer
  }

  func testLabelsNeverCoverTheCurve() {
    let markers = [
      ChartMarker(x: 40, label: "M milestone"), ChartMarker(x: 60, label: "W warmup end"),
      ChartMarker(x: 150, label: "X diverged"),
    ]
    let bare = chart(markers: [], avoid: true)
    let labelled = chart(markers: markers, avoid: true)
    var inked = 0
    for y in 0..<bare.height {
      for x in 0..<bare.width {
        let g = bare[x, y].grapheme
        guard let scalar = g.unicodeScalars.first, scalar.value > 0x2800, scalar.value <= 0x28FF
        else { continue }
        inked += 1
        XCTAssertEqual(labelled[x, y].grapheme, g, "a label covers data at \(x),\(y)")
      }
    }
    XCTAssertGreaterThan(inked, 100, "the curve covers much of the plot")
    // The old placement (fewest hidden dots) does cover some here: the flag matters.
    let loose = chart(markers: markers, avoid: false)
    var covered = 0
    for y in 0..<bare.height {
      for x in 0..<bare.width where bare[x, y].grapheme != loose[x, y].grapheme {
        if let s = bare[x, y].grapheme.unicodeScalars.first, s.value > 0x2800, s.value <= 0x28FF {
          covered += 1
        }
      }
    }
    XCTAssertGreaterThan(covered, 0)
  }
}

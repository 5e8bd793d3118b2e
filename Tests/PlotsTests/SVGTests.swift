import Foundation
import Plots
import TorchSnippet
import Training
import XCTest

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Every SVG is well-formed XML, standalone, and holds one path per series whose coordinates
/// are the CSV's numbers (log10 of them on log axes).
final class SVGTests: XCTestCase {
  func testScheduleSVGMatchesTheCSV() throws {
    let built = try SnippetProgram.parse(
      "scheduler = OneCycleLR(optimizer, max_lr=0.1, total_steps=101)"
    ).build(SnippetContext())
    let trace = ScheduleRunner.run(built, steps: 100)
    let svg = Charts.schedule(trace)
    let document = try SVGDocumentReader(svg)
    let csv = CSVTable(trace.csv())
    // lr and momentum, one path each.
    XCTAssertEqual(document.paths(class: "series").map(\.name), ["lr", "momentum"])
    for (path, column) in zip(document.paths(class: "series"), ["lr", "momentum"]) {
      XCTAssertEqual(path.xs, csv.column("step").map { Double($0)!.description })
      XCTAssertEqual(path.ys, csv.column(column))
      try document.assertDrawn(path)
    }
    XCTAssertStandalone(svg)
  }

  func testRunSVGMatchesTheCSVOnLogAxes() throws {
    var config = RunConfig(model: .sine)
    config.epochs = 6
    let built = try SnippetProgram.parse(
      "optimizer = SGD(model.parameters(), lr=0.05, momentum=0.9)\n"
        + "scheduler = StepLR(optimizer, step_size=2, gamma=0.5)"
    ).build(SnippetContext(trainLoaderLength: config.batchesPerEpoch, numEpochs: 6))
    let run = try TrainingRun(config: config, built: built)
    run.runToEnd()
    let svg = Charts.run(run)
    let document = try SVGDocumentReader(svg)
    let csv = CSVTable(RunReport.csv(run))
    let series = document.paths(class: "series")
    XCTAssertEqual(series.map(\.name), ["train loss", "val loss", "lr"])
    XCTAssertEqual(series[0].ys, csv.column("train_loss"))
    XCTAssertEqual(series[1].ys, csv.column("val_loss").filter { !$0.isEmpty })
    XCTAssertEqual(series[2].ys, csv.column("lr"))
    // The loss panel is log y: the page points sit at log10 of the losses.
    for path in series { try document.assertDrawn(path) }
    // StepLR's cuts are event markers.
    let events = run.history.events.filter { $0.kind != .finished && $0.kind != .warning }
    XCTAssertTrue(events.contains { $0.kind == .milestone })
    XCTAssertEqual(document.count(of: "line", class: "marker"), 2 * events.count)
    XCTAssertStandalone(svg)
  }

  func testSweepSVGHasOneCurvePerScheduleAndMarksTheBest() throws {
    var config = RunConfig(model: .sine)
    config.epochs = 8
    let plan = try SweepPlan(
      config: config,
      schedules: [
        SweepSchedule.preset("constant", epochs: 8)!, SweepSchedule.preset("cosine", epochs: 8)!,
      ], lrs: SweepPlan.logSpaced(1e-2...30, points: 4), seeds: 2)
    let result = plan.runAll(threads: 2)
    let svg = Charts.sweep(result)
    let document = try SVGDocumentReader(svg)
    let csv = CSVTable(SweepReport.csv(result))
    let series = document.paths(class: "series")
    XCTAssertEqual(series.map(\.name), ["constant", "cosine"])
    for (index, path) in series.enumerated() {
      let rows = csv.rows.filter { $0[0] == result.scheduleNames[index] && !$0[2].isEmpty }
      XCTAssertEqual(path.xs, rows.map { $0[1] })
      XCTAssertEqual(path.ys, rows.map { $0[2] })
      try document.assertDrawn(path)
    }
    // lr 30 diverges for both: crossed, not drawn.
    XCTAssertEqual(result.cells.filter { $0.lr == 30 }.map(\.diverged), [2, 2])
    XCTAssertEqual(
      document.count(of: "path", class: "diverged"),
      result.cells.filter { $0.finalValidationLoss == nil }.count)
    XCTAssertEqual(document.count(of: "circle", class: "point"), 2)
    XCTAssertStandalone(svg)
  }

  func testTextIsEscapedAndControlCharactersDropped() throws {
    let plot = SVGPlot(
      title: "a <b> & \"c\"\u{1B}[31m", xLabel: "x", yLabel: "y",
      series: [PlotSeries(name: "</path><script>", ys: [1, 2, .nan, 3])])
    let svg = SVGDocument.render([plot])
    let document = try SVGDocumentReader(svg)
    XCTAssertEqual(document.paths(class: "series").first?.name, "</path><script>")
    XCTAssertEqual(document.paths(class: "series").first?.subpaths, 2)
    XCTAssertFalse(svg.contains("\u{1B}"))
    XCTAssertStandalone(svg)
  }

  func XCTAssertStandalone(_ svg: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertFalse(svg.contains("<script"), file: file, line: line)
    XCTAssertFalse(svg.contains("href"), file: file, line: line)
    XCTAssertFalse(svg.contains("<image"), file: file, line: line)
  }
}

/// The SVG parsed with Foundation's XMLParser: every element, and each path's points.
final class SVGDocumentReader: NSObject, XMLParserDelegate {
  struct Path {
    var name: String
    /// Page coordinates of `d`.
    var points: [(x: Double, y: Double)]
    var subpaths: Int
    /// The exact values drawn (`data-x`, `data-y`).
    var xs: [String]
    var ys: [String]
    var panel: Int
  }
  private(set) var elements: [(name: String, attributes: [String: String])] = []

  init(_ text: String) throws {
    super.init()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = self
    guard parser.parse() else {
      throw NSError(
        domain: "SVG", code: 1,
        userInfo: [NSLocalizedDescriptionKey: "not XML: \(String(describing: parser.parserError))"])
    }
    guard elements.first?.name == "svg" else {
      throw NSError(domain: "SVG", code: 2, userInfo: [NSLocalizedDescriptionKey: "no <svg> root"])
    }
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    elements.append((elementName, attributeDict))
  }

  func count(of element: String, class cls: String) -> Int {
    elements.filter { $0.name == element && $0.attributes["class"] == cls }.count
  }

  /// Each plot's `<g class="data">` mapping, in document order.
  var mappings: [[String: String]] {
    elements.filter { $0.name == "g" && $0.attributes["class"] == "data" }.map(\.attributes)
  }

  /// Checks that the path's page points are its values mapped through its plot's axes.
  func assertDrawn(_ path: Path, file: StaticString = #filePath, line: UInt = #line) throws {
    let m = mappings[path.panel]
    func axis(_ name: String) -> (Double) -> Double {
      let log = m["data-\(name)-scale"] == "log10"
      let domain = m["data-\(name)-domain"]!.split(separator: " ").map { Double($0)! }
      let pixels = m["data-\(name)-pixels"]!.split(separator: " ").map { Double($0)! }
      return { value in
        let u = log ? log10(value) : value
        return pixels[0] + (u - domain[0]) * (pixels[1] - pixels[0]) / (domain[1] - domain[0])
      }
    }
    let (mx, my) = (axis("x"), axis("y"))
    XCTAssertEqual(path.points.count, path.xs.count, file: file, line: line)
    for (point, (x, y)) in zip(path.points, zip(path.xs, path.ys)) {
      XCTAssertEqual(
        point.x, min(max(mx(Double(x)!), -1e7), 1e7), accuracy: 0.0006, file: file, line: line)
      XCTAssertEqual(
        point.y, min(max(my(Double(y)!), -1e7), 1e7), accuracy: 0.0006, file: file, line: line)
    }
  }

  func paths(class cls: String) -> [Path] {
    var panel = -1
    var found: [(Int, [String: String])] = []
    for element in elements {
      if element.name == "g" && element.attributes["class"] == "data" { panel += 1 }
      if element.name == "path" && element.attributes["class"] == cls {
        found.append((panel, element.attributes))
      }
    }
    return found.map { panel, attributes in
      var points: [(Double, Double)] = []
      var subpaths = 0
      var token = ""
      func flush() {
        guard !token.isEmpty else { return }
        let parts = token.split(separator: ",")
        points.append((Double(parts[0])!, Double(parts[1])!))
        token = ""
      }
      for c in attributes["d"] ?? "" {
        if c == "M" || c == "L" {
          flush()
          if c == "M" { subpaths += 1 }
        } else {
          token.append(c)
        }
      }
      flush()
      func values(_ key: String) -> [String] {
        (attributes[key] ?? "").split(separator: " ").map(String.init)
      }
      return Path(
        name: attributes["data-name"] ?? "", points: points, subpaths: subpaths,
        xs: values("data-x"), ys: values("data-y"), panel: panel)
    }
  }
}

/// A CSV without quoted commas, by column name.
struct CSVTable {
  var header: [String]
  var rows: [[String]]

  init(_ text: String) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    header = lines.first ?? []
    rows = Array(lines.dropFirst())
  }

  func column(_ name: String) -> [String] {
    guard let index = header.firstIndex(of: name) else { return [] }
    return rows.map { $0[index] }
  }
}

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
      XCTAssertEqual(path.points.map(\.x), csv.column("step").map { String(Int($0)!) + ".0" })
      XCTAssertEqual(path.points.map(\.y), csv.column(column))
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
    // Loss panel: log y, so the coordinates are log10 of the CSV's losses.
    XCTAssertEqual(
      series[0].points.map(\.y), csv.column("train_loss").map { log10(Double($0)!).description })
    XCTAssertEqual(
      series[1].points.map(\.y),
      csv.column("val_loss").filter { !$0.isEmpty }.map { log10(Double($0)!).description })
    XCTAssertEqual(series[2].points.map(\.y), csv.column("lr"))
    // StepLR's cuts are event markers.
    XCTAssertEqual(document.count(of: "line", class: "marker"), 2 * 2)
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
      XCTAssertEqual(path.points.map(\.x), rows.map { log10(Double($0[1])!).description })
      XCTAssertEqual(path.points.map(\.y), rows.map { log10(Double($0[2])!).description })
    }
    // lr 30 diverges for both: crossed, not drawn.
    XCTAssertEqual(result.cells.filter { $0.lr == 30 }.map(\.diverged), [2, 2])
    XCTAssertEqual(document.count(of: "path", class: "diverged"), 2)
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
    var points: [(x: String, y: String)]
    var subpaths: Int
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

  func paths(class cls: String) -> [Path] {
    elements.filter { $0.name == "path" && $0.attributes["class"] == cls }.map { element in
      var points: [(String, String)] = []
      var subpaths = 0
      var token = ""
      func flush() {
        guard !token.isEmpty else { return }
        let parts = token.split(separator: ",")
        points.append((String(parts[0]), String(parts[1])))
        token = ""
      }
      for c in element.attributes["d"] ?? "" {
        if c == "M" || c == "L" {
          flush()
          if c == "M" { subpaths += 1 }
        } else {
          token.append(c)
        }
      }
      flush()
      return Path(name: element.attributes["data-name"] ?? "", points: points, subpaths: subpaths)
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

import Foundation
import XCTest

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `lrlab sweep` and every command's `--format svg`, driven as a user would.
final class SweepCLITests: XCTestCase {
  func testJSONReportsEveryCellWithStatisticsAndDivergence() throws {
    let result = try runLrlab([
      "sweep", "--model", "sine", "--epochs", "4", "--points", "3", "--lr-range", "1e-2:30",
      "--seeds", "2", "--schedule", "constant", "--schedule", "StepLR(step_size=2, gamma=0.5)",
      "--format", "json",
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    XCTAssertEqual(object["model"] as? String, "sine")
    XCTAssertEqual(object["epochs"] as? Int, 4)
    XCTAssertEqual(object["seeds"] as? Int, 2)
    let cells = object["cells"] as! [[String: Any]]
    XCTAssertEqual(
      cells.map { $0["schedule"] as? String },
      [
        "constant", "constant", "constant", "StepLR(step_size=2, gamma=0.5)",
        "StepLR(step_size=2, gamma=0.5)", "StepLR(step_size=2, gamma=0.5)",
      ])
    XCTAssertEqual(cells.map { $0["lr"] as? Double }.first!, 0.01)
    let first = cells[0]["final_val_loss"] as! [String: Double]
    XCTAssertLessThanOrEqual(first["min"]!, first["median"]!)
    XCTAssertLessThanOrEqual(first["median"]!, first["max"]!)
    // lr 30 diverges for every seed: counted, and no statistics.
    XCTAssertEqual(cells[2]["diverged"] as? Int, 2)
    XCTAssertTrue(cells[2]["final_val_loss"] is NSNull)
    XCTAssertTrue(cells[2]["best_val_loss"] is NSNull)
  }

  func testTheSameResultsOnOneThreadAndOnTwo() throws {
    let arguments = [
      "sweep", "--epochs", "3", "--points", "3", "--seeds", "2", "--format", "csv",
    ]
    let one = try runLrlab(arguments + ["--threads", "1"])
    let two = try runLrlab(arguments + ["--threads", "2"])
    XCTAssertEqual(one.status, 0, one.stderr)
    XCTAssertEqual(one.stdout, two.stdout)
    XCTAssertEqual(one.stdout.split(separator: "\n").count, 1 + 2 * 3)
  }

  func testChartShowsTheCurvesAndTheBestLRs() throws {
    let result = try runLrlab(
      ["sweep", "--epochs", "4", "--points", "5", "--seeds", "1", "--format", "chart"],
      environment: ["COLUMNS": "80"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.contains("━ constant"), result.stdout)
    XCTAssertTrue(result.stdout.contains("━ cosine"), result.stdout)
    XCTAssertEqual(result.stdout.filter { $0 == "◎" }.count, 1 + 2, result.stdout)
    XCTAssertTrue(result.stdout.contains("1e-3"), result.stdout)
    XCTAssertTrue(result.stdout.contains("constant: best lr "), result.stdout)
  }

  func testBadInputExits2() throws {
    for arguments in [
      ["sweep", "--lr-range", "1:0.1"], ["sweep", "--schedule", "nonsense"],
      ["sweep", "--seeds", "0"], ["sweep", "--format", "png"],
      ["sweep", "--schedule", "OneCycleLR(max_lr=0.1, total_steps=100)"],
    ] {
      let result = try runLrlab(arguments)
      XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
      XCTAssertTrue(result.stderr.hasPrefix("error: "), result.stderr)
    }
  }

  /// Each command's SVG parses as XML, and its series paths carry the CSV's numbers.
  func testEverySVGIsXMLWithTheCSVsNumbers() throws {
    let schedule = "OneCycleLR(optimizer, max_lr=0.1, total_steps=50)"
    let svg = try runLrlab(["schedule", "--steps", "49", "--format", "svg", schedule])
    let csv = try runLrlab(["schedule", "--steps", "49", "--format", "csv", schedule])
    XCTAssertEqual(svg.status, 0, svg.stderr)
    let paths = try seriesPaths(svg.stdout)
    XCTAssertEqual(paths.map(\.name), ["lr", "momentum"])
    XCTAssertEqual(paths[0].ys, column(csv.stdout, 1))
    XCTAssertEqual(paths[1].ys, column(csv.stdout, 2))

    let run = [
      "simulate", "--epochs", "3", "scheduler = StepLR(optimizer, step_size=1, gamma=0.5)",
    ]
    let runSVG = try runLrlab(run + ["--format", "svg"])
    let runCSV = try runLrlab(run + ["--format", "csv"])
    XCTAssertEqual(runSVG.status, 0, runSVG.stderr)
    let runPaths = try seriesPaths(runSVG.stdout)
    XCTAssertEqual(runPaths.map(\.name), ["train loss", "val loss", "lr"])
    XCTAssertEqual(runPaths[0].ys, column(runCSV.stdout, 3))
    XCTAssertEqual(runPaths[2].ys, column(runCSV.stdout, 2))

    let range = try runLrlab(["range-test", "--iterations", "30", "--format", "svg"])
    let rangeCSV = try runLrlab(["range-test", "--iterations", "30", "--format", "csv"])
    XCTAssertEqual(range.status, 0, range.stderr)
    let rangePaths = try seriesPaths(range.stdout)
    XCTAssertEqual(rangePaths.map(\.name), ["loss", "smoothed loss"])
    // Non-finite values leave gaps (a diverged end of the sweep).
    func drawable(_ values: [String]) -> [String] {
      values.filter { Double($0).map { $0.isFinite && $0 > 0 } ?? false }
    }
    XCTAssertEqual(rangePaths[0].ys, drawable(column(rangeCSV.stdout, 2)))
    XCTAssertEqual(rangePaths[1].ys, drawable(column(rangeCSV.stdout, 3)))
    XCTAssertEqual(
      rangePaths[0].xs, Array(column(rangeCSV.stdout, 1).prefix(rangePaths[0].xs.count)))

    let sweep = ["sweep", "--epochs", "3", "--points", "3", "--seeds", "1"]
    let sweepSVG = try runLrlab(sweep + ["--format", "svg"])
    let sweepCSV = try runLrlab(sweep + ["--format", "csv"])
    let sweepPaths = try seriesPaths(sweepSVG.stdout)
    XCTAssertEqual(sweepPaths.map(\.name), ["constant", "cosine"])
    let rows = sweepCSV.stdout.split(separator: "\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    XCTAssertEqual(
      sweepPaths[1].ys, rows.filter { $0[0] == "cosine" && !$0[2].isEmpty }.map { String($0[2]) })
    XCTAssertEqual(
      sweepPaths[1].xs, rows.filter { $0[0] == "cosine" && !$0[2].isEmpty }.map { String($0[1]) })
  }

  struct SeriesPath {
    var name: String
    var xs: [String]
    var ys: [String]
  }

  func seriesPaths(_ svg: String) throws -> [SeriesPath] {
    final class Collector: NSObject, XMLParserDelegate {
      var paths: [SeriesPath] = []
      var root: String?
      func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
      ) {
        if root == nil { root = name }
        guard name == "path", attributes["class"] == "series" else { return }
        func values(_ key: String) -> [String] {
          (attributes[key] ?? "").split(separator: " ").map(String.init)
        }
        paths.append(
          SeriesPath(
            name: attributes["data-name"] ?? "", xs: values("data-x"), ys: values("data-y")))
      }
    }
    let collector = Collector()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = collector
    XCTAssertTrue(parser.parse(), "not XML: \(String(describing: parser.parserError))")
    XCTAssertEqual(collector.root, "svg")
    XCTAssertFalse(svg.contains("<script") || svg.contains("href"))
    return collector.paths
  }

  func column(_ csv: String, _ index: Int) -> [String] {
    csv.split(separator: "\n").dropFirst().map {
      String($0.split(separator: ",", omittingEmptySubsequences: false)[index])
    }
  }
}

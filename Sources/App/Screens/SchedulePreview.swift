import Foundation
import Lessons
import TerminalUI

/// A lab's schedule drawn as a chart (what `lrlab schedule` computes), shown on `s` on a lab
/// card.
public struct SchedulePreviewState: Sendable, Equatable {
  public enum Content: Sendable, Equatable {
    case loading
    case loaded(SchedulePreviewData)
    case failed(String)
  }
  public var lab: Lab
  public var content: Content = .loading
  public init(lab: Lab) { self.lab = lab }
}

extension AppModel {
  static let previewKeys =
    [
      KeyHelp("Enter", "open the lab in the Lab")
    ] + everywhereKeys(back: "back to the lesson")
  static let previewStatus = [
    KeyHelp("Enter", "open in the Lab"), KeyHelp("?", "help"), KeyHelp("q", "back"),
  ]

  func viewSchedulePreview(_ state: SchedulePreviewState, into buffer: inout Buffer) {
    let area = contentArea
    var y = area.y + 1
    let title = state.lab.title ?? state.lab.id
    buffer.draw(StyledLine(title, theme.heading2), x: 2, y: y, maxX: width - 1)
    y += 1
    switch state.content {
    case .loading:
      buffer.draw(StyledLine("Computing the schedule…", theme.dim), x: 2, y: y + 1)
    case .failed(let message):
      for (i, line) in wrapLines([Span(message, theme.wrong)], width: width - 4).enumerated() {
        buffer.draw(line, x: 2, y: y + 1 + i)
      }
    case .loaded(let data):
      var summary: [StyledLine] = []
      if let first = data.lrs.first, let a = first.first, let b = first.last {
        summary.append(
          StyledLine(
            "\(first.count) steps: lr \(formatLR(a)) → \(formatLR(b))"
              .replacingOccurrences(of: "→", with: capabilities.unicode ? "→" : "->"), theme.dim))
      }
      if let failure = data.failure {
        summary += wrapLines([Span(failure, theme.wrong)], width: width - 4)
      }
      let series = data.lrs.enumerated().map { i, lrs in
        // A staircase, as in the Lab: StepLR's drop is vertical at its step, never a slope.
        LabStaircase.series(
          i < data.groupNames.count ? data.groupNames[i] : "group \(i)", values: lrs,
          maxPoints: max(width * 4, 64))
      }
      let chart = LineChart(
        series: series, title: "\(data.className): learning rate", xName: "step",
        showsLegend: series.count > 1, glyphs: widgetGlyphs, theme: widgetTheme)
      let chartRect = Rect(x: 1, y: y, width: width - 2, height: area.maxY - y - summary.count)
      chart.draw(into: &buffer, area: chartRect)
      for (i, line) in summary.enumerated() {
        buffer.draw(line, x: 2, y: chartRect.maxY + i, maxX: width - 1)
      }
    }
  }
}

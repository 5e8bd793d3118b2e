import Lessons
import TerminalUI

/// A lab's schedule drawn as a chart (what `lrlab schedule` computes), shown on Enter on a lab
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
  static let previewKeys = [
    KeyHelp("?", "help"), KeyHelp("q / Esc", "back to the lesson"), KeyHelp("Ctrl-C", "quit"),
  ]
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
      var legend: [Span] = [Span(data.className, theme.strong), Span(" — lr by step", theme.dim)]
      for (i, name) in data.groupNames.enumerated() where data.groupNames.count > 1 {
        let mark =
          capabilities.unicode && capabilities.hasColor
          ? "⣿" : String(glyphs.seriesMarks[i % glyphs.seriesMarks.count])
        legend += [Span("  "), Span(mark, theme.series[i % theme.series.count]), Span(" " + name)]
      }
      buffer.draw(StyledLine(legend), x: 2, y: y, maxX: width - 1)
      y += 1
      var summaryLines: [StyledLine] = []
      if let first = data.lrs.first, let a = first.first, let b = first.last {
        summaryLines.append(
          StyledLine("\(first.count) steps: lr \(format(a)) → \(format(b))", theme.dim))
      }
      if let failure = data.failure {
        summaryLines += wrapLines([Span(failure, theme.wrong)], width: width - 4)
      }
      let chartRect = Rect(
        x: 2, y: y + 1, width: width - 4, height: area.maxY - y - 1 - summaryLines.count)
      ScheduleChart(series: data.lrs, theme: theme, glyphs: glyphs, unicode: capabilities.unicode)
        .draw(in: chartRect, into: &buffer)
      for (i, line) in summaryLines.enumerated() {
        buffer.draw(line, x: 2, y: chartRect.maxY + i, maxX: width - 1)
      }
    }
  }
}

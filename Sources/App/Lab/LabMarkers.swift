import TerminalUI

/// The event markers of the charts. Events of one kind that would crowd each other (a StepLR
/// stepped per batch drops 24 times in a few columns) become one cluster: one labelled line at
/// its first event ("M ×24 10–240"), one unlabelled line at its last; the staircase itself
/// shows every drop in between. Labels never cover each other or the curves (`LineChart`
/// places them only on free cells) — the readout names the latest event in full.
enum LabMarkers {
  struct Cluster: Equatable {
    var kind: LabEvent.Kind
    var events: [LabEvent]
    var first: LabEvent { events[0] }
    var last: LabEvent { events[events.count - 1] }

    var label: String {
      guard events.count > 1 else { return first.markerLabel }
      return "\(kind.glyph) ×\(events.count) \(first.step)–\(last.step)"
    }
  }

  /// Columns closer than this merge two events of the same kind.
  static let crowdedColumns = 12

  /// Groups `events` by kind into clusters of neighbours (by their chart column).
  static func clusters(_ events: [LabEvent], column: (Int) -> Int?) -> [Cluster] {
    var clusters: [Cluster] = []
    var open: [LabEvent.Kind: Int] = [:]
    for event in events.sorted(by: { $0.step < $1.step }) {
      let c = column(event.step)
      if let index = open[event.kind], let lastColumn = column(clusters[index].last.step),
        let c, c - lastColumn < crowdedColumns
      {
        clusters[index].events.append(event)
        continue
      }
      open[event.kind] = clusters.count
      clusters.append(Cluster(kind: event.kind, events: [event]))
    }
    return clusters.sorted { $0.first.step < $1.first.step }
  }

  static func markers(_ events: [LabEvent], column: (Int) -> Int?) -> [ChartMarker] {
    var markers: [ChartMarker] = []
    for cluster in clusters(events, column: column) {
      markers.append(ChartMarker(x: Double(cluster.first.step), label: cluster.label))
      if cluster.events.count > 1 {
        markers.append(ChartMarker(x: Double(cluster.last.step), label: ""))
      }
    }
    return markers
  }
}

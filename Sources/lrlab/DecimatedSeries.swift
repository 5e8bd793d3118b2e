import TerminalUI
import TorchSnippet

/// A chart series of up to millions of points kept in bounded memory: up to `exactLimit`
/// points are kept as they are; beyond that, each bucket of consecutive points keeps its
/// first, smallest, largest and last, in order — every peak and trough a chart a few hundred
/// columns wide could show.
struct DecimatedSeries {
  static let exactLimit = 100_000
  private let bucket: Int
  private(set) var xs: [Double] = []
  private(set) var ys: [Double] = []
  private var pending: [(x: Int, y: Double)] = []

  init(steps: Int) {
    bucket = steps + 1 <= Self.exactLimit ? 1 : (steps + 1 + 4095) / 4096
  }

  mutating func append(x: Int, y: Double) {
    guard bucket > 1 else {
      xs.append(Double(x))
      ys.append(y)
      return
    }
    pending.append((x, y))
    if pending.count == bucket { flushBucket() }
  }

  private mutating func flushBucket() {
    guard let first = pending.first, let last = pending.last else { return }
    var low = first
    var high = first
    for point in pending {
      // NaN never compares: keep it visible as a gap by taking it as an extreme.
      if point.y < low.y || point.y.isNaN { low = point }
      if point.y > high.y { high = point }
    }
    var keep = [first, low, high, last].sorted { $0.x < $1.x }
    keep = keep.enumerated().filter { i, p in i == 0 || p.x != keep[i - 1].x }.map(\.element)
    for point in keep {
      xs.append(Double(point.x))
      ys.append(point.y)
    }
    pending.removeAll(keepingCapacity: true)
  }

  func series(name: String) -> ChartSeries {
    var copy = self
    copy.flushBucket()
    return bucket > 1
      ? ChartSeries(name: name, xs: copy.xs, ys: copy.ys) : ChartSeries(name: name, ys: copy.ys)
  }
}

/// `DecimatedSeries` for whole schedule rows (the SVG chart's input): up to `exactLimit` rows
/// are kept as they are; beyond that, each bucket of consecutive rows keeps its first and last
/// row and, for every group, the rows of its lowest and highest lr and momentum — bounded
/// memory and output however many steps, every peak and trough still drawn.
struct DecimatedRows {
  private let bucket: Int
  private(set) var rows: [ScheduleTrace.Row] = []
  private var pending: [ScheduleTrace.Row] = []

  init(steps: Int) {
    bucket =
      steps + 1 <= DecimatedSeries.exactLimit ? 1 : (steps + 1 + 4095) / 4096
  }

  mutating func append(_ row: ScheduleTrace.Row) {
    guard bucket > 1 else {
      rows.append(row)
      return
    }
    pending.append(row)
    if pending.count == bucket { flush() }
  }

  /// Sends the last, partial bucket; call once after the last `append`.
  mutating func flush() {
    guard !pending.isEmpty else { return }
    var keep: Set<Int> = [0, pending.count - 1]
    func extremes(_ value: (ScheduleTrace.Row) -> Double?) {
      var low: (index: Int, value: Double)?
      var high: (index: Int, value: Double)?
      for (i, row) in pending.enumerated() {
        guard let v = value(row), !v.isNaN else { continue }
        if low == nil || v < low!.value { low = (i, v) }
        if high == nil || v > high!.value { high = (i, v) }
      }
      if let low { keep.insert(low.index) }
      if let high { keep.insert(high.index) }
    }
    for g in pending[0].lr.indices {
      extremes { g < $0.lr.count ? $0.lr[g] : nil }
      extremes { row in row.momentum.flatMap { g < $0.count ? $0[g] : nil } }
    }
    rows.append(contentsOf: keep.sorted().map { pending[$0] })
    pending.removeAll(keepingCapacity: true)
  }
}

/// Range-test mode: an exponential LR sweep animating on the charts, its suggestion marked.
public struct LabRangeTestState: Sendable, Equatable {
  /// (lr, smoothed loss) points revealed so far.
  public var points: [(lr: Double, loss: Double)] = []
  public var allPoints: [(lr: Double, loss: Double)]
  /// The suggested max_lr (steepest descent), and the minimum ÷ 10.
  public var suggestedMaxLR: Double?
  public var minimumOverTen: Double?
  public var playing = true
  public var pointsPerTick = 2

  public init(
    points: [(lr: Double, loss: Double)], suggestedMaxLR: Double?, minimumOverTen: Double?
  ) {
    self.allPoints = points
    self.suggestedMaxLR = suggestedMaxLR
    self.minimumOverTen = minimumOverTen
  }

  public var isComplete: Bool { points.count >= allPoints.count }
  public var wantsTicks: Bool { playing && !isComplete }

  public mutating func tick() {
    guard playing else { return }
    let n = min(allPoints.count, points.count + pointsPerTick)
    points = Array(allPoints.prefix(n))
    if isComplete { playing = false }
  }

  public static func == (a: LabRangeTestState, b: LabRangeTestState) -> Bool {
    a.points.count == b.points.count && a.allPoints.map(\.lr) == b.allPoints.map(\.lr)
      && a.allPoints.map(\.loss) == b.allPoints.map(\.loss) && a.suggestedMaxLR == b.suggestedMaxLR
      && a.minimumOverTen == b.minimumOverTen && a.playing == b.playing
      && a.pointsPerTick == b.pointsPerTick
  }
}

/// Range-test mode: an exponential LR sweep animating on the charts, its suggestion marked.
public struct LabRangeTestState: Sendable, Equatable {
  /// (lr, smoothed loss) points revealed so far.
  public var points: [(lr: Double, loss: Double)] = []
  public var allPoints: [(lr: Double, loss: Double)]
  /// The two suggestions of the loss form: the LR of steepest descent, and the LR of the
  /// minimum ÷ 10.
  public var steepest: Double?
  public var minimumOverTen: Double?
  /// What `m` sends to OneCycleLR's max_lr: the minimum ÷ 10, the usual pick for the peak of a
  /// one-cycle schedule (the steepest point tends to sit early and low on toy models).
  public var suggestedMaxLR: Double? { minimumOverTen ?? steepest }
  public var playing = true
  public var pointsPerTick = 2

  public init(
    points: [(lr: Double, loss: Double)], steepest: Double?, minimumOverTen: Double?
  ) {
    self.allPoints = points
    self.steepest = steepest
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
      && a.allPoints.map(\.loss) == b.allPoints.map(\.loss) && a.steepest == b.steepest
      && a.minimumOverTen == b.minimumOverTen && a.playing == b.playing
      && a.pointsPerTick == b.pointsPerTick
  }
}

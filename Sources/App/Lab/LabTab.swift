/// The panels the compact Lab layout (small terminals) shows one at a time beside the charts.
/// On a large terminal every panel is on screen and the tab does nothing.
public enum LabTab: String, Sendable, Equatable, CaseIterable {
  case run = "step + knobs"
  case code = "code"
  case compare = "compare"

  public var next: LabTab {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }

  public var previous: LabTab {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + all.count - 1) % all.count]
  }
}

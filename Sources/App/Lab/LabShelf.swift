/// Ghosts kept per lesson: a run kept with `c` in one lab of a lesson is still on the charts when
/// another lab of the same lesson opens, so every "run both and compare" pair can be overlaid.
/// Lives in `AppModel.labShelf` for the session; the free Lab (Home, `lrlab lab`) has its own
/// shelf.
public struct LabShelf: Sendable, Equatable {
  public private(set) var ghosts: [String: [LabGhost]] = [:]

  public init() {}

  /// The shelf a lab belongs to: its lesson ("08-warmup/no-warmup" → "08-warmup").
  public static func key(for lab: LabState) -> String {
    guard let id = lab.lab?.id else { return "" }
    return String(id.split(separator: "/").first ?? Substring(id))
  }

  public func ghosts(for lab: LabState) -> [LabGhost] { ghosts[Self.key(for: lab)] ?? [] }

  public mutating func store(_ lab: LabState) {
    ghosts[Self.key(for: lab)] = Self.kept(lab)
  }

  /// The ghosts a lab puts on the shelf: the ones kept with `c`, not a preset's comparison.
  static func kept(_ lab: LabState) -> [LabGhost] { lab.ghosts.filter { !$0.isPresetComparison } }
}

extension AppModel {
  /// After every message: a Lab just opened takes its lesson's ghosts from the shelf; the Lab on
  /// top puts its ghosts back (kept, cleared, replaced by a mistake preset).
  mutating func syncLabShelf() {
    guard case .lab(var lab) = top else { return }
    if !lab.shelfAttached {
      lab.shelfAttached = true
      if lab.ghosts.isEmpty { lab.ghosts = labShelf.ghosts(for: lab) }
      stack[stack.count - 1] = .lab(lab)
    } else if labShelf.ghosts(for: lab) != LabShelf.kept(lab) {
      labShelf.store(lab)
    }
  }
}

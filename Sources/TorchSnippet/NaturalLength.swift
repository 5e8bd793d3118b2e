import Schedulers

extension BuiltSchedule {
  /// How many steps show the whole schedule (`--steps` default); 100 where it has no end.
  public var naturalLength: Int { 100 }
}

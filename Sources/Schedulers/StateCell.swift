/// A value kept behind a pointer that its owner holds in a `let`.
///
/// Swift checks exclusive access to a class's stored `var` properties at run time; on a step
/// that only does a few multiplications those checks cost more than the arithmetic (about 100 ns
/// of a step's time in the benchmark). Mutable scheduler and optimizer state therefore lives in
/// a `StateCell`, reached through computed properties, so that the hot path runs unchecked.
/// Access stays single-threaded and non-overlapping by construction: the schedulers never hold
/// an access across a call that could reach the same cell.
public final class StateCell<Value> {
  let pointer: UnsafeMutablePointer<Value>

  public init(_ value: Value) {
    pointer = .allocate(capacity: 1)
    pointer.initialize(to: value)
  }

  deinit {
    pointer.deinitialize(count: 1)
    pointer.deallocate()
  }

  public var value: Value {
    _read { yield pointer.pointee }
    _modify { yield &pointer.pointee }
  }
}

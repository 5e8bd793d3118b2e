import TerminalUI

/// The learning rate as the optimizer sees it: constant for a whole step, changing only between
/// steps. Drawn as a staircase: a value held from its step to the next, then a vertical edge
/// exactly at the step where the new value starts (StepLR's drop at step 10 is a vertical line
/// at 10, never a slope from 9 to 10).
enum LabStaircase {
  /// `value` of each record as a staircase series, thinned to about `maxPoints` points on long
  /// runs. Thinning keeps, per bucket, its first, lowest, highest and last point plus the record
  /// just before each (so every jump keeps both sides at their true steps); consecutive records
  /// get a corner at the later step whenever the value changes. Smooth stretches between thinned
  /// points stay straight lines, which is what they look like at that resolution.
  static func series(
    _ name: String, _ steps: ArraySlice<LabStepRecord>, maxPoints: Int,
    paletteIndex: Int? = nil, _ value: (LabStepRecord) -> Double
  ) -> ChartSeries {
    series(
      name, steps, maxPoints: maxPoints, paletteIndex: paletteIndex,
      x: { Double(steps[$0].step) }, value)
  }

  /// Values at x = `xStart`, `xStart` + 1, … (a schedule: the LR after each `step()` call).
  static func series(_ name: String, values: [Double], xStart: Double = 0, maxPoints: Int)
    -> ChartSeries
  {
    series(name, values, maxPoints: maxPoints, x: { xStart + Double($0) }, { $0 })
  }

  static func series<C: RandomAccessCollection>(
    _ name: String, _ steps: C, maxPoints: Int, paletteIndex: Int? = nil,
    x position: (Int) -> Double, _ value: (C.Element) -> Double
  ) -> ChartSeries where C.Index == Int {
    let kept = keptIndices(steps, maxPoints: maxPoints, value)
    var xs: [Double] = []
    var ys: [Double] = []
    xs.reserveCapacity(kept.count * 2)
    ys.reserveCapacity(kept.count * 2)
    var previous: (index: Int, y: Double)?
    for i in kept {
      let y = value(steps[i])
      let x = position(i)
      if let p = previous, p.index + 1 == i, p.y != y, p.y.isFinite, y.isFinite {
        xs.append(x)
        ys.append(p.y)
      }
      xs.append(x)
      ys.append(y)
      previous = (i, y)
    }
    return ChartSeries(name: name, xs: xs, ys: ys, paletteIndex: paletteIndex)
  }

  /// The record indices drawn, ascending.
  static func keptIndices<C: RandomAccessCollection>(
    _ steps: C, maxPoints: Int, _ value: (C.Element) -> Double
  ) -> [Int] where C.Index == Int {
    guard steps.count > max(maxPoints, 8) else { return Array(steps.indices) }
    // Up to eight points per bucket (four, each with its predecessor).
    let buckets = max(maxPoints / 8, 1)
    let bucket = (steps.count + buckets - 1) / buckets
    var kept: [Int] = []
    kept.reserveCapacity(buckets * 8)
    var start = steps.startIndex
    while start < steps.endIndex {
      let end = min(start + bucket, steps.endIndex)
      var lo = start
      var hi = start
      var loValue = value(steps[start])
      var hiValue = loValue
      for i in (start + 1)..<end {
        let v = value(steps[i])
        if v < loValue || (loValue.isNaN && !v.isNaN) { (lo, loValue) = (i, v) }
        if v > hiValue || (hiValue.isNaN && !v.isNaN) { (hi, hiValue) = (i, v) }
      }
      // The last index of the lowest and highest values too: a held value ends there.
      var loLast = lo
      var hiLast = hi
      for i in stride(from: end - 1, to: start, by: -1) {
        let v = value(steps[i])
        if loLast == lo, v == loValue { loLast = i }
        if hiLast == hi, v == hiValue { hiLast = i }
        if loLast != lo && hiLast != hi { break }
      }
      for i in Set([start, lo, loLast, hi, hiLast, end - 1]).sorted() {
        if i > steps.startIndex, (kept.last ?? Int.min) < i - 1 { kept.append(i - 1) }
        if (kept.last ?? Int.min) < i { kept.append(i) }
      }
      start = end
    }
    return kept
  }
}

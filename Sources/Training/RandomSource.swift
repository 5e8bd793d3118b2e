/// The simulator's random numbers: xoshiro256** seeded through SplitMix64, with Gaussian draws
/// by Marsaglia's polar method. Only IEEE-exact operations (and `log`, `sqrt`) are used, so a
/// seed gives the same data, initial weights and batch order on every run.
public struct RandomSource: Sendable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64
  private var spareNormal: Double?

  /// A generator for `seed`; `stream` separates independent uses of one seed (data, weights,
  /// batch order) so that changing one does not shift the others.
  public init(seed: UInt64, stream: UInt64 = 0) {
    var state = seed ^ (stream &* 0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03
    func splitMix() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  public mutating func next() -> UInt64 {
    let result = rotate(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotate(s3, 45)
    return result
  }

  private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// Uniform in [0, 1), 53 random bits.
  public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// Uniform in [low, high).
  public mutating func uniform(_ low: Double, _ high: Double) -> Double {
    low + (high - low) * uniform()
  }

  /// A standard normal draw.
  public mutating func normal() -> Double {
    if let spare = spareNormal {
      spareNormal = nil
      return spare
    }
    while true {
      let u = 2 * uniform() - 1
      let v = 2 * uniform() - 1
      let s = u * u + v * v
      if s > 0 && s < 1 {
        let scale = (-2 * log(s) / s).squareRoot()
        spareNormal = v * scale
        return u * scale
      }
    }
  }

  /// Uniform integer in 0..<bound (bound > 0), without bias: Lemire's multiply-and-shift,
  /// which needs a division only in the rare rejection case.
  public mutating func index(below bound: Int) -> Int {
    let n = UInt64(bound)
    var product = next().multipliedFullWidth(by: n)
    if product.low < n {
      let threshold = (0 &- n) % n
      while product.low < threshold { product = next().multipliedFullWidth(by: n) }
    }
    return Int(product.high)
  }

  /// Fisher–Yates shuffle in place.
  public mutating func shuffle(_ values: inout [Int]) {
    var i = values.count - 1
    while i > 0 {
      let j = index(below: i + 1)
      values.swapAt(i, j)
      i -= 1
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

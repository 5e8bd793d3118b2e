#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// PyTorch's CPU random stream: `torch.Generator().manual_seed(seed)` (mt19937 seeded with the
/// seed's low 32 bits) and the draws the toy experiment makes from it, as ATen computes them —
/// `torch.rand` / `uniform_` for float32, `torch.randn` (Box–Muller over blocks of 16),
/// `torch.randperm` and `DataLoader(shuffle=True)`'s per-epoch order. With it, `lrlab simulate
/// --seed S` starts from the same data, initial weights and batch order as the exported PyTorch
/// script run with `torch.manual_seed(S)` (up to the last bit of float32 `log`/`sin`, which
/// PyTorch vectorises). Only integer operations and libm's `log`, `sin`, `cos`, `sqrt` in double
/// are used, so a seed gives the same numbers on every run and build.
public struct TorchGenerator: Sendable {
  private var state: [UInt32]
  private var index: Int
  /// ATen's cached second normal of a double Box–Muller pair (`next_double_normal_sample`).
  private var spareNormal: Double?

  /// `torch.manual_seed(seed)` / `Generator.manual_seed(seed)`.
  public init(seed: UInt64) {
    var s = [UInt32](repeating: 0, count: 624)
    s[0] = UInt32(truncatingIfNeeded: seed)
    for j in 1..<624 {
      s[j] = 1_812_433_253 &* (s[j - 1] ^ (s[j - 1] >> 30)) &+ UInt32(j)
    }
    state = s
    index = 624
    spareNormal = nil
  }

  /// The next 32 random bits (`generator->random()`).
  public mutating func next() -> UInt32 {
    if index >= 624 { twist() }
    var y = state[index]
    index += 1
    y ^= y >> 11
    y ^= (y << 7) & 0x9D2C_5680
    y ^= (y << 15) & 0xEFC6_0000
    y ^= y >> 18
    return y
  }

  private mutating func twist() {
    state.withUnsafeMutableBufferPointer { s in
      for k in 0..<624 {
        let y = (s[k] & 0x8000_0000) | (s[(k + 1) % 624] & 0x7FFF_FFFF)
        s[k] = s[(k + 397) % 624] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908_B0DF : 0)
      }
    }
    index = 0
  }

  /// `generator->random64()`: two draws, the first in the high half.
  public mutating func next64() -> UInt64 {
    let high = UInt64(next())
    return (high << 32) | UInt64(next())
  }

  /// One float32 `uniform_(low, high)` draw: 24 random bits scaled, in float arithmetic.
  public mutating func uniformFloat(_ low: Float, _ high: Float) -> Float {
    let x = Float(next() & 0xFF_FFFF) * 0x1.0p-24
    return x * (high - low) + low
  }

  /// `torch.rand(n)` (float32, [0, 1)).
  public mutating func rand(_ n: Int) -> [Float] {
    (0..<n).map { _ in uniformFloat(0, 1) }
  }

  /// `torch.randn(n)` (float32): from 16 elements on, ATen fills the tensor with uniforms and
  /// turns each block of 16 into normals by Box–Muller (element j and j + 8 of a pair); a
  /// ragged tail redraws 16 fresh uniforms for the last 16 elements. Below 16 it draws doubles
  /// one pair at a time, caching the second normal.
  public mutating func randn(_ n: Int) -> [Float] {
    guard n >= 16 else {
      var out = [Float]()
      for _ in 0..<n {
        if let cached = spareNormal {
          spareNormal = nil
          out.append(Float(cached))
          continue
        }
        let u1 = Double(next64() & ((1 << 53) - 1)) * 0x1.0p-53
        let u2 = Double(next64() & ((1 << 53) - 1)) * 0x1.0p-53
        let radius = (-2 * log1p(-u2)).squareRoot()
        let theta = 2 * Double.pi * u1
        spareNormal = radius * sin(theta)
        out.append(Float(radius * cos(theta)))
      }
      return out
    }
    var data = rand(n)
    func fill16(_ base: Int) {
      for j in 0..<8 {
        let u1 = 1 - data[base + j]
        let u2 = data[base + j + 8]
        let radius = Float((-2 * log(Double(u1))).squareRoot())
        let theta = Float(2 * Double.pi * Double(u2))
        data[base + j] = Float(Double(radius) * cos(Double(theta)))
        data[base + j + 8] = Float(Double(radius) * sin(Double(theta)))
      }
    }
    var base = 0
    while base + 16 <= n {
      fill16(base)
      base += 16
    }
    if n % 16 != 0 {
      for k in 0..<16 { data[n - 16 + k] = uniformFloat(0, 1) }
      fill16(n - 16)
    }
    return data
  }

  /// `torch.randperm(n, generator=…)` written into `out` (n below 2³²/20: ATen's
  /// `random() % (n − i)` swaps).
  public mutating func randperm(_ n: Int, into out: UnsafeMutablePointer<Int>) {
    for i in 0..<n { out[i] = i }
    guard n > 1 else { return }
    for i in 0..<(n - 1) {
      let z = Int(next() % UInt32(n - i))
      out.swapAt(i, z + i)
    }
  }

  /// One epoch of `DataLoader(dataset, shuffle=True)` drawing from this (the global)
  /// generator: the iterator's `_base_seed`, then `RandomSampler`'s seed for a fresh generator
  /// (both `random_()` on an int64, i.e. `random64() mod 2⁶³`), whose `randperm(n)` is the order.
  public mutating func dataLoaderOrder(_ n: Int, into out: UnsafeMutablePointer<Int>) {
    _ = next64()
    let seed = next64() % (1 << 63)
    var sampler = TorchGenerator(seed: seed)
    sampler.randperm(n, into: out)
  }

}

extension UnsafeMutablePointer where Pointee == Int {
  @inline(__always)
  fileprivate func swapAt(_ i: Int, _ j: Int) {
    let t = self[i]
    self[i] = self[j]
    self[j] = t
  }
}

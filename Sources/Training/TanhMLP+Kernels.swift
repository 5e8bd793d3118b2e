/// The float32 passes: eight hidden units per step as `SIMD8<Float>`, sums over examples in
/// registers. Losses and the output bias stay in double precision.
extension TanhMLP {
  /// Copies W1, b1 and `head`'s weights into the float buffers (padding stays zero).
  @inline(__always)
  func loadFloatWeights(_ p: UnsafePointer<Double>, head: UnsafePointer<Double>?) {
    let h = hidden
    for j in 0..<h {
      w32[j] = Float(p[j])
      b32[j] = Float(p[h + j])
    }
    if let head { for j in 0..<h { v32[j] = Float(head[j]) } }
  }

  /// The output for input `x` with output weights `v`; writes the (padded) activations to
  /// `activations` when given.
  @inline(__always)
  func forward(
    _ x: Double, bias: Double, v: UnsafePointer<Float>,
    into activations: UnsafeMutablePointer<Float>?
  ) -> Double {
    let xf = Float(x)
    var sum8 = SIMD8<Float>(repeating: 0)
    var j = 0
    while j < paddedHidden {
      let a = fastTanh8(load8(w32 + j) * xf + load8(b32 + j))
      if let activations { store8(a, activations + j) }
      sum8 += load8(v + j) * a
      j += 8
    }
    return bias + Double(sum8.sum())
  }

  /// Two examples at once: two independent dependency chains keep the SIMD units busy.
  @inline(__always)
  func forwardPair(
    _ x0: Double, _ x1: Double, bias: Double, v: UnsafePointer<Float>,
    into a0: UnsafeMutablePointer<Float>?, _ a1: UnsafeMutablePointer<Float>?
  ) -> (Double, Double) {
    let xf0 = Float(x0)
    let xf1 = Float(x1)
    var sum0 = SIMD8<Float>(repeating: 0)
    var sum1 = sum0
    var j = 0
    while j < paddedHidden {
      let w = load8(w32 + j)
      let b = load8(b32 + j)
      let v8 = load8(v + j)
      let t0 = fastTanh8(w * xf0 + b)
      let t1 = fastTanh8(w * xf1 + b)
      if let a0, let a1 {
        store8(t0, a0 + j)
        store8(t1, a1 + j)
      }
      sum0 += v8 * t0
      sum1 += v8 * t1
      j += 8
    }
    return (bias + Double(sum0.sum()), bias + Double(sum1.sum()))
  }

  /// Forward pass storing every example's activations, then the backward pass over the batch
  /// for eight hidden units at a time.
  func lossAndGradient(
    _ p: UnsafePointer<Double>, batch: UnsafeBufferPointer<Int>,
    grad g: UnsafeMutablePointer<Double>
  ) -> Double {
    let h = hidden
    let hp = paddedHidden
    let count = batch.count
    reserveBatch(count)
    loadFloatWeights(p, head: p + 2 * h)
    let n = Double(count)
    // d(mean squared error)/d(output) = e·2/n, with 2/n computed once (no division per example).
    let outputScale = 2 / n
    let bias = p[3 * h]
    var total = 0.0
    var biasGradient = 0.0
    var row = 0
    while row < count {
      let i = batch[row]
      if row + 1 < count {
        let k = batch[row + 1]
        let (out0, out1) = forwardPair(
          xTrain[i], xTrain[k], bias: bias, v: v32, into: batchActivations + row * hp,
          batchActivations + (row + 1) * hp)
        let e0 = out0 - yTrain[i]
        let e1 = out1 - yTrain[k]
        total += e0 * e0
        total += e1 * e1
        let d0 = e0 * outputScale
        let d1 = e1 * outputScale
        batchScales[row] = Float(d0)
        batchScales[row + 1] = Float(d1)
        biasGradient += d0
        biasGradient += d1
        row += 2
      } else {
        let e =
          forward(xTrain[i], bias: bias, v: v32, into: batchActivations + row * hp) - yTrain[i]
        total += e * e
        let d = e * outputScale
        batchScales[row] = Float(d)
        biasGradient += d
        row += 1
      }
    }
    var j = 0
    while j < hp {
      let v = load8(v32 + j)
      var gw = SIMD8<Float>(repeating: 0)
      var gb = gw
      var gv = gw
      for row in 0..<count {
        let d = batchScales[row]
        let a = load8(batchActivations + row * hp + j)
        gv += d * a
        let dz = d * v * (1 - a * a)
        gw += dz * Float(xTrain[batch[row]])
        gb += dz
      }
      for lane in 0..<min(8, h - j) {
        g[j + lane] = Double(gw[lane])
        g[h + j + lane] = Double(gb[lane])
        g[2 * h + j + lane] = Double(gv[lane])
      }
      j += 8
    }
    g[3 * h] = biasGradient
    return total / n
  }

  /// Grows the per-batch buffers (once, for the largest batch seen).
  func reserveBatch(_ count: Int) {
    guard count > batchCapacity else { return }
    batchActivations.deallocate()
    batchScales.deallocate()
    batchCapacity = count
    batchActivations = .allocate(capacity: count * paddedHidden)
    batchScales = .allocate(capacity: count)
  }

  func loss(_ p: UnsafePointer<Double>, batch: UnsafeBufferPointer<Int>) -> Double {
    loadFloatWeights(p, head: p + 2 * hidden)
    var total = 0.0
    for i in batch {
      let e = forward(xTrain[i], bias: p[3 * hidden], v: v32, into: nil) - yTrain[i]
      total += e * e
    }
    return total / Double(batch.count)
  }

  func validationLoss(_ p: UnsafePointer<Double>) -> Double {
    loadFloatWeights(p, head: p + 2 * hidden)
    return meanSquaredError(xValidation, yValidation, v: v32, bias: p[3 * hidden])
  }

  func taskALoss(_ p: UnsafePointer<Double>) -> Double? {
    guard let headA else { return nil }
    loadFloatWeights(p, head: nil)
    return meanSquaredError(xTaskA, yTaskA, v: headA32, bias: headA[hidden])
  }

  private func meanSquaredError(
    _ xs: [Double], _ ys: [Double], v: UnsafePointer<Float>, bias: Double
  ) -> Double {
    var total = 0.0
    var i = 0
    while i + 1 < xs.count {
      let (out0, out1) = forwardPair(xs[i], xs[i + 1], bias: bias, v: v, into: nil, nil)
      let e0 = out0 - ys[i]
      let e1 = out1 - ys[i + 1]
      total += e0 * e0
      total += e1 * e1
      i += 2
    }
    if i < xs.count {
      let e = forward(xs[i], bias: bias, v: v, into: nil) - ys[i]
      total += e * e
    }
    return total / Double(xs.count)
  }
}

@inline(__always)
func load8(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
  UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
}

@inline(__always)
func load8(_ pointer: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
  UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
}

@inline(__always)
func store8(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>) {
  UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Float>.self)
}

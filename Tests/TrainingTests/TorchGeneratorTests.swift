import XCTest

@testable import Training

/// `TorchGenerator` against values printed by PyTorch 2.15 (`torch.Generator().manual_seed(s)`).
final class TorchGeneratorTests: XCTestCase {
  func testRandMatchesPyTorchBitForBit() {
    var g = TorchGenerator(seed: 0)
    // torch.rand(3, generator=torch.Generator().manual_seed(0))
    XCTAssertEqual(g.rand(3), [0.49625658988952637, 0.7682217955589294, 0.08847743272781372])
    // Seeds above 2^32 keep their low 32 bits, as mt19937's seeding does.
    var big = TorchGenerator(seed: (1 << 40) + 7)
    XCTAssertEqual(big.rand(2), [0.5349225401878357, 0.19880318641662598])
  }

  func testRandnMatchesPyTorchBlocksAndTail() {
    // torch.randn(20): a block of 16, then a ragged tail that redraws the last 16.
    var g = TorchGenerator(seed: 3)
    let normals = g.randn(20)
    let expected: [(Int, Float)] = [
      (0, -0.07664429396390915), (1, 0.35988152027130127), (2, -0.7820168137550354),
      (17, 0.2052343785762787), (18, 0.33842819929122925), (19, 1.35275399684906),
    ]
    for (i, value) in expected {
      XCTAssertEqual(normals[i], value, accuracy: 2e-7 * max(1, abs(value)), "element \(i)")
    }
    // Below 16 elements: doubles, one Box–Muller pair at a time.
    var small = TorchGenerator(seed: 3)
    let five = small.randn(5)
    let smallExpected: [Float] = [
      0.8032760620117188, 0.17483338713645935, 0.08897809684276581, -0.6137180328369141,
      0.04618244990706444,
    ]
    for i in 0..<5 { XCTAssertEqual(five[i], smallExpected[i], accuracy: 1e-7) }
  }

  func testRandpermAndDataLoaderOrderMatchPyTorch() {
    var g = TorchGenerator(seed: 5)
    var perm = [Int](repeating: 0, count: 256)
    perm.withUnsafeMutableBufferPointer { g.randperm(256, into: $0.baseAddress!) }
    XCTAssertEqual(Array(perm.prefix(8)), [99, 70, 55, 138, 66, 19, 48, 54])
    XCTAssertEqual(Set(perm).count, 256)
    // torch.manual_seed(11); next(iter(DataLoader(range 256, batch_size=32, shuffle=True))),
    // here after the 97 draws of the sine model's nn.Linear layers.
    var global = TorchGenerator(seed: 11)
    var order = [Int](repeating: 0, count: 256)
    order.withUnsafeMutableBufferPointer { global.dataLoaderOrder(256, into: $0.baseAddress!) }
    XCTAssertEqual(Array(order.prefix(8)), [76, 99, 234, 202, 79, 255, 34, 45])
  }

  /// `nn.Sequential(nn.Linear(1, 32), nn.Tanh(), nn.Linear(32, 1))` after `torch.manual_seed(7)`.
  func testSineInitialisationIsNNLinearDefault() {
    var config = RunConfig(model: .sine)
    config.seed = 7
    let p = TanhMLP.sine(config).initialParameters()
    XCTAssertEqual(p.count, 97)
    // Layer 1 weights and biases in U(−1, 1), layer 2 in U(±1/√32).
    XCTAssertTrue(p[0..<64].allSatisfy { abs($0) <= 1 })
    XCTAssertTrue(p[64...].allSatisfy { abs($0) <= 1 / 32.0.squareRoot() + 1e-7 })
    XCTAssertTrue(p[64...].contains { abs($0) > 0.1 })
    // weight[0, 0] and bias[0] of both layers, printed by PyTorch after torch.manual_seed(7).
    XCTAssertEqual(Float(p[0]), 0.06984508037567139)
    XCTAssertEqual(Float(p[32]), 0.25330114364624023)
    XCTAssertEqual(Float(p[64]), -0.05993425101041794, accuracy: 1e-8)
    XCTAssertEqual(Float(p[96]), -0.10761614143848419, accuracy: 1e-8)
  }
}

/// The README shows each model's PyTorch definition: the one the exported script runs.
final class ModelDefinitionDocsTests: XCTestCase {
  func testReadmeShowsEveryExportedModelDefinition() throws {
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    for model in [ModelKind.sine, .linear, .finetune] {
      let definition = try XCTUnwrap(ModelDefinition.pytorch(RunConfig(model: model)))
      XCTAssertTrue(text.contains(definition), "README lacks the \(model) definition")
    }
    XCTAssertNil(ModelDefinition.pytorch(RunConfig(model: .quadratic)))
  }
}

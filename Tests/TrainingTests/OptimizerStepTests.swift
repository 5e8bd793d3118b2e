import Schedulers
import XCTest

@testable import Training

/// Three steps on fixed gradients against values computed by hand (NumPy, following
/// torch.optim's single-tensor SGD and Adam code line by line).
final class OptimizerStepTests: XCTestCase {
  let start = [0.5, -1.0, 2.0]
  let gradients = [[0.1, -0.2, 0.3], [-0.05, 0.4, 0.01], [0.2, 0.2, -0.1]]

  func steps(_ state: OptimizerState) -> [Double] {
    let engine = OptimizerEngine(kind: state.kind, groupRanges: [[0..<3]], count: 3)
    var p = start
    for g in gradients {
      var grad = g
      p.withUnsafeMutableBufferPointer { pp in
        grad.withUnsafeMutableBufferPointer { gg in
          engine.step(state, parameters: pp.baseAddress!, grad: gg.baseAddress!)
        }
      }
    }
    XCTAssertTrue(state.stepCalled)
    return p
  }

  func assertClose(_ a: [Double], _ b: [Double], file: StaticString = #filePath, line: UInt = #line)
  {
    for (x, y) in zip(a, b) {
      XCTAssertEqual(x, y, accuracy: 1e-15 * max(1, abs(y)), file: file, line: line)
    }
  }

  func testPlainSGD() {
    assertClose(steps(sgd(0.1, momentum: 0)), [0.475, -1.04, 1.979])
  }

  func testSGDMomentumDampeningWeightDecay() {
    var group = ParamGroup(lr: 0.1)
    group.momentum = 0.9
    group.dampening = 0.1
    group.weightDecay = 0.01
    let p = steps(OptimizerState(kind: .sgd, groups: [group]))
    assertClose(p, [0.46082225649499997, -1.02692021299, 1.91546184408])
  }

  func testSGDNesterov() {
    var group = ParamGroup(lr: 0.05)
    group.momentum = 0.9
    group.nesterov = true
    assertClose(
      steps(OptimizerState(kind: .sgd, groups: [group])), [0.47058, -1.03881, 1.9565599999999999])
  }

  func testAdamWithL2WeightDecay() {
    var group = ParamGroup(lr: 0.01)
    group.weightDecay = 0.1
    assertClose(
      steps(OptimizerState(kind: .adam, groups: [group])),
      [0.4752235505715115, -0.9924286564217549, 1.9729225193961784])
  }

  func testAdamWDecoupledDecay() {
    var group = ParamGroup(lr: 0.01)
    group.weightDecay = 0.1
    assertClose(
      steps(OptimizerState(kind: .adamW, groups: [group])),
      [0.4792796683031988, -0.9958727715970122, 1.9740162523190308])
  }

  func testAdamAMSGradWithOtherBetas() {
    var group = ParamGroup(lr: 0.01)
    group.beta1 = 0.8
    group.beta2 = 0.99
    group.amsgrad = true
    assertClose(
      steps(OptimizerState(kind: .adam, groups: [group])),
      [0.4809688470697357, -0.9998901142695495, 1.9812164152658533])
  }

  /// Adam's first bias-corrected step moves every coordinate by about lr, whatever the
  /// gradient's size: the mechanism behind warm-up.
  func testAdamFirstStepIsAboutLR() {
    let engine = OptimizerEngine(kind: .adam, groupRanges: [[0..<3]], count: 3)
    var p = [0.0, 0.0, 0.0]
    var g = [1e-4, -3.0, 50.0]
    p.withUnsafeMutableBufferPointer { pp in
      g.withUnsafeMutableBufferPointer { gg in
        engine.step(adam(0.01), parameters: pp.baseAddress!, grad: gg.baseAddress!)
      }
    }
    XCTAssertEqual(p[0], -0.01, accuracy: 1e-6)
    XCTAssertEqual(p[1], 0.01, accuracy: 1e-8)
    XCTAssertEqual(p[2], -0.01, accuracy: 1e-8)
  }

  func testGroupsMapToBackboneAndHead() {
    let layout = ParameterLayout(count: 10, backbone: 0..<6, head: 6..<10)
    let named = parameterRanges(
      for: [ParamGroup(lr: 1, name: "backbone"), ParamGroup(lr: 1, name: "head")], layout: layout)
    XCTAssertEqual(named, [[0..<6], [6..<10]])
    XCTAssertEqual(parameterRanges(for: [ParamGroup(lr: 1)], layout: layout), [[0..<6, 6..<10]])
    let partial = parameterRanges(
      for: [ParamGroup(lr: 1, name: "head"), ParamGroup(lr: 1, name: "model")], layout: layout)
    XCTAssertEqual(partial, [[6..<10], [0..<6]])
  }
}

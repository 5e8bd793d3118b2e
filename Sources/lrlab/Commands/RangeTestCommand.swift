import ArgumentParser
import Foundation
import Plots
import Training

/// `lrlab range-test`: the LR range test on a toy model.
struct RangeTestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "range-test",
    abstract: "Sweep the learning rate exponentially and suggest one (Smith 2017, fastai form).",
    discussion: """
      One optimizer step per batch while the lr grows exponentially; the loss is smoothed by \
      an exponential moving average (bias-corrected) and the sweep stops once it passes \
      4× its minimum. Suggestions: the lr at the minimum ÷ 10, and the lr of steepest \
      descent (ignoring the first 10% of the sweep, where the average is still warming up).

      Defaults by model: sine 1e-5 → 10 in 200 steps with SGD (momentum 0.9); linear and \
      quadratic 1e-4 → 10 in 300 steps with plain SGD; finetune 1e-6 → 1 in 200 steps \
      with Adam.
      """)

  @Option(name: .long, help: "sine, linear, finetune or quadratic.")
  var model: String = "sine"

  @Option(name: .long, help: "sgd or adam (default: the model's).")
  var optimizer: String?

  @Option(name: .long, help: "SGD momentum (default: the model's).")
  var momentum: String?

  @Option(name: .customLong("start-lr"), help: "First lr of the sweep.")
  var startLR: String?

  @Option(name: .customLong("end-lr"), help: "Last lr of the sweep.")
  var endLR: String?

  @Option(name: .long, help: "Steps of the sweep.")
  var iterations: String?

  @Option(name: .long, help: "Seed for data, initial weights and batch order.")
  var seed: String = "0"

  @Option(name: .long, help: "table, csv, json or svg.")
  var format: String = "table"

  func run() throws {
    guard let kind = ModelKind(rawValue: model) else {
      throw usage("--model must be one of sine, linear, finetune, quadratic; got '\(model)'")
    }
    guard ["table", "csv", "json", "svg"].contains(format) else {
      throw usage("--format must be one of table, csv, json, svg; got '\(format)'")
    }
    var config = RangeTestConfig(model: kind)
    // Numbers are read as text and checked here, so that a bad value exits 2 with our message.
    func number(_ text: String?, _ option: String) throws -> Double? {
      guard let text else { return nil }
      guard let value = DecimalNumber.parse(text) else {
        throw usage("\(option) must be a finite decimal number; got '\(text)'")
      }
      return value
    }
    guard let seedValue = UInt64(seed) else {
      throw usage("--seed must be a whole number from 0 to \(UInt64.max); got '\(seed)'")
    }
    config.run.seed = seedValue
    if let optimizer {
      switch optimizer.lowercased() {
      case "sgd": config.optimizer = .sgd
      case "adam": config.optimizer = .adam
      case "adamw": config.optimizer = .adamW
      default: throw usage("--optimizer must be sgd, adam or adamw; got '\(optimizer)'")
      }
    }
    if let value = try number(momentum, "--momentum") { config.momentum = value }
    if let value = try number(startLR, "--start-lr") { config.startLR = value }
    if let value = try number(endLR, "--end-lr") { config.endLR = value }
    if let iterations {
      guard let value = Int(iterations) else {
        throw usage("--iterations must be a whole number; got '\(iterations)'")
      }
      config.iterations = value
    }
    let result: RangeTestResult
    do {
      result = try RangeTest.run(config)
    } catch {
      throw usage(error.description)
    }
    let output: String
    switch format {
    case "csv": output = csv(result)
    case "json": output = json(result)
    case "svg": output = Charts.rangeTest(result, model: config.run.model)
    default: output = table(result, config)
    }
    Output.write(output)
  }

  func csv(_ r: RangeTestResult) -> String {
    var out = "step,lr,loss,smoothed_loss\n"
    for i in r.lrs.indices {
      out += "\(i),\(r.lrs[i]),\(r.rawLosses[i]),\(r.smoothedLosses[i])\n"
    }
    return out
  }

  func json(_ r: RangeTestResult) -> String {
    func number(_ x: Double) -> String { x.isFinite ? x.description : "null" }
    let points = r.lrs.indices.map {
      "    {\"step\": \($0), \"lr\": \(number(r.lrs[$0])), \"loss\": \(number(r.rawLosses[$0])), "
        + "\"smoothed_loss\": \(number(r.smoothedLosses[$0]))}"
    }
    return "{\n  \"points\": [\n" + points.joined(separator: ",\n") + "\n  ],\n"
      + "  \"stopped_early\": \(r.stoppedEarly),\n  \"stop_lr\": \(number(r.stopLR)),\n"
      + "  \"lr_at_minimum\": \(number(r.lrAtMinimum)),\n"
      + "  \"suggestion_minimum_over_10\": \(number(r.suggestionMinimumOver10)),\n"
      + "  \"suggestion_steepest\": \(number(r.suggestionSteepest))\n}\n"
  }

  func table(_ r: RangeTestResult, _ config: RangeTestConfig) -> String {
    func g(_ x: Double) -> String { String(format: "%.4g", x) }
    var out = "LR range test on \(config.run.model.rawValue) (\(config.optimizer.rawValue)): "
    out += "\(g(config.startLR)) → \(g(config.endLR)) over \(config.iterations) steps\n\n"
    out += "step  lr          loss        smoothed\n"
    let every = max(1, r.lrs.count / 40)
    for i in r.lrs.indices where i % every == 0 || i == r.lrs.count - 1 {
      let mark = i == r.minimumIndex ? "  ← minimum" : (i == r.steepestIndex ? "  ← steepest" : "")
      out += "\(pad(String(i), 5)) \(pad(g(r.lrs[i]), 11)) \(pad(g(r.rawLosses[i]), 11)) "
      out += "\(g(r.smoothedLosses[i]))\(mark)\n"
    }
    out += "\n"
    out +=
      r.stoppedEarly
      ? "stopped at lr \(g(r.stopLR)): the smoothed loss passed 4× its minimum\n"
      : "reached the end of the sweep at lr \(g(r.stopLR))\n"
    out += "minimum smoothed loss at lr \(g(r.lrAtMinimum))\n"
    out += "suggestion (minimum ÷ 10): \(g(r.suggestionMinimumOver10))\n"
    out += "suggestion (steepest descent): \(g(r.suggestionSteepest))\n"
    return out
  }

  func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
  }

  func usage(_ message: String) -> ExitCode {
    printError("error: \(message)")
    return ExitCode(2)
  }
}

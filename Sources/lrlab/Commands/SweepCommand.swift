import App
import ArgumentParser
import Foundation
import Plots
import Training

/// `lrlab sweep`: train a grid of peak LRs × schedules × seeds and report the validation loss.
struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Train a grid of peak learning rates × schedules × seeds; how sensitive is each?",
    discussion: """
      Every cell of the grid trains --seeds runs (seeds 0, 1, …) of the model from scratch, \
      on every core, and reports the final and the best validation loss: the median, with \
      the min and max over the seeds that did not diverge, and how many seeds diverged. The \
      results do not depend on the number of threads.

      The swept LR is the peak: the implicit optimizer's lr (SGD, momentum 0.9) and the \
      name `peak_lr` in the snippet. --schedule (repeatable) is a preset — constant, step \
      (×0.1 every third of the run), cosine (CosineAnnealingLR over the run), onecycle \
      (OneCycleLR, max_lr=peak_lr, per batch), warmup-cosine (LinearLR from 1% over a tenth, \
      then cosine) — a class with its arguments (`StepLR(step_size=80, gamma=0.1)`; the \
      optimizer may be left out), or a snippet file. Default: constant and cosine.

      Formats: table; csv (one row per cell); json ({"model", "epochs", "seeds", "cells": \
      [{"schedule", "lr", "final_val_loss": {"median", "min", "max"}, "best_val_loss", \
      "diverged"}]}, statistics null when every seed diverged); chart (braille, loss vs LR \
      on log axes, best LR of each schedule marked); svg.
      """)

  @Option(name: .long, help: "sine, linear, finetune or quadratic.")
  var model: String = "sine"

  @Option(
    name: .long, help: "A preset, a class with its arguments, or a snippet file (repeatable).")
  var schedule: [String] = []

  @Option(name: .customLong("lr-range"), help: "LO:HI, the peak LRs (log-spaced).")
  var lrRange: String = "1e-3:1"

  @Option(name: .long, help: "LRs in the range.")
  var points: String = "12"

  @Option(name: .long, help: "Seeds per cell.")
  var seeds: String = "5"

  @Option(name: .long, help: "Epochs per run (default: the model's).")
  var epochs: String?

  @Option(name: .long, help: "Worker threads (default: one per core).")
  var threads: String?

  @Option(name: .long, help: "table, csv, json, chart or svg.")
  var format: String = "table"

  func run() throws {
    guard let kind = ModelKind(rawValue: model) else {
      throw usage(
        "--model must be one of \(ModelKind.allCases.map(\.rawValue).joined(separator: ", ")); got '\(model)'"
      )
    }
    guard ["table", "csv", "json", "chart", "svg"].contains(format) else {
      throw usage("--format must be one of table, csv, json, chart, svg; got '\(format)'")
    }
    var config = RunConfig(model: kind)
    if let epochs {
      guard let value = Int(epochs), value >= 1 else {
        throw usage("--epochs must be a whole number ≥ 1; got '\(epochs)'")
      }
      config.epochs = value
    }
    let parts = lrRange.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, let lo = Double(parts[0]), let hi = Double(parts[1]), lo > 0,
      hi >= lo, hi.isFinite
    else {
      throw usage("--lr-range must be LO:HI with 0 < LO ≤ HI; got '\(lrRange)'")
    }
    guard let count = Int(points), count >= 1, count <= 1000 else {
      throw usage("--points must be a whole number from 1 to 1000; got '\(points)'")
    }
    guard let seedCount = Int(seeds), seedCount >= 1, seedCount <= 1000 else {
      throw usage("--seeds must be a whole number from 1 to 1000; got '\(seeds)'")
    }
    var threadCount = 0
    if let threads {
      guard let value = Int(threads), value >= 1, value <= 256 else {
        throw usage("--threads must be a whole number from 1 to 256; got '\(threads)'")
      }
      threadCount = value
    }
    let schedules = try (schedule.isEmpty ? ["constant", "cosine"] : schedule).map {
      try resolve($0, epochs: config.epochs)
    }
    let plan: SweepPlan
    do {
      plan = try SweepPlan(
        config: config, schedules: schedules,
        lrs: SweepPlan.logSpaced(lo...hi, points: count), seeds: seedCount)
    } catch {
      throw usage(error.description)
    }
    let progress = isatty(2) == 1 ? SweepProgressLine(total: plan.runCount) : nil
    let report: (@Sendable (Int) -> Void)?
    if let progress {
      report = { done in progress.update(done) }
    } else {
      report = nil
    }
    let result = plan.runAll(threads: threadCount, progress: report)
    progress?.finish()
    let output: String
    switch format {
    case "csv": output = SweepReport.csv(result)
    case "json": output = jsonEscapingUnsafe(SweepReport.json(result))
    case "chart": output = SweepChart.text(result, width: terminalWidth())
    case "svg": output = Charts.sweep(result)
    default: output = SweepReport.table(result)
    }
    // Through `Output`: sanitised, and a failed write exits 1 with a message instead of trapping.
    Output.write(output)
  }

  /// A preset name, a snippet file, or a class with its arguments.
  func resolve(_ text: String, epochs: Int) throws -> SweepSchedule {
    if let preset = SweepSchedule.preset(text, epochs: epochs) { return preset }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: text, isDirectory: &isDirectory),
      !isDirectory.boolValue
    {
      guard let data = FileManager.default.contents(atPath: text) else {
        throw usage("\(text): cannot read the file")
      }
      return SweepSchedule(name: text, snippet: String(decoding: data, as: UTF8.self))
    }
    guard text.contains("(") else {
      throw usage(
        "--schedule '\(text)': not a preset (\(SweepSchedule.presetNames.joined(separator: ", "))), "
          + "a file, or a class with its arguments like 'StepLR(step_size=80)'")
    }
    return SweepSchedule.expression(text)
  }

  func terminalWidth() -> Int {
    ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) }.map {
      max(40, min($0, 1000))
    }
      ?? 80
  }

  func usage(_ message: String) -> ExitCode {
    printError("error: \(message)")
    return ExitCode(2)
  }
}

/// "sweep: 120/240 runs" on standard error, rewritten in place (only on a terminal).
final class SweepProgressLine: @unchecked Sendable {
  private let total: Int
  private let lock = NSLock()
  private var shown = -1

  init(total: Int) { self.total = total }

  func update(_ done: Int) {
    lock.lock()
    defer { lock.unlock() }
    let percent = done * 100 / max(1, total)
    guard percent != shown else { return }
    shown = percent
    FileHandle.standardError.write(Data("\rsweep: \(done)/\(total) runs (\(percent) %)".utf8))
  }

  func finish() {
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }
}

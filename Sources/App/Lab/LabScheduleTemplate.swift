/// The schedules the knob panel can drive: each PyTorch scheduler class the lessons use, plus the
/// two warmup recipes built with SequentialLR. Code that fits none of them runs as typed, with
/// only the run knobs (model, epochs, …) adjustable.
public enum ScheduleTemplate: String, Sendable, Equatable, CaseIterable {
  case constant = "fixed LR"
  case stepLR = "StepLR"
  case multiStepLR = "MultiStepLR"
  case exponentialLR = "ExponentialLR"
  case cosineAnnealingLR = "CosineAnnealingLR"
  case cosineWarmRestarts = "CosineAnnealingWarmRestarts"
  case oneCycleLR = "OneCycleLR"
  case cyclicLR = "CyclicLR"
  case linearLR = "LinearLR"
  case constantLR = "ConstantLR"
  case polynomialLR = "PolynomialLR"
  case reduceLROnPlateau = "ReduceLROnPlateau"
  case warmupCosine = "LinearLR → CosineAnnealingLR"
  case warmupLinear = "LinearLR → LinearLR"

  /// Per batch for the cyclical schedules, per epoch otherwise (as `lrlab simulate` defaults).
  public var defaultStepsPerBatch: Bool { self == .oneCycleLR || self == .cyclicLR }

  /// The knobs of this schedule, in panel order.
  public var knobs: [KnobSpec] {
    switch self {
    case .constant: []
    case .stepLR:
      [KnobSpec("step_size", .integer(step: 1), min: 1), gamma]
    case .multiStepLR:
      [KnobSpec("milestones", .shiftedList, min: 1), gamma]
    case .exponentialLR:
      [KnobSpec("gamma", .linear(step: 0.01), min: 0.5, max: 1)]
    case .cosineAnnealingLR:
      [KnobSpec("T_max", .integer(step: 1), min: 1), KnobSpec("eta_min", .ladder(zero: true))]
    case .cosineWarmRestarts:
      [
        KnobSpec("T_0", .integer(step: 1), min: 1),
        KnobSpec("T_mult", .integer(step: 1), min: 1, max: 4),
        KnobSpec("eta_min", .ladder(zero: true)),
      ]
    case .oneCycleLR:
      [
        KnobSpec("max_lr", .ladder(zero: false), min: 1e-6, max: 10),
        KnobSpec("pct_start", .linear(step: 0.05), min: 0.05, max: 0.95),
        KnobSpec("anneal_strategy", .choices(["cos", "linear"])),
        KnobSpec("div_factor", .ladder(zero: false), min: 1, max: 1e4),
        KnobSpec("final_div_factor", .ladder(zero: false), min: 1, max: 1e6),
        KnobSpec("three_phase", .toggle),
      ]
    case .cyclicLR:
      [
        KnobSpec("base_lr", .ladder(zero: false), min: 1e-6, max: 10),
        KnobSpec("max_lr", .ladder(zero: false), min: 1e-6, max: 10),
        KnobSpec("step_size_up", .integer(step: 1), min: 1),
        KnobSpec("mode", .choices(["triangular", "triangular2", "exp_range"])),
      ]
    case .linearLR:
      [
        KnobSpec("start_factor", .linear(step: 0.05), min: 0.05, max: 1),
        KnobSpec("end_factor", .linear(step: 0.05), min: 0, max: 1),
        KnobSpec("total_iters", .integer(step: 1), min: 1),
      ]
    case .constantLR:
      [
        KnobSpec("factor", .linear(step: 0.05), min: 0.05, max: 1),
        KnobSpec("total_iters", .integer(step: 1), min: 1),
      ]
    case .polynomialLR:
      [
        KnobSpec("total_iters", .integer(step: 1), min: 1),
        KnobSpec("power", .linear(step: 0.5), min: 0.5, max: 5),
      ]
    case .reduceLROnPlateau:
      [
        KnobSpec("factor", .linear(step: 0.05), min: 0.05, max: 0.95),
        KnobSpec("patience", .integer(step: 1), min: 0),
        KnobSpec("threshold", .ladder(zero: true), max: 1),
        KnobSpec("cooldown", .integer(step: 1), min: 0),
        KnobSpec("min_lr", .ladder(zero: true)),
      ]
    case .warmupCosine:
      [
        KnobSpec("warmup", label: "warmup length", .integer(step: 1), min: 1),
        KnobSpec("start_factor", .linear(step: 0.05), min: 0.05, max: 1),
        KnobSpec("T_max", .integer(step: 1), min: 1),
        KnobSpec("eta_min", .ladder(zero: true)),
      ]
    case .warmupLinear:
      [
        KnobSpec("warmup", label: "warmup length", .integer(step: 1), min: 1),
        KnobSpec("start_factor", .linear(step: 0.05), min: 0.05, max: 1),
        KnobSpec("decay_iters", label: "decay length", .integer(step: 1), min: 1),
        KnobSpec("end_factor", .linear(step: 0.05), min: 0, max: 1),
      ]
    }
  }

  private var gamma: KnobSpec { KnobSpec("gamma", .linear(step: 0.05), min: 0.05, max: 1) }

  /// Starting values, sized to the run: `units` is the number of `scheduler.step()` calls the
  /// run will make (epochs, or epochs × batches when stepping per batch); `lr` the optimizer's.
  public func defaults(units: Int, lr: Double) -> [String: KnobValue] {
    let u = max(units, 1)
    let warm = max(1, u / 10)
    switch self {
    case .constant: return [:]
    case .stepLR: return ["step_size": .integer(max(1, u / 3)), "gamma": .number(0.5)]
    case .multiStepLR:
      return ["milestones": .integers([max(1, u / 2), max(2, u * 3 / 4)]), "gamma": .number(0.1)]
    case .exponentialLR: return ["gamma": .number(0.9)]
    case .cosineAnnealingLR: return ["T_max": .integer(u), "eta_min": .number(0)]
    case .cosineWarmRestarts:
      return ["T_0": .integer(max(1, u / 4)), "T_mult": .integer(1), "eta_min": .number(0)]
    case .oneCycleLR:
      return [
        "max_lr": .number(lr), "pct_start": .number(0.3), "anneal_strategy": .choice("cos"),
        "div_factor": .number(25), "final_div_factor": .number(1e4), "three_phase": .flag(false),
      ]
    case .cyclicLR:
      return [
        "base_lr": .number(ladderBelow(lr / 5, zero: false)), "max_lr": .number(lr),
        "step_size_up": .integer(max(1, u / 8)), "mode": .choice("triangular"),
      ]
    case .linearLR:
      return [
        "start_factor": .number(0.1), "end_factor": .number(1), "total_iters": .integer(warm),
      ]
    case .constantLR: return ["factor": .number(0.5), "total_iters": .integer(warm)]
    case .polynomialLR: return ["total_iters": .integer(u), "power": .number(1)]
    case .reduceLROnPlateau:
      return [
        "factor": .number(0.5), "patience": .integer(5), "threshold": .number(1e-4),
        "cooldown": .integer(0), "min_lr": .number(0),
      ]
    case .warmupCosine:
      return [
        "warmup": .integer(warm), "start_factor": .number(0.1), "T_max": .integer(max(1, u - warm)),
        "eta_min": .number(0),
      ]
    case .warmupLinear:
      return [
        "warmup": .integer(warm), "start_factor": .number(0.1),
        "decay_iters": .integer(max(1, u - warm)), "end_factor": .number(0),
      ]
    }
  }

  /// The scheduler class names a run of this template constructs (for checkpoints).
  public var classNames: [String] {
    switch self {
    case .constant: []
    case .warmupCosine: ["SequentialLR", "LinearLR", "CosineAnnealingLR"]
    case .warmupLinear: ["SequentialLR", "LinearLR"]
    default: [rawValue]
    }
  }
}

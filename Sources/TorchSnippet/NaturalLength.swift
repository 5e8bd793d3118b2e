import Schedulers

/// How many `scheduler.step()` calls show a schedule whole (`lrlab schedule`'s default
/// `--steps`):
/// - OneCycleLR: `total_steps` (one more step raises, as in PyTorch);
/// - CosineAnnealingLR: `T_max`; ConstantLR, LinearLR, PolynomialLR: `total_iters` (at least 1);
/// - CosineAnnealingWarmRestarts: three cycles, `T_0 · (1 + T_mult + T_mult²)`;
/// - StepLR: four decays, `4 · step_size`; MultiStepLR: the last milestone plus a quarter of
///   it (at least 5 more);
/// - CyclicLR: two full cycles, `2 · (step_size_up + step_size_down)`;
/// - SequentialLR: the last milestone plus the last child's length; ChainedScheduler: the
///   longest child's;
/// - transformers' `get_*` schedules: `num_training_steps` (WSD: warmup + stable + decay;
///   constant with warmup and inverse sqrt: 4 warmups, at least 100);
/// - everything else (ExponentialLR, LambdaLR, MultiplicativeLR, ReduceLROnPlateau, GreedyLR,
///   `get_constant_schedule`): 100.
/// Capped at `naturalLengthCap` so a huge `T_max` cannot exhaust memory.
public let naturalLengthCap = 100_000

extension BuiltSchedule {
  public var naturalLength: Int { Self.naturalLength(of: scheduler) ?? 100 }

  static func naturalLength(of scheduler: any LRScheduler) -> Int? {
    let length: Int?
    switch scheduler {
    case let s as OneCycleLR: length = s.totalSteps
    case let s as CosineAnnealingLR: length = s.tMax
    case let s as ConstantLR: length = s.totalIters
    case let s as LinearLR: length = s.totalIters
    case let s as PolynomialLR: length = s.totalIters
    case let s as CosineAnnealingWarmRestarts:
      let (cycle, grow) = (Double(s.t0), Double(s.tMult))
      length = Int(exactly: min(cycle * (1 + grow + grow * grow), Double(naturalLengthCap)))
    case let s as StepLR: length = s.stepSize.multipliedReportingOverflow(by: 4).partialValue
    case let s as MultiStepLR:
      length = s.milestones.max().map {
        min($0, naturalLengthCap) + max(5, min($0, naturalLengthCap) / 4)
      }
    case let s as CyclicLR:
      let total = 2 * (s.stepSizeUp + s.stepSizeDown)
      length = total.isFinite ? Int(min(total.rounded(.up), Double(naturalLengthCap))) : nil
    case let s as SequentialLR:
      let tail = s.schedulers.last.flatMap { naturalLength(of: $0) } ?? 100
      length = min(s.milestones.max() ?? 0, naturalLengthCap) + tail
    case let s as TransformersSchedule: length = s.formula.length
    case let s as ChainedScheduler:
      length = s.schedulers.compactMap { naturalLength(of: $0) }.max()
    default: length = nil
    }
    guard let length else { return nil }
    return min(max(length, 1), naturalLengthCap)
  }
}

import Schedulers

/// A constructor argument as the snippet gave it (after evaluation), for display and knobs.
public struct SnippetArgument: Sendable, Equatable {
  /// The PyTorch parameter name ("step_size", "T_max", …), also for positional arguments.
  public var name: String
  /// Python's repr of the value ("10", "0.5", "'cos'", "[5, 10]", "<lambda>").
  public var valueText: String
  /// The value as a number, when it is an int, float or bool.
  public var number: Double?
  /// Whether the snippet gave it explicitly (false: PyTorch's default).
  public var explicit: Bool

  public init(name: String, valueText: String, number: Double?, explicit: Bool) {
    self.name = name
    self.valueText = valueText
    self.number = number
    self.explicit = explicit
  }
}

/// One scheduler the snippet constructed.
public struct ConstructedScheduler {
  /// "StepLR", "OneCycleLR", …
  public var className: String
  /// The variable it was first assigned to, if any (`warmup`, `scheduler`).
  public var variable: String?
  /// Every parameter of the PyTorch signature except the optimizer / schedulers, in signature
  /// order, with defaults filled in.
  public var arguments: [SnippetArgument]
  public var scheduler: any LRScheduler
  /// Where the constructor call starts (1-based).
  public var line: Int
  public var column: Int
}

/// The optimizer and schedulers a snippet built.
public final class BuiltSchedule {
  public let optimizer: OptimizerState
  /// The scheduler to step: the variable `scheduler`, else the last one created.
  public let scheduler: any LRScheduler
  /// The variable holding `scheduler` (nil when it was never assigned to a name).
  public let schedulerVariable: String?
  /// Every scheduler constructed, in construction order.
  public let schedulers: [ConstructedScheduler]
  /// The optimizer's arguments (lr, momentum, …) as evaluated; empty for the implicit SGD.
  public let optimizerArguments: [SnippetArgument]
  /// Whether the snippet had an optimizer line (else SGD with the context's lr).
  public let optimizerWasImplicit: Bool
  /// The context the snippet was built with.
  public let context: SnippetContext
  /// What reading the snippet skipped (loops, training calls, statements it could not read),
  /// for `--verbose`.
  public let notes: [SnippetNote]

  init(
    optimizer: OptimizerState, scheduler: any LRScheduler, schedulerVariable: String?,
    schedulers: [ConstructedScheduler], optimizerArguments: [SnippetArgument],
    optimizerWasImplicit: Bool, context: SnippetContext, notes: [SnippetNote] = []
  ) {
    self.notes = notes
    self.optimizer = optimizer
    self.scheduler = scheduler
    self.schedulerVariable = schedulerVariable
    self.schedulers = schedulers
    self.optimizerArguments = optimizerArguments
    self.optimizerWasImplicit = optimizerWasImplicit
    self.context = context
  }

  /// The stepped scheduler's construction record.
  public var stepped: ConstructedScheduler? {
    schedulers.last { $0.scheduler === scheduler }
  }

  /// The class name of the stepped scheduler.
  public var className: String { scheduler.className }
}

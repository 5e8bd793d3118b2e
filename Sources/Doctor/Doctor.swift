import TorchSnippet

/// # Doctor: the scheduler bugs in a whole training script, found without running it
///
/// `Doctor.examine(source)` reads the script with the snippet parser (`ScriptSyntax`), walks it
/// once the way Python would (`ScriptWalker`: into `main()`, `train_one_epoch(...)`, methods,
/// Lightning's `training_step`), works out which loop runs over epochs and which over batches,
/// where `optimizer.step()` and each `scheduler.step()` are called, and checks ten rules.
/// Nothing is executed.
public enum Doctor {
  /// Examines a script. Throws the parse error (with line:column) when it cannot be read.
  /// `assume` fills what the script does not say (len(train_loader), the epoch count) — for the
  /// `--simulate` plans only; findings never rest on an assumption.
  public static func examine(
    _ source: String, file: String = "<script>", assume: Assumptions = Assumptions()
  ) throws(SnippetError) -> DoctorReport {
    let syntax = try ScriptSyntax.read(source)
    let walker = ScriptWalker()
    walker.walkScript(syntax.statements)
    let analysis = Analysis(walker: walker, syntax: syntax)
    var findings = Rules(analysis: analysis).findings()
    findings.sort { ($0.line, $0.column, $0.rule) < ($1.line, $1.column, $1.rule) }
    return DoctorReport(
      file: file, findings: findings, loop: analysis.summary, lines: syntax.lines,
      plans: analysis.plans(assume))
  }
}

/// Values a simulation may assume where the script's are not knowable.
public struct Assumptions: Sendable, Equatable {
  public var batchesPerEpoch: Int?
  public var epochs: Int?

  public init(batchesPerEpoch: Int? = nil, epochs: Int? = nil) {
    self.batchesPerEpoch = batchesPerEpoch
    self.epochs = epochs
  }
}

public enum Severity: String, Sendable, Equatable, Comparable {
  case error, warning, info

  var rank: Int {
    switch self {
    case .error: 0
    case .warning: 1
    case .info: 2
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One problem: a stable rule id, a severity, where (1-based line and column of the call or
/// constructor at fault), what happens, and how to fix it.
public struct Finding: Sendable, Equatable {
  public var rule: String
  public var severity: Severity
  public var line: Int
  public var column: Int
  public var message: String
  public var fix: String

  public init(
    rule: String, severity: Severity, line: Int, column: Int, message: String, fix: String
  ) {
    self.rule = rule
    self.severity = severity
    self.line = line
    self.column = column
    self.message = message
    self.fix = fix
  }
}

/// How often a `scheduler.step()` call runs.
public enum StepFrequency: String, Sendable, Equatable {
  case batch, epoch, other
}

public struct SchedulerStepSite: Sendable, Equatable {
  public var variable: String
  public var per: StepFrequency
  public var line: Int
  public var column: Int
}

/// What the doctor worked out about the loop.
public struct LoopSummary: Sendable, Equatable {
  public var epochs: Int?
  public var batchesPerEpoch: Int?
  public var optimizerStepsPerEpoch: Int?
  public var schedulerSteps: [SchedulerStepSite]
}

/// A scheduler as the script steps it, for `--simulate`: how many `step()` calls per epoch
/// and in all, next to what it was sized for.
public struct StepPlan: Sendable, Equatable {
  public var className: String
  public var variable: String
  public var line: Int
  public var per: StepFrequency
  /// Optimizer steps per epoch (the x axis' unit) and epochs, when knowable.
  public var optimizerStepsPerEpoch: Int?
  public var epochs: Int?
  /// The scheduler's own construction code, with every name the doctor could fold replaced by
  /// its value — TorchSnippet builds the real scheduler from it.
  public var snippet: String?
  /// How the scheduler was meant to be stepped: per batch (sized in optimizer steps) or per
  /// epoch.
  public var sizedPer: StepFrequency
  /// The `step()` calls it was sized for (T_max, total_steps, …), when knowable.
  public var sizedSteps: Int?
}

public struct DoctorReport: Sendable, Equatable {
  public var file: String
  public var findings: [Finding]
  public var loop: LoopSummary
  /// The script's lines, for carets.
  public var lines: [String]
  public var plans: [StepPlan]

  public var hasError: Bool { findings.contains { $0.severity == .error } }
  /// 1 when any finding is an error, else 0.
  public var exitStatus: Int32 { hasError ? 1 : 0 }
}

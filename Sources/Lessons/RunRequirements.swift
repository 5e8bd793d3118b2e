import Schedulers
import TorchSnippet

/// The checkpoint `requires` items a finished lab run meets (see the lesson format):
/// `ran:<SchedulerClass>` for every scheduler the snippet constructs, `ran:warmup-sequential`
/// for a SequentialLR whose first child is a LinearLR, `ran:plateau-val` for a
/// ReduceLROnPlateau fed the validation loss, and `ran-lab:<lesson>/<lab>` for a lesson's lab.
public enum RunRequirements {
  /// For a run of `code`; `metric` is what ReduceLROnPlateau was fed ("val" or "train"; nil:
  /// no metric at all, as in the `no-metric` mistake).
  public static func met(byRunOf code: String, metric: String?) -> [String] {
    guard let program = try? SnippetProgram.parse(code), let built = try? program.build() else {
      return []
    }
    var result: [String] = []
    for constructed in built.schedulers {
      let item = "ran:\(constructed.className)"
      if !result.contains(item) { result.append(item) }
      if let sequential = constructed.scheduler as? SequentialLR,
        sequential.schedulers.first?.className == "LinearLR",
        !result.contains("ran:warmup-sequential")
      {
        result.append("ran:warmup-sequential")
      }
      if constructed.className == "ReduceLROnPlateau", metric == "val",
        !result.contains("ran:plateau-val")
      {
        result.append("ran:plateau-val")
      }
    }
    return result
  }

  /// For a run of a lesson's lab with its own options (`metric` defaults to "val"; the
  /// `no-metric` mistake feeds none).
  public static func met(by lab: Lab) -> [String] {
    let metric = lab.options["mistake"] == "no-metric" ? nil : (lab.options["metric"] ?? "val")
    return ["ran-lab:\(lab.id)"] + met(byRunOf: lab.code, metric: metric)
  }
}

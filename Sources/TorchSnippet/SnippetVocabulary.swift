/// Names the snippet reader knows, for "did you mean" suggestions outside this module.
public enum SnippetVocabulary {
  /// The constructor's parameter names of a torch.optim.lr_scheduler class ([] if unknown).
  public static func keywordArguments(of className: String) -> [String] {
    SchedulerSignatures.parameters(of: className).map(\.name)
  }
}

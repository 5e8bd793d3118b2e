import Schedulers

/// The modules a snippet may name, and what they contain.
enum ModuleNames {
  static let schedulerClasses: [String] = [
    "LambdaLR", "MultiplicativeLR", "StepLR", "MultiStepLR", "ConstantLR", "LinearLR",
    "ExponentialLR", "PolynomialLR", "CosineAnnealingLR", "CosineAnnealingWarmRestarts",
    "CyclicLR", "OneCycleLR", "ReduceLROnPlateau", "SequentialLR", "ChainedScheduler",
  ]
  static let optimizerClasses: [String: OptimizerState.Kind] = [
    "SGD": .sgd, "Adam": .adam, "AdamW": .adamW,
  ]
  static let importable: Set<String> = Set([
    "torch", "math", "torch.optim", "torch.optim.lr_scheduler", "torch.nn",
  ]).union(TransformersNames.modules)

  static func member(of module: String, _ name: String) -> PyValue? {
    switch module {
    case "torch":
      if name == "optim" { return .module("torch.optim") }
      if name == "nn" { return .module("torch.nn") }
    case "torch.optim":
      if name == "lr_scheduler" { return .module("torch.optim.lr_scheduler") }
      if let kind = optimizerClasses[name] { return .optimizerClass(kind) }
    case "torch.optim.lr_scheduler":
      if schedulerClasses.contains(name) { return .schedulerClass(name) }
    case "torch.nn":
      // Layers and containers (`nn.Linear(2, 1)`, `nn.Sequential(…)`) build a network whose
      // parameters the optimizer can take; what they compute does not matter to a schedule.
      if name.first?.isUppercase == true { return .builtin("torch.nn." + name) }
    default:
      return TransformersNames.member(of: module, name)
    }
    return nil
  }

  /// Every public name of a module, for `from … import *`.
  static func allMembers(of module: String) -> [String: PyValue] {
    switch module {
    case "torch.optim.lr_scheduler":
      return Dictionary(uniqueKeysWithValues: schedulerClasses.map { ($0, .schedulerClass($0)) })
    case "torch.optim":
      var members = optimizerClasses.mapValues { PyValue.optimizerClass($0) }
      members["lr_scheduler"] = .module("torch.optim.lr_scheduler")
      return members
    case "math":
      var members: [String: PyValue] = [:]
      for name in Builtins.mathFunctions { members[name] = .builtin("math." + name) }
      for (name, value) in Builtins.mathConstants { members[name] = .float(value) }
      return members
    default:
      return [:]
    }
  }
}

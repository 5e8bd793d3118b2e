import Schedulers

/// The modules a snippet may name, and what they contain. Any module may be imported (nothing
/// is ever imported for real): the ones lrlab models hold real values, the others opaque ones.
enum ModuleNames {
  static let schedulerClasses: [String] = [
    "LambdaLR", "MultiplicativeLR", "StepLR", "MultiStepLR", "ConstantLR", "LinearLR",
    "ExponentialLR", "PolynomialLR", "CosineAnnealingLR", "CosineAnnealingWarmRestarts",
    "CyclicLR", "OneCycleLR", "ReduceLROnPlateau", "SequentialLR", "ChainedScheduler",
  ]
  static let optimizerClasses: [String: OptimizerState.Kind] = [
    "SGD": .sgd, "Adam": .adam, "AdamW": .adamW,
  ]
  /// Everything else `torch.optim.lr_scheduler` and `torch.optim` have (PyTorch 2.15): real
  /// names that lrlab does not model, told apart from typos.
  static let otherSchedulerNames: Set<String> = [
    "LRScheduler", "_LRScheduler", "SWALR", "EPOCH_DEPRECATION_WARNING", "Optimizer",
  ]
  static let otherOptimizerNames: Set<String> = [
    "ASGD", "Adadelta", "Adafactor", "Adagrad", "Adamax", "LBFGS", "NAdam", "Optimizer", "RAdam",
    "RMSprop", "Rprop", "SparseAdam", "swa_utils", "Muon",
  ]
  /// The modules lrlab models itself (the ones without members of their own hold opaque ones).
  static let modelled: Set<String> = [
    "torch", "math", "torch.optim", "torch.optim.lr_scheduler", "torch.nn", "functools",
    "argparse", "torch.cuda", "torch.utils", "torch.utils.data",
  ]

  /// The methods every network has that lrlab reads.
  static let networkMethods: Set<String> = [
    "parameters", "named_parameters", "to", "cuda", "cpu", "train", "eval", "float", "double",
    "half", "bfloat16", "requires_grad_", "apply", "children", "modules", "named_children",
    "add_module", "register_module", "register_parameter", "state_dict", "load_state_dict",
    "zero_grad", "forward", "share_memory",
  ]
  /// PyTorch's Optimizer attributes that lrlab does not model (reading them is not an error).
  static let optimizerAttributes: [String] = [
    "state", "step", "zero_grad", "state_dict", "load_state_dict", "add_param_group",
    "register_step_pre_hook", "register_step_post_hook", "register_state_dict_pre_hook",
    "register_state_dict_post_hook", "register_load_state_dict_pre_hook",
    "register_load_state_dict_post_hook",
  ]
  /// PyTorch's LRScheduler attributes that lrlab does not model.
  static let schedulerAttributes: [String] = [
    "get_last_lr", "get_lr", "step", "state_dict", "load_state_dict", "verbose", "print_lr",
    "base_lrs",
    "_last_lr", "_step_count", "_get_lr_called_within_step", "best", "num_bad_epochs",
    "cooldown_counter", "mode", "factor", "patience", "lr_lambdas", "milestones", "gamma",
    "step_size", "T_max", "eta_min", "T_0", "T_mult", "T_i", "T_cur", "total_steps",
    "total_iters", "start_factor", "end_factor", "power", "max_lrs", "base_momentums",
    "max_momentums", "cycle_momentum", "_schedulers", "_milestones",
  ]

  static func member(of module: String, _ name: String) -> PyValue? {
    switch module {
    case "torch":
      switch name {
      case "optim": return .module("torch.optim")
      case "nn": return .module("torch.nn")
      case "cuda": return .module("torch.cuda")
      case "utils": return .module("torch.utils")
      case "device", "manual_seed", "set_float32_matmul_precision", "set_default_dtype",
        "use_deterministic_algorithms", "set_num_threads", "compile":
        return .builtin("torch." + name)
      default: return nil
      }
    case "torch.cuda":
      switch name {
      case "is_available", "device_count", "manual_seed", "manual_seed_all", "empty_cache":
        return .builtin("torch.cuda." + name)
      default: return nil
      }
    case "torch.utils":
      return name == "data" ? .module("torch.utils.data") : nil
    case "torch.utils.data":
      return name == "DataLoader" ? .builtin("torch.utils.data.DataLoader") : nil
    case "torch.optim":
      if name == "lr_scheduler" { return .module("torch.optim.lr_scheduler") }
      if let kind = optimizerClasses[name] { return .optimizerClass(kind) }
    case "torch.optim.lr_scheduler":
      if schedulerClasses.contains(name) { return .schedulerClass(name) }
    case "torch.nn":
      // Layers and containers (`nn.Linear(2, 1)`, `nn.Sequential(…)`) build a network whose
      // parameters the optimizer can take; what they compute does not matter to a schedule.
      if name.first?.isUppercase == true { return .builtin("torch.nn." + name) }
      if name == "functional" || name == "init" || name == "utils" {
        return nil
      }
    case "functools":
      if name == "partial" { return .builtin("functools.partial") }
    case "argparse":
      if name == "ArgumentParser" { return .builtin("argparse.ArgumentParser") }
    case "math":
      if Builtins.mathFunctions.contains(name) { return .builtin("math." + name) }
      if let constant = Builtins.mathConstants[name] { return .float(constant) }
    default: break
    }
    return nil
  }

  /// Every real name of a modelled module, when lrlab knows them all (so a name outside them
  /// is a typo, an AttributeError with a suggestion).
  static func knownMembers(of module: String) -> Set<String>? {
    switch module {
    case "torch.optim.lr_scheduler":
      return Set(schedulerClasses).union(otherSchedulerNames)
    case "torch.optim":
      return Set(optimizerClasses.keys).union(otherOptimizerNames).union(["lr_scheduler"])
    case "math":
      return Builtins.mathFunctions.union(Builtins.mathConstants.keys).union([
        "isclose", "isfinite", "isinf", "isnan", "trunc", "factorial", "gcd", "lcm", "hypot",
        "degrees", "radians", "atan", "atan2", "asin", "acos", "sinh", "cosh", "tanh", "copysign",
        "fmod", "frexp", "ldexp", "modf", "expm1", "log1p", "comb", "perm", "prod", "fsum",
        "dist", "isqrt", "erf", "erfc", "gamma", "lgamma", "nextafter", "ulp", "cbrt", "exp2",
        "sumprod", "fma",
      ])
    default:
      return nil
    }
  }

  static func modelledMembers(of module: String) -> [String] {
    switch module {
    case "torch.optim.lr_scheduler": return schedulerClasses
    case "torch.optim": return Array(optimizerClasses.keys)
    default: return []
    }
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

/// The constructor signatures of torch.optim.lr_scheduler (PyTorch 2.15), in order.
enum SchedulerSignatures {
  static func parameters(of className: String) -> [PythonParameter] {
    let optimizer = PythonParameter("optimizer")
    let lastEpoch = PythonParameter("last_epoch", .int(-1))
    switch className {
    case "LambdaLR", "MultiplicativeLR":
      return [optimizer, .init("lr_lambda"), lastEpoch]
    case "StepLR":
      return [optimizer, .init("step_size"), .init("gamma", .float(0.1)), lastEpoch]
    case "MultiStepLR":
      return [optimizer, .init("milestones"), .init("gamma", .float(0.1)), lastEpoch]
    case "ConstantLR":
      return [
        optimizer, .init("factor", .float(1.0 / 3)), .init("total_iters", .int(5)), lastEpoch,
      ]
    case "LinearLR":
      return [
        optimizer, .init("start_factor", .float(1.0 / 3)), .init("end_factor", .float(1.0)),
        .init("total_iters", .int(5)), lastEpoch,
      ]
    case "ExponentialLR":
      return [optimizer, .init("gamma"), lastEpoch]
    case "PolynomialLR":
      return [optimizer, .init("total_iters", .int(5)), .init("power", .float(1.0)), lastEpoch]
    case "CosineAnnealingLR":
      return [optimizer, .init("T_max"), .init("eta_min", .float(0.0)), lastEpoch]
    case "CosineAnnealingWarmRestarts":
      return [
        optimizer, .init("T_0"), .init("T_mult", .int(1)), .init("eta_min", .float(0.0)),
        lastEpoch,
      ]
    case "CyclicLR":
      return [
        optimizer, .init("base_lr"), .init("max_lr"), .init("step_size_up", .int(2000)),
        .init("step_size_down", PyValue.none), .init("mode", .string("triangular")),
        .init("gamma", .float(1.0)), .init("scale_fn", PyValue.none),
        .init("scale_mode", .string("cycle")), .init("cycle_momentum", .bool(true)),
        .init("base_momentum", .float(0.8)), .init("max_momentum", .float(0.9)), lastEpoch,
      ]
    case "OneCycleLR":
      return [
        optimizer, .init("max_lr"), .init("total_steps", PyValue.none),
        .init("epochs", PyValue.none), .init("steps_per_epoch", PyValue.none),
        .init("pct_start", .float(0.3)), .init("anneal_strategy", .string("cos")),
        .init("cycle_momentum", .bool(true)), .init("base_momentum", .float(0.85)),
        .init("max_momentum", .float(0.95)), .init("div_factor", .float(25.0)),
        .init("final_div_factor", .float(1e4)), .init("three_phase", .bool(false)), lastEpoch,
      ]
    case "ReduceLROnPlateau":
      return [
        optimizer, .init("mode", .string("min")), .init("factor", .float(0.1)),
        .init("patience", .int(10)), .init("threshold", .float(1e-4)),
        .init("threshold_mode", .string("rel")), .init("cooldown", .int(0)),
        .init("min_lr", .int(0)), .init("eps", .float(1e-8)),
      ]
    case "SequentialLR":
      return [optimizer, .init("schedulers"), .init("milestones"), lastEpoch]
    case "ChainedScheduler":
      return [.init("schedulers"), .init("optimizer", PyValue.none)]
    default:
      return []
    }
  }
}

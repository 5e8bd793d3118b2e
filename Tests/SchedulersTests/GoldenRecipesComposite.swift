import Schedulers

/// The golden cases for the per-batch, plateau and composite schedulers, and the error cases.
let compositeRecipes: [String: GoldenRecipe] = [
  "seed-onecycle": GoldenRecipe(optimizer: sgd(0.001)) {
    try OneCycleLR(optimizer: $0, maxLR: 0.01, epochs: 10, stepsPerEpoch: 32)
  },
  "seed-plateau": GoldenRecipe(optimizer: sgd(0.1)) {
    try ReduceLROnPlateau(optimizer: $0, mode: "min", factor: 0.5, patience: 5)
  },
  "seed-warmup": GoldenRecipe(optimizer: sgd(0.1)) {
    let warmup = try LinearLR(optimizer: $0, startFactor: 0.1, totalIters: 5)
    let cosine = try CosineAnnealingLR(optimizer: $0, tMax: 45)
    return try SequentialLR(optimizer: $0, schedulers: [warmup, cosine], milestones: [5])
  },
  "cycliclr-triangular-5-None": GoldenRecipe(optimizer: sgd(0.001)) {
    try CyclicLR(
      optimizer: $0, baseLR: 0.001, maxLR: 0.01, stepSizeUp: 5, mode: "triangular", gamma: 1.0)
  },
  "cycliclr-triangular2-4-None": GoldenRecipe(optimizer: sgd(0.001)) {
    try CyclicLR(
      optimizer: $0, baseLR: 0.001, maxLR: 0.01, stepSizeUp: 4, mode: "triangular2", gamma: 1.0)
  },
  "cycliclr-exp_range-6-None": GoldenRecipe(optimizer: sgd(0.001)) {
    try CyclicLR(
      optimizer: $0, baseLR: 0.001, maxLR: 0.01, stepSizeUp: 6, mode: "exp_range", gamma: 0.97)
  },
  "cycliclr-triangular-3-7": GoldenRecipe(optimizer: sgd(0.001)) {
    try CyclicLR(
      optimizer: $0, baseLR: 0.001, maxLR: 0.01, stepSizeUp: 3, stepSizeDown: 7,
      mode: "triangular", gamma: 1.0)
  },
  "cycliclr-triangular-10-None": GoldenRecipe(optimizer: sgd(0.001)) {
    try CyclicLR(
      optimizer: $0, baseLR: 0.001, maxLR: 0.01, stepSizeUp: 10, mode: "triangular", gamma: 1.0)
  },
  "cycliclr-nomomentum": GoldenRecipe(optimizer: sgd(0.001)) {
    try CyclicLR(optimizer: $0, baseLR: 0.001, maxLR: 0.1, stepSizeUp: 4, cycleMomentum: false)
  },
  "cycliclr-adam": GoldenRecipe(optimizer: adam(0.001)) {
    try CyclicLR(optimizer: $0, baseLR: 0.001, maxLR: 0.006, stepSizeUp: 5, cycleMomentum: false)
  },
  "onecycle-max_lr0.1-total_steps100": GoldenRecipe(optimizer: sgd(0.1)) {
    try OneCycleLR(optimizer: $0, maxLR: 0.1, totalSteps: 100)
  },
  "onecycle-max_lr0.01-epochs5-steps_per_epoch20": GoldenRecipe(optimizer: sgd(0.1)) {
    try OneCycleLR(optimizer: $0, maxLR: 0.01, epochs: 5, stepsPerEpoch: 20)
  },
  "onecycle-max_lr0.1-total_steps50-anneal_strategylinear": GoldenRecipe(optimizer: sgd(0.1)) {
    try OneCycleLR(optimizer: $0, maxLR: 0.1, totalSteps: 50, annealStrategy: "linear")
  },
  "onecycle-max_lr0.1-total_steps60-pct_start0.1": GoldenRecipe(optimizer: sgd(0.1)) {
    try OneCycleLR(optimizer: $0, maxLR: 0.1, totalSteps: 60, pctStart: 0.1)
  },
  "onecycle-max_lr1.0-total_steps40-three_phaseTrue": GoldenRecipe(optimizer: sgd(0.1)) {
    try OneCycleLR(optimizer: $0, maxLR: 1.0, totalSteps: 40, threePhase: true)
  },
  "onecycle-max_lr0.1-total_steps40-three_phaseTrue-anneal_strategylinear": GoldenRecipe(
    optimizer: sgd(0.1)
  ) {
    try OneCycleLR(
      optimizer: $0, maxLR: 0.1, totalSteps: 40, annealStrategy: "linear", threePhase: true)
  },
  "onecycle-max_lr0.3-total_steps30-div_factor10.0-final_div_factor100.0": GoldenRecipe(
    optimizer: sgd(0.1)
  ) {
    try OneCycleLR(
      optimizer: $0, maxLR: 0.3, totalSteps: 30, divFactor: 10.0, finalDivFactor: 100.0)
  },
  "onecycle-max_lr0.1-total_steps20-cycle_momentumFalse": GoldenRecipe(optimizer: sgd(0.1)) {
    try OneCycleLR(optimizer: $0, maxLR: 0.1, totalSteps: 20, cycleMomentum: false)
  },
  "onecycle-max_lr0.1-total_steps25-base_momentum0.8-max_momentum0.95": GoldenRecipe(
    optimizer: sgd(0.1)
  ) {
    try OneCycleLR(
      optimizer: $0, maxLR: 0.1, totalSteps: 25, baseMomentum: 0.8, maxMomentum: 0.95)
  },
  "onecycle-max_lr0.05-total_steps7": GoldenRecipe(optimizer: sgd(0.1)) {
    try OneCycleLR(optimizer: $0, maxLR: 0.05, totalSteps: 7)
  },
  "onecycle-adam": GoldenRecipe(optimizer: adam(0.001)) {
    try OneCycleLR(optimizer: $0, maxLR: 0.01, totalSteps: 30)
  },
  "onecycle-past-end": GoldenRecipe(optimizer: sgd(0.1)) {
    try OneCycleLR(optimizer: $0, maxLR: 0.1, totalSteps: 10)
  },
  "onecycle-per-epoch-mistake": GoldenRecipe(optimizer: sgd(0.001)) {
    try OneCycleLR(optimizer: $0, maxLR: 0.01, epochs: 10, stepsPerEpoch: 32)
  },
  "plateau-defaults-flat": GoldenRecipe(optimizer: sgd(0.1)) {
    try ReduceLROnPlateau(optimizer: $0)
  },
  "plateau-patience0": GoldenRecipe(optimizer: sgd(0.1)) {
    try ReduceLROnPlateau(optimizer: $0, factor: 0.5, patience: 0)
  },
  "plateau-cooldown": GoldenRecipe(optimizer: sgd(0.1)) {
    try ReduceLROnPlateau(optimizer: $0, factor: 0.5, patience: 2, cooldown: 3)
  },
  "plateau-minlr": GoldenRecipe(optimizer: sgd(0.1)) {
    try ReduceLROnPlateau(optimizer: $0, factor: 0.1, patience: 1, minLR: 1e-4)
  },
  "plateau-eps": GoldenRecipe(optimizer: sgd(1e-06)) {
    try ReduceLROnPlateau(optimizer: $0, factor: 0.9, patience: 1, eps: 1e-7)
  },
  "plateau-abs": GoldenRecipe(optimizer: sgd(0.1)) {
    try ReduceLROnPlateau(optimizer: $0, patience: 3, threshold: 0.05, thresholdMode: "abs")
  },
  "plateau-rel": GoldenRecipe(optimizer: sgd(0.1)) {
    try ReduceLROnPlateau(optimizer: $0, patience: 3, threshold: 0.05)
  },
  "plateau-max": GoldenRecipe(optimizer: sgd(0.1)) {
    try ReduceLROnPlateau(optimizer: $0, mode: "max", factor: 0.2, patience: 2)
  },
  "plateau-max-abs": GoldenRecipe(optimizer: sgd(0.1)) {
    try ReduceLROnPlateau(
      optimizer: $0, mode: "max", patience: 1, threshold: 0.02, thresholdMode: "abs")
  },
  "plateau-twogroups-minlr-list": GoldenRecipe(optimizer: sgdTwoGroups(backbone: 0.01, lr: 0.1)) {
    try ReduceLROnPlateau(optimizer: $0, patience: 1, minLR: [0.001, 0.005])
  },
  "sequential-warmup-step": GoldenRecipe(optimizer: sgd(0.1)) {
    try SequentialLR(
      optimizer: $0,
      schedulers: [
        LinearLR(optimizer: $0, startFactor: 0.01, totalIters: 10),
        StepLR(optimizer: $0, stepSize: 10, gamma: 0.5),
      ], milestones: [10])
  },
  "sequential-const-exp": GoldenRecipe(optimizer: sgd(1.0)) {
    try SequentialLR(
      optimizer: $0,
      schedulers: [
        ConstantLR(optimizer: $0, factor: 0.1, totalIters: 2),
        ExponentialLR(optimizer: $0, gamma: 0.9),
      ], milestones: [2])
  },
  "sequential-three": GoldenRecipe(optimizer: sgd(0.1)) {
    let a = try LinearLR(optimizer: $0, startFactor: 0.1, totalIters: 4)
    let b = try ConstantLR(optimizer: $0, factor: 1.0, totalIters: 0)
    let c = try CosineAnnealingLR(optimizer: $0, tMax: 20)
    return try SequentialLR(optimizer: $0, schedulers: [a, b, c], milestones: [4, 10])
  },
  "sequential-warmup-poly": GoldenRecipe(optimizer: adam(5e-05)) {
    try SequentialLR(
      optimizer: $0,
      schedulers: [
        LinearLR(optimizer: $0, startFactor: 1e-3, totalIters: 100),
        PolynomialLR(optimizer: $0, totalIters: 900, power: 1.0),
      ], milestones: [100])
  },
  "chained-const-exp": GoldenRecipe(optimizer: sgd(1.0)) {
    try ChainedScheduler(schedulers: [
      ConstantLR(optimizer: $0, factor: 0.1, totalIters: 2),
      ExponentialLR(optimizer: $0, gamma: 0.9),
    ])
  },
  "chained-warmup-step": GoldenRecipe(optimizer: sgd(0.1)) {
    try ChainedScheduler(
      schedulers: [
        LinearLR(optimizer: $0, startFactor: 0.1, totalIters: 5),
        StepLR(optimizer: $0, stepSize: 3, gamma: 0.8),
      ], optimizer: $0)
  },
  "twogroups-onecycle-list": GoldenRecipe(optimizer: sgdTwoGroups(backbone: 1e-05, lr: 0.001)) {
    try OneCycleLR(optimizer: $0, maxLR: [1e-4, 1e-2], totalSteps: 20)
  },
  "twogroups-warmup-cosine": GoldenRecipe(optimizer: sgdTwoGroups(backbone: 1e-05, lr: 0.001)) {
    try SequentialLR(
      optimizer: $0,
      schedulers: [
        LinearLR(optimizer: $0, startFactor: 0.1, totalIters: 3),
        CosineAnnealingLR(optimizer: $0, tMax: 12),
      ], milestones: [3])
  },
  "bad-linearlr-start": GoldenRecipe(optimizer: sgd(0.1)) {
    try LinearLR(optimizer: $0, startFactor: 0.0)
  },
  "bad-linearlr-end": GoldenRecipe(optimizer: sgd(0.1)) {
    try LinearLR(optimizer: $0, endFactor: 1.5)
  },
  "bad-constantlr-factor": GoldenRecipe(optimizer: sgd(0.1)) {
    try ConstantLR(optimizer: $0, factor: 2.0)
  },
  "bad-plateau-factor": GoldenRecipe(optimizer: sgd(0.1)) {
    try ReduceLROnPlateau(optimizer: $0, factor: 1.0)
  },
  "bad-plateau-mode": GoldenRecipe(optimizer: sgd(0.1)) {
    try ReduceLROnPlateau(optimizer: $0, mode: "lowest")
  },
  "bad-onecycle-nosteps": GoldenRecipe(optimizer: sgd(0.1)) {
    try OneCycleLR(optimizer: $0, maxLR: 0.1)
  },
  "bad-onecycle-pct": GoldenRecipe(optimizer: sgd(0.1)) {
    try OneCycleLR(optimizer: $0, maxLR: 0.1, totalSteps: 10, pctStart: 1.5)
  },
  "bad-onecycle-anneal": GoldenRecipe(optimizer: sgd(0.1)) {
    try OneCycleLR(optimizer: $0, maxLR: 0.1, totalSteps: 10, annealStrategy: "exp")
  },
  "bad-onecycle-nomomentum": GoldenRecipe(optimizer: sgd(0.1, momentum: 0)) {
    try OneCycleLR(optimizer: $0, maxLR: 0.1, totalSteps: 10)
  },
  "bad-warmrestarts-t0": GoldenRecipe(optimizer: sgd(0.1)) {
    try CosineAnnealingWarmRestarts(optimizer: $0, t0: 0)
  },
  "bad-warmrestarts-tmult": GoldenRecipe(optimizer: sgd(0.1)) {
    try CosineAnnealingWarmRestarts(optimizer: $0, t0: 5, tMult: 0)
  },
  "bad-sequential-milestones": GoldenRecipe(optimizer: sgd(0.1)) {
    try SequentialLR(
      optimizer: $0,
      schedulers: [StepLR(optimizer: $0, stepSize: 5), StepLR(optimizer: $0, stepSize: 5)],
      milestones: [3, 6])
  },
  "bad-cycliclr-mode": GoldenRecipe(optimizer: sgd(0.001)) {
    try CyclicLR(optimizer: $0, baseLR: 0.001, maxLR: 0.01, mode: "sawtooth")
  },
  "bad-twogroups-maxlr": GoldenRecipe(optimizer: sgdTwoGroups(backbone: 1e-05, lr: 0.001)) {
    try OneCycleLR(optimizer: $0, maxLR: [0.1, 0.2, 0.3], totalSteps: 10)
  },
]

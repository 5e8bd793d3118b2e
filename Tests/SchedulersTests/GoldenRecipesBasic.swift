import Schedulers

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The golden cases for the single, chainable schedulers: each `code` translated by hand.
let basicRecipes: [String: GoldenRecipe] = [
  "seed-steplr": GoldenRecipe(optimizer: sgd(0.1)) {
    try StepLR(optimizer: $0, stepSize: 10, gamma: 0.5)
  },
  "seed-cosine": GoldenRecipe(optimizer: sgd(0.1)) {
    try CosineAnnealingLR(optimizer: $0, tMax: 50, etaMin: 1e-6)
  },
  "steplr-1-0.9-0.1": GoldenRecipe(optimizer: sgd(0.1)) {
    try StepLR(optimizer: $0, stepSize: 1, gamma: 0.9)
  },
  "steplr-3-0.1-1.0": GoldenRecipe(optimizer: sgd(1.0)) {
    try StepLR(optimizer: $0, stepSize: 3, gamma: 0.1)
  },
  "steplr-7-0.5-0.05": GoldenRecipe(optimizer: sgd(0.05)) {
    try StepLR(optimizer: $0, stepSize: 7, gamma: 0.5)
  },
  "steplr-30-0.1-0.1": GoldenRecipe(optimizer: sgd(0.1)) {
    try StepLR(optimizer: $0, stepSize: 30, gamma: 0.1)
  },
  "steplr-5-1.0-0.2": GoldenRecipe(optimizer: sgd(0.2)) {
    try StepLR(optimizer: $0, stepSize: 5, gamma: 1.0)
  },
  "steplr-4-2.0-0.01": GoldenRecipe(optimizer: sgd(0.01)) {
    try StepLR(optimizer: $0, stepSize: 4, gamma: 2.0)
  },
  "multisteplr-3-0.1": GoldenRecipe(optimizer: sgd(0.1)) {
    try MultiStepLR(optimizer: $0, milestones: [10, 20, 30], gamma: 0.1)
  },
  "multisteplr-3-0.5": GoldenRecipe(optimizer: sgd(0.1)) {
    try MultiStepLR(optimizer: $0, milestones: [3, 3, 8], gamma: 0.5)
  },
  "multisteplr-2-0.1": GoldenRecipe(optimizer: sgd(0.1)) {
    try MultiStepLR(optimizer: $0, milestones: [30, 80], gamma: 0.1)
  },
  "multisteplr-1-0.3": GoldenRecipe(optimizer: sgd(0.1)) {
    try MultiStepLR(optimizer: $0, milestones: [1], gamma: 0.3)
  },
  "multisteplr-5-0.7": GoldenRecipe(optimizer: sgd(0.1)) {
    try MultiStepLR(optimizer: $0, milestones: [5, 15, 25, 35, 45], gamma: 0.7)
  },
  "constantlr-0.333-5": GoldenRecipe(optimizer: sgd(0.05)) {
    try ConstantLR(optimizer: $0, factor: 0.3333333333333333, totalIters: 5)
  },
  "constantlr-0.5-4": GoldenRecipe(optimizer: sgd(0.05)) {
    try ConstantLR(optimizer: $0, factor: 0.5, totalIters: 4)
  },
  "constantlr-0.1-1": GoldenRecipe(optimizer: sgd(0.05)) {
    try ConstantLR(optimizer: $0, factor: 0.1, totalIters: 1)
  },
  "constantlr-1-3": GoldenRecipe(optimizer: sgd(0.05)) {
    try ConstantLR(optimizer: $0, factor: 1.0, totalIters: 3)
  },
  "constantlr-0.25-0": GoldenRecipe(optimizer: sgd(0.05)) {
    try ConstantLR(optimizer: $0, factor: 0.25, totalIters: 0)
  },
  "linearlr-0.333-1.0-5": GoldenRecipe(optimizer: sgd(0.1)) {
    try LinearLR(optimizer: $0, startFactor: 0.3333333333333333, endFactor: 1.0, totalIters: 5)
  },
  "linearlr-0.1-1.0-10": GoldenRecipe(optimizer: sgd(0.1)) {
    try LinearLR(optimizer: $0, startFactor: 0.1, endFactor: 1.0, totalIters: 10)
  },
  "linearlr-1-0.0-20": GoldenRecipe(optimizer: sgd(0.1)) {
    try LinearLR(optimizer: $0, startFactor: 1.0, endFactor: 0.0, totalIters: 20)
  },
  "linearlr-1-0.1-7": GoldenRecipe(optimizer: sgd(0.1)) {
    try LinearLR(optimizer: $0, startFactor: 1.0, endFactor: 0.1, totalIters: 7)
  },
  "linearlr-0.5-0.5-4": GoldenRecipe(optimizer: sgd(0.1)) {
    try LinearLR(optimizer: $0, startFactor: 0.5, endFactor: 0.5, totalIters: 4)
  },
  "linearlr-0.01-1.0-1": GoldenRecipe(optimizer: sgd(0.1)) {
    try LinearLR(optimizer: $0, startFactor: 0.01, endFactor: 1.0, totalIters: 1)
  },
  "linearlr-0.2-0.9-3": GoldenRecipe(optimizer: sgd(0.1)) {
    try LinearLR(optimizer: $0, startFactor: 0.2, endFactor: 0.9, totalIters: 3)
  },
  "linearlr-defaults": GoldenRecipe(optimizer: sgd(0.1)) { try LinearLR(optimizer: $0) },
  "exponentiallr-0.9": GoldenRecipe(optimizer: sgd(0.1)) {
    try ExponentialLR(optimizer: $0, gamma: 0.9)
  },
  "exponentiallr-0.5": GoldenRecipe(optimizer: sgd(0.1)) {
    try ExponentialLR(optimizer: $0, gamma: 0.5)
  },
  "exponentiallr-0.999": GoldenRecipe(optimizer: sgd(0.1)) {
    try ExponentialLR(optimizer: $0, gamma: 0.999)
  },
  "exponentiallr-1.0": GoldenRecipe(optimizer: sgd(0.1)) {
    try ExponentialLR(optimizer: $0, gamma: 1.0)
  },
  "polynomiallr-10-1.0": GoldenRecipe(optimizer: sgd(0.1)) {
    try PolynomialLR(optimizer: $0, totalIters: 10, power: 1.0)
  },
  "polynomiallr-20-2.0": GoldenRecipe(optimizer: sgd(0.1)) {
    try PolynomialLR(optimizer: $0, totalIters: 20, power: 2.0)
  },
  "polynomiallr-15-0.5": GoldenRecipe(optimizer: sgd(0.1)) {
    try PolynomialLR(optimizer: $0, totalIters: 15, power: 0.5)
  },
  "polynomiallr-5-3.0": GoldenRecipe(optimizer: sgd(0.1)) {
    try PolynomialLR(optimizer: $0, totalIters: 5, power: 3.0)
  },
  "polynomiallr-40-1.0": GoldenRecipe(optimizer: sgd(0.1)) {
    try PolynomialLR(optimizer: $0, totalIters: 40, power: 1.0)
  },
  "polynomiallr-defaults": GoldenRecipe(optimizer: sgd(0.1)) { try PolynomialLR(optimizer: $0) },
  "cosine-10-0.0-10": GoldenRecipe(optimizer: sgd(0.1)) {
    try CosineAnnealingLR(optimizer: $0, tMax: 10, etaMin: 0.0)
  },
  "cosine-10-0.0-35": GoldenRecipe(optimizer: sgd(0.1)) {
    try CosineAnnealingLR(optimizer: $0, tMax: 10, etaMin: 0.0)
  },
  "cosine-50-1e-06-50": GoldenRecipe(optimizer: sgd(0.1)) {
    try CosineAnnealingLR(optimizer: $0, tMax: 50, etaMin: 1e-06)
  },
  "cosine-7-0.01-30": GoldenRecipe(optimizer: sgd(0.1)) {
    try CosineAnnealingLR(optimizer: $0, tMax: 7, etaMin: 0.01)
  },
  "cosine-100-0.0-100": GoldenRecipe(optimizer: sgd(0.1)) {
    try CosineAnnealingLR(optimizer: $0, tMax: 100, etaMin: 0.0)
  },
  "cosine-1-0.0-6": GoldenRecipe(optimizer: sgd(0.1)) {
    try CosineAnnealingLR(optimizer: $0, tMax: 1, etaMin: 0.0)
  },
  "cosine-25-0.05-80": GoldenRecipe(optimizer: sgd(0.1)) {
    try CosineAnnealingLR(optimizer: $0, tMax: 25, etaMin: 0.05)
  },
  "warmrestarts-10-1-0.0": GoldenRecipe(optimizer: sgd(0.1)) {
    try CosineAnnealingWarmRestarts(optimizer: $0, t0: 10, tMult: 1, etaMin: 0.0)
  },
  "warmrestarts-5-2-0.0": GoldenRecipe(optimizer: sgd(0.1)) {
    try CosineAnnealingWarmRestarts(optimizer: $0, t0: 5, tMult: 2, etaMin: 0.0)
  },
  "warmrestarts-3-3-0.001": GoldenRecipe(optimizer: sgd(0.1)) {
    try CosineAnnealingWarmRestarts(optimizer: $0, t0: 3, tMult: 3, etaMin: 0.001)
  },
  "warmrestarts-20-1-1e-05": GoldenRecipe(optimizer: sgd(0.1)) {
    try CosineAnnealingWarmRestarts(optimizer: $0, t0: 20, tMult: 1, etaMin: 1e-05)
  },
  "warmrestarts-1-2-0.0": GoldenRecipe(optimizer: sgd(0.1)) {
    try CosineAnnealingWarmRestarts(optimizer: $0, t0: 1, tMult: 2, etaMin: 0.0)
  },
  "lambdalr-exp": GoldenRecipe(optimizer: sgd(0.1)) {
    try LambdaLR(optimizer: $0, lrLambda: { epoch in pow(0.95, Double(epoch)) })
  },
  "lambdalr-hf-warmup-linear": GoldenRecipe(optimizer: adam(2e-05)) {
    let (warmup, total) = (10, 100)
    return try LambdaLR(optimizer: $0) { step in
      step < warmup
        ? Double(step) / Double(warmup)
        : max(0.0, Double(total - step) / Double(total - warmup))
    }
  },
  "lambdalr-hf-warmup-cosine": GoldenRecipe(optimizer: adam(3e-05)) {
    let (warmup, total) = (6, 60)
    return try LambdaLR(optimizer: $0) { s in
      s < warmup
        ? Double(s) / Double(max(1, warmup))
        : 0.5 * (1.0 + cos(Double.pi * Double(s - warmup) / Double(max(1, total - warmup))))
    }
  },
  "multiplicativelr": GoldenRecipe(optimizer: sgd(0.1)) {
    try MultiplicativeLR(optimizer: $0, lrLambda: { _ in 0.9 })
  },
  "twogroups-steplr": GoldenRecipe(optimizer: sgdTwoGroups(backbone: 1e-05, lr: 0.001)) {
    try StepLR(optimizer: $0, stepSize: 3, gamma: 0.5)
  },
]

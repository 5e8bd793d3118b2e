/// The toy models as PyTorch code, and whole runs as one runnable PyTorch script
/// (`lrlab export --pytorch`, the Lab's `P`). One place says what each model is in PyTorch: the
/// docs, the Lab's "the model" panel and the exported script all print `ModelDefinition`.
public enum ModelDefinition {
  /// The model and its data as PyTorch code, for `config`'s sizes; nil where lrlab's model has
  /// no PyTorch module (quadratic: an exact expected-loss recursion).
  public static func pytorch(_ config: RunConfig) -> String? {
    switch config.model {
    case .sine:
      let h = config.hiddenUnits
      return """
        torch.manual_seed(seed)  # the initial weights
        model = nn.Sequential(nn.Linear(1, \(h)), nn.Tanh(), nn.Linear(\(h), 1))  # default init
        backbone, head = Params(model[0].parameters()), Params(model[2].parameters())

        data = torch.Generator().manual_seed(seed)  # the data, then each epoch's batch order
        x_train = torch.rand(\(config.trainSize), 1, generator=data) * 2 * math.pi - math.pi
        y_train = torch.sin(x_train) + \(python(config.noise)) * torch.randn(\(config.trainSize), 1, generator=data)
        x_val = torch.rand(\(config.validationSize), 1, generator=data) * 2 * math.pi - math.pi
        y_val = torch.sin(x_val) + \(python(config.noise)) * torch.randn(\(config.validationSize), 1, generator=data)
        train_loader = Batches(x_train, y_train, batch_size=\(config.batchSize), generator=data)  # reshuffled each epoch
        loss_fn = nn.MSELoss()
        """
    case .linear:
      let d = config.dimension
      let n = config.trainSize
      let m = config.validationSize
      let noise = python(config.noise)
      return """
        torch.manual_seed(seed)  # the initial weights, then each epoch's batch order
        model = nn.Linear(\(d), 1, bias=False)  # default init
        backbone, head = Params([]), Params(model.parameters())  # all of it is the "head"

        data = torch.Generator().manual_seed(seed)  # the data: its own stream
        scales = torch.logspace(0, -2, \(d)).sqrt()  # feature variances 1 … 1/100 (condition 100)
        w_true = 2 * torch.randn(\(d), generator=data)
        x_train = torch.randn(\(n), \(d), generator=data) * scales
        y_train = (x_train @ w_true + \(noise) * torch.randn(\(n), generator=data)).unsqueeze(1)
        x_val = torch.randn(\(m), \(d), generator=data) * scales
        y_val = (x_val @ w_true + \(noise) * torch.randn(\(m), generator=data)).unsqueeze(1)
        train_loader = DataLoader(TensorDataset(x_train, y_train), batch_size=\(config.batchSize), shuffle=True)
        loss_fn = nn.MSELoss()
        """
    case .finetune:
      let h = FinetuneModel.bodyWidth
      let n = config.trainSize
      let m = config.validationSize
      let noise = python(config.noise)
      return """
        torch.manual_seed(seed)  # head B's initial weights, then each epoch's batch order


        class FineTune(nn.Module):
            def __init__(self):
                super().__init__()
                self.body = nn.Sequential(nn.Linear(1, \(h)), nn.Tanh())  # pretrained on task A
                self.head_a = nn.Linear(\(h), 1)  # task A's head: frozen, measures forgetting
                self.head = nn.Linear(\(h), 1)  # the new head for task B (default init)

            def forward(self, x):
                return self.head(self.body(x))


        model = FineTune()
        with torch.no_grad():  # the shipped checkpoint: body, then head A
            model.body[0].weight.copy_(torch.tensor(PRETRAINED[:\(h)]).view(\(h), 1))
            model.body[0].bias.copy_(torch.tensor(PRETRAINED[\(h):\(2 * h)]))
            model.head_a.weight.copy_(torch.tensor(PRETRAINED[\(2 * h):\(3 * h)]).view(1, \(h)))
            model.head_a.bias.copy_(torch.tensor(PRETRAINED[\(3 * h):]))
        model.head_a.requires_grad_(False)
        backbone, head = Params(model.body.parameters()), Params(model.head.parameters())

        data = torch.Generator().manual_seed(seed)  # task B: y = sin x + 0.5 cos 2x + noise
        x_train = torch.rand(\(n), 1, generator=data) * 2 * math.pi - math.pi
        y_train = torch.sin(x_train) + 0.5 * torch.cos(2 * x_train) + \(noise) * torch.randn(\(n), 1, generator=data)
        x_val = torch.rand(\(m), 1, generator=data) * 2 * math.pi - math.pi
        y_val = torch.sin(x_val) + 0.5 * torch.cos(2 * x_val) + \(noise) * torch.randn(\(m), 1, generator=data)
        x_task_a = torch.linspace(-math.pi, math.pi, \(FinetuneModel.taskAGridSize)).unsqueeze(1)  # task A: y = sin x
        y_task_a = torch.sin(x_task_a)
        train_loader = DataLoader(TensorDataset(x_train, y_train), batch_size=\(config.batchSize), shuffle=True)
        loss_fn = nn.MSELoss()
        """
    case .quadratic:
      return nil
    }
  }

  /// The finetune checkpoint (body W1, b1, head A's weights and bias) as a Python list.
  static var pretrainedLiteral: String {
    var lines = ["PRETRAINED = ["]
    let values = FinetuneModel.pretrained.map { "\(Float($0))" }
    var i = 0
    while i < values.count {
      lines.append("    " + values[i..<min(i + 8, values.count)].joined(separator: ", ") + ",")
      i += 8
    }
    lines.append("]")
    return lines.joined(separator: "\n")
  }

  /// A sentence for the models that have no exported PyTorch definition yet.
  public static func unavailable(_ model: ModelKind) -> String {
    switch model {
    case .quadratic:
      return
        "the quadratic model is an exact expected-loss recursion, not a network: it has no PyTorch script (use --model sine)"
    case .sine, .linear, .finetune:
      return ""
    }
  }

  /// A float as Python reads it back (Swift's shortest round-trip form is valid Python).
  static func python(_ value: Double) -> String { "\(value)" }
}

public enum PyTorchExport {
  /// One runnable script: imports, the settings, the model and data (`ModelDefinition`), the
  /// snippet as written, and the loop with lrlab's stepping — `optimizer.step()` then
  /// `scheduler.step()` per batch or per epoch, ReduceLROnPlateau fed the epoch's metric, the
  /// run's mistake replayed — stopping on a training loss that is not finite or exceeds 1e6.
  /// It prints one line per epoch and a summary line (`final_val`, `best_val`, `diverged_at`)
  /// that `lrlab simulate` with the same options reproduces. Throws the reason when the model
  /// has no PyTorch form.
  public static func script(
    snippet: String, config: RunConfig, stepEvery: StepEvery, needsMetric: Bool,
    implicitOptimizer: (lr: Double, momentum: Double)? = nil
  ) throws(TrainingError) -> String {
    guard let model = ModelDefinition.pytorch(config) else {
      throw .unsupported(ModelDefinition.unavailable(config.model))
    }
    let code = snippet.replacingTabs().trimmingTrailingNewlines()
    var mistakeFlag = config.mistake == .none ? "" : " --mistake \(config.mistake.rawValue)"
    if config.plateauMetric == .train { mistakeFlag += " --plateau-metric train" }
    // A snippet that imports transformers (get_*_schedule_with_warmup) needs it installed too.
    let needsTransformers = code.split(separator: "\n").contains { line in
      let l = line.drop { $0 == " " }
      return l.hasPrefix("from transformers") || l.hasPrefix("import transformers")
    }
    let install =
      needsTransformers ? "`pip install torch transformers`" : "a plain `pip install torch`"
    var lines = [
      "# The lrlab run as a PyTorch script: the same model, data, optimizer, scheduler and loop.",
      "# Run it with \(install):  python this_file.py [seed]",
      "# lrlab's equivalent:  lrlab simulate --model \(config.model.rawValue) --seed SEED"
        + " --epochs \(config.epochs) --batch-size \(config.batchSize)"
        + " --step-every \(stepEvery.rawValue)\(mistakeFlag) SNIPPET",
      "import math",
      "import sys",
      "",
      "import torch",
      "from torch import nn",
      "from torch.optim.lr_scheduler import *  # the snippet may name schedulers bare",
    ]
    // sine batches with `Batches` (below); linear and finetune with a DataLoader.
    if config.model != .sine {
      lines.append("from torch.utils.data import DataLoader, TensorDataset")
    }
    lines += [
      "",
      "seed = int(sys.argv[1]) if len(sys.argv) > 1 else \(config.seed)",
      "num_epochs = \(config.epochs)",
      "torch.set_num_threads(1)",
      "",
      "",
      "class Params(list):",
      "    \"\"\"A parameter list that also answers .parameters(), as lrlab's backbone and head do.\"\"\"",
      "",
      "    def parameters(self):",
      "        return iter(self)",
      "",
      "",
    ]
    // sine reshuffles from the data generator (`BatchOrder.randpermOfData`).
    if config.model == .sine {
      lines += [
        "class Batches:",
        "    \"\"\"The training set in batches, reshuffled every epoch by torch.randperm on `generator`.",
        "",
        "    A DataLoader(shuffle=True) shuffles the same way in distribution; this one draws its",
        "    order from the data generator, as lrlab does, so that each seed is the same run.",
        "    \"\"\"",
        "",
        "    def __init__(self, x, y, batch_size, generator):",
        "        self.x, self.y, self.batch_size, self.generator = x, y, batch_size, generator",
        "",
        "    def __len__(self):",
        "        return (len(self.x) + self.batch_size - 1) // self.batch_size",
        "",
        "    def __iter__(self):",
        "        order = torch.randperm(len(self.x), generator=self.generator)",
        "        for start in range(0, len(self.x), self.batch_size):",
        "            batch = order[start:start + self.batch_size]",
        "            yield self.x[batch], self.y[batch]",
        "",
        "",
      ]
    }
    if config.model == .finetune {
      lines += [
        "# The pretrained checkpoint lrlab ships (float32), as a downloaded one would be.",
        ModelDefinition.pretrainedLiteral, "", "",
      ]
    }
    lines.append("# The model and its data (lrlab's `\(config.model.rawValue)`).")
    lines += model.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    lines += ["", "# The optimizer and scheduler, as written in lrlab."]
    if let implicit = implicitOptimizer {
      lines.append(
        "optimizer = torch.optim.SGD(model.parameters(), lr=\(implicit.lr), momentum=\(implicit.momentum))"
      )
    }
    lines += code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let batchStep = stepEvery == .batch
    let first = config.mistake == .schedulerFirst
    let fed = needsMetric && config.mistake != .noMetric
    let epochMetric = fed ? (config.plateauMetric == .val ? "val_loss" : "train_mean") : ""
    let batchMetric = fed ? "loss.item()" : ""
    lines += [
      "",
      "# The loop: optimizer.step() then scheduler.step(), "
        + (batchStep ? "every batch" : "every epoch")
        + (first ? " (the mistake: scheduler.step() first)." : "."),
      "# A training loss that is not finite or exceeds 1e6 ends the run (lrlab's rule).",
      "stepped = globals().get(\"scheduler\")",
      "step, best_val, val_loss, diverged_at = 0, math.inf, math.nan, None",
      "for epoch in range(num_epochs):",
    ]
    if first && !batchStep { lines.append("    stepped.step()") }
    lines += ["    total = 0.0", "    for xb, yb in train_loader:"]
    if first && batchStep { lines.append("        stepped.step()") }
    lines += [
      "        loss = loss_fn(model(xb), yb)",
      "        if not math.isfinite(loss.item()) or loss.item() > 1e6:",
      "            diverged_at = step",
      "            break",
      "        total += loss.item()",
      "        optimizer.zero_grad()",
      "        loss.backward()",
      "        optimizer.step()",
      "        step += 1",
    ]
    if batchStep && !first {
      lines += ["        if stepped is not None:", "            stepped.step(\(batchMetric))"]
    }
    lines += [
      "    if diverged_at is not None:",
      "        print(f\"diverged: training loss {loss.item():.6g} at step {diverged_at}\")",
      "        break",
      "    train_mean = total / len(train_loader)",
      "    with torch.no_grad():",
      "        val_loss = loss_fn(model(x_val), y_val).item()",
      "    best_val = min(best_val, val_loss)",
    ]
    let finetune = config.model == .finetune
    if finetune {
      lines += [
        "    with torch.no_grad():",
        "        task_a = loss_fn(model.head_a(model.body(x_task_a)), y_task_a).item()",
      ]
    }
    if !batchStep && !first {
      lines += ["    if stepped is not None:", "        stepped.step(\(epochMetric))"]
    }
    lines += [
      "    lr = optimizer.param_groups[0][\"lr\"]",
      "    print(f\"epoch {epoch:4d}  lr {lr:.6g}  train {train_mean:.6g}  val {val_loss:.6g}"
        + (finetune ? "  task_a {task_a:.6g}" : "") + "\")",
      "final = val_loss if diverged_at is None else math.nan",
      "print(f\"summary: seed {seed} final_val {final:.10g} best_val {best_val:.10g} diverged_at {diverged_at}\")",
      "",
    ]
    return lines.joined(separator: "\n")
  }
}

extension String {
  fileprivate func replacingTabs() -> String {
    split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "    ")
  }

  fileprivate func trimmingTrailingNewlines() -> String {
    var s = Substring(self)
    while s.last == "\n" || s.last == "\r" { s = s.dropLast() }
    return String(s)
  }
}

#!/usr/bin/env python3
"""Records extra Hugging Face transformers schedule cases (randomised arguments, in the format of
Tests/GoldenFixtures/hf_schedules.json) from a real transformers + torch, for the differential
test `TransformersExtraGoldenTests`. Tooling only: lrlab never runs Python.

usage: python gen_hf_extra.py OUT.json   (needs `pip install torch transformers`)
"""
import json, math, random, sys, warnings

import torch
import transformers
from torch.optim.lr_scheduler import *  # noqa: F401,F403  (the names snippets use)
from torch.optim import SGD, Adam, AdamW

warnings.filterwarnings("ignore")
rng = random.Random(20261202)


def namespace():
    model = torch.nn.Linear(2, 1)
    ns = {name: getattr(torch.optim.lr_scheduler, name) for name in dir(torch.optim.lr_scheduler)
          if name[0].isupper()}
    ns.update(torch=torch, math=math, model=model, SGD=SGD, Adam=Adam, AdamW=AdamW,
              backbone=[torch.nn.Parameter(torch.zeros(2))],
              head=[torch.nn.Parameter(torch.zeros(1))],
              train_loader=[0] * 8, num_epochs=10, __name__="__main__")
    return ns


def record(case_id, code, steps, metrics=None):
    ns = namespace()
    case = {"id": case_id, "code": code, "steps": steps}
    if metrics is not None:
        case["metrics"] = metrics
    rows = []
    try:
        exec(code, ns)
    except Exception as e:  # the snippet itself raised
        case["lr"] = []
        case["error"] = {"at_step": 0, "type": type(e).__name__, "message": str(e)}
        return case
    sched = ns.get("scheduler") or ns.get("lr_scheduler")
    opt = ns["optimizer"]
    rows.append([g["lr"] for g in opt.param_groups])
    for k in range(1, steps + 1):
        opt.step()
        try:
            if metrics is not None:
                sched.step(metrics[min(k - 1, len(metrics) - 1)])
            else:
                sched.step()
        except Exception as e:
            case["error"] = {"at_step": k, "type": type(e).__name__, "message": str(e)}
            break
        rows.append([g["lr"] for g in opt.param_groups])
    case["lr"] = rows
    return case


def optimizer_line():
    lr = rng.choice(["1e-3", "3e-4", "0.1", "5e-5", "2e-5", "0.05"])
    kind = rng.choice(["SGD", "AdamW", "Adam", "twogroups"])
    if kind == "SGD":
        return f"optimizer = torch.optim.SGD(model.parameters(), lr={lr}, momentum=0.9)"
    if kind == "twogroups":
        return ("optimizer = torch.optim.AdamW([\n    {\"params\": backbone, \"lr\": 1e-5},\n"
                f"    {{\"params\": head}},\n], lr={lr})")
    return f"optimizer = torch.optim.{kind}(model.parameters(), lr={lr})"


def importing(fn):
    style = rng.randrange(3)
    if style == 0:
        return f"from transformers import {fn}\n", fn
    if style == 1:
        return "import transformers\n", f"transformers.{fn}"
    return f"from transformers.optimization import {fn}\n", fn


def num(choices):
    return rng.choice(choices)


def lambda_cases():
    cases = []
    for i in range(60):
        fn = rng.choice([
            "get_constant_schedule", "get_constant_schedule_with_warmup",
            "get_linear_schedule_with_warmup", "get_cosine_schedule_with_warmup",
            "get_cosine_with_hard_restarts_schedule_with_warmup",
            "get_polynomial_decay_schedule_with_warmup", "get_inverse_sqrt_schedule",
            "get_cosine_with_min_lr_schedule_with_warmup",
            "get_cosine_with_min_lr_schedule_with_warmup_lr_rate", "get_wsd_schedule"])
        head, call = importing(fn)
        warmup = num(["0", "1", "3", "7", "10", "2.0"])
        training = num(["20", "37", "50", "64"])
        args = ["optimizer"]
        kw = {}
        positional = rng.random() < 0.4
        if fn != "get_constant_schedule":
            if positional:
                args.append(warmup)
            else:
                kw["num_warmup_steps"] = warmup
        if fn in ("get_linear_schedule_with_warmup", "get_cosine_schedule_with_warmup",
                  "get_cosine_with_hard_restarts_schedule_with_warmup",
                  "get_polynomial_decay_schedule_with_warmup",
                  "get_cosine_with_min_lr_schedule_with_warmup",
                  "get_cosine_with_min_lr_schedule_with_warmup_lr_rate"):
            if positional:
                args.append(training)
            else:
                kw["num_training_steps"] = training
        if fn == "get_cosine_schedule_with_warmup" and rng.random() < 0.6:
            kw["num_cycles"] = num(["0.5", "1.0", "1.5", "2", "0.25"])
        if fn == "get_cosine_with_hard_restarts_schedule_with_warmup" and rng.random() < 0.7:
            kw["num_cycles"] = num(["1", "2", "3", "5"])
        if fn == "get_polynomial_decay_schedule_with_warmup":
            if rng.random() < 0.6:
                kw["lr_end"] = num(["1e-7", "1e-6", "0.0", "1e-9"])
            if rng.random() < 0.6:
                kw["power"] = num(["1.0", "2.0", "0.5", "3", "1.5"])
        if fn == "get_inverse_sqrt_schedule" and rng.random() < 0.6:
            kw["timescale"] = num(["5", "10", "100", "None"])
        if fn.startswith("get_cosine_with_min_lr"):
            if rng.random() < 0.5:
                kw["min_lr"] = num(["1e-6", "1e-5", "0.0"])
            else:
                kw["min_lr_rate"] = num(["0.1", "0.05", "0.0", "0.5"])
            if rng.random() < 0.4:
                kw["num_cycles"] = num(["0.5", "1.0", "0.75"])
            if fn.endswith("lr_rate") and rng.random() < 0.5:
                kw["warmup_lr_rate"] = num(["0.1", "0.0", "0.5"])
        if fn == "get_wsd_schedule":
            kw["num_decay_steps"] = num(["5", "10", "20"])
            if rng.random() < 0.6:
                kw["num_training_steps"] = training
            else:
                kw["num_stable_steps"] = num(["0", "10", "25"])
            if rng.random() < 0.6:
                kw["warmup_type"] = repr(rng.choice(["linear", "cosine", "1-sqrt"]))
            if rng.random() < 0.6:
                kw["decay_type"] = repr(rng.choice(["linear", "cosine", "1-sqrt"]))
            if rng.random() < 0.5:
                kw["min_lr_ratio"] = num(["0", "0.1", "0.01"])
            if rng.random() < 0.3:
                kw["num_cycles"] = num(["0.5", "1.0"])
        argtext = ", ".join(args + [f"{k}={v}" for k, v in kw.items()])
        code = f"{head}{optimizer_line()}\nscheduler = {call}({argtext})"
        cases.append(record(f"rand-{i:02d}-{fn}", code, int(float(training)) + rng.randrange(0, 15)))
    return cases


def get_scheduler_cases():
    names = ["linear", "cosine", "cosine_with_restarts", "polynomial", "constant",
             "constant_with_warmup", "inverse_sqrt", "reduce_lr_on_plateau",
             "cosine_with_min_lr", "cosine_warmup_with_min_lr", "warmup_stable_decay", "greedy"]
    extras = {
        "cosine": ['{"num_cycles": 1.0}', "None"],
        "cosine_with_restarts": ['{"num_cycles": 3}'],
        "polynomial": ['{"power": 2.0, "lr_end": 1e-8}', '{"power": 0.5}'],
        "inverse_sqrt": ['{"timescale": 20}', "None"],
        "cosine_with_min_lr": ['{"min_lr_rate": 0.1}', '{"min_lr": 1e-6}'],
        "cosine_warmup_with_min_lr": ['{"min_lr_rate": 0.05, "warmup_lr_rate": 0.1}'],
        "warmup_stable_decay": ['{"num_decay_steps": 10}', '{"num_decay_steps": 5, "decay_type": "linear"}'],
        "reduce_lr_on_plateau": ['{"factor": 0.5, "patience": 1}', "None"],
        "greedy": ['{"patience": 1, "factor": 0.5, "min_lr": 1e-5, "max_lr": 0.2}'],
        "linear": ["None", '{"num_cycles": 2}'],
        "constant_with_warmup": ["None"],
        "constant": ['{"foo": 1}'],
    }
    cases = []
    metrics = [round(1.0 - 0.02 * i + (0.05 if i % 7 == 3 else 0), 4) for i in range(40)]
    for i, name in enumerate(names * 2):
        use_enum = rng.random() < 0.3
        head = "from transformers import get_scheduler, SchedulerType\n"
        first = f"SchedulerType.{name.upper()}" if use_enum else repr(name)
        if name == "reduce_lr_on_plateau" and use_enum:
            first = "SchedulerType.REDUCE_ON_PLATEAU"
        parts = [first, "optimizer"]
        if rng.random() < 0.85:
            parts.append(f"num_warmup_steps={num(['0', '5', '10'])}")
        if rng.random() < 0.85:
            parts.append(f"num_training_steps={num(['40', '60'])}")
        extra = rng.choice(extras[name])
        if extra != "None":
            parts.append(f"scheduler_specific_kwargs={extra}")
        code = f"{head}{optimizer_line()}\nlr_scheduler = get_scheduler({', '.join(parts)})"
        fed = name in ("reduce_lr_on_plateau", "greedy")
        cases.append(record(f"gs-rand-{i:02d}-{name}", code, 70, metrics if fed else None))
    return cases


def greedy_cases():
    cases = []
    for i in range(12):
        kw = {"factor": num(["0.5", "0.8", "0.9"]), "patience": num(["0", "1", "2", "3"]),
              "min_lr": num(["1e-5", "1e-4"]), "max_lr": num(["0.05", "0.5", "1.0"])}
        if rng.random() < 0.5:
            kw["cooldown"] = num(["1", "2"])
        if rng.random() < 0.5:
            kw["warmup"] = num(["1", "2"])
        if rng.random() < 0.4:
            kw["smooth"] = "True"
            kw["window_size"] = num(["3", "5"])
        if rng.random() < 0.4:
            kw["reset_start"] = num(["2", "4"])
        if rng.random() < 0.4:
            kw["mode"] = "'max'"
        if rng.random() < 0.3:
            kw["threshold_mode"] = "'rel'"
            kw["threshold"] = "0.01"
        head, call = importing("get_greedy_schedule")
        argtext = ", ".join(["optimizer"] + [f"{k}={v}" for k, v in kw.items()])
        code = f"{head}{optimizer_line()}\nscheduler = {call}({argtext})"
        walk, value, metrics = random.Random(i), 1.0, []
        for _ in range(60):
            value += walk.choice([-0.05, -0.02, 0.0, 0.01, 0.04])
            metrics.append(round(value, 4))
        cases.append(record(f"greedy-rand-{i:02d}", code, 60, metrics))
    return cases


def error_cases():
    snippets = [
        "from transformers import get_linear_schedule_with_warmup\noptimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\nscheduler = get_linear_schedule_with_warmup(optimizer, 10)",
        "from transformers import get_linear_schedule_with_warmup\noptimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\nscheduler = get_linear_schedule_with_warmup(optimizer, 10, 100, -1, 5)",
        "from transformers import get_cosine_with_min_lr_schedule_with_warmup\noptimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\nscheduler = get_cosine_with_min_lr_schedule_with_warmup(optimizer, 10, 100, min_lr=1e-6, min_lr_rate=0.1)",
        "from transformers import get_wsd_schedule\noptimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\nscheduler = get_wsd_schedule(optimizer, 10, 20)",
        "from transformers import get_wsd_schedule\noptimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\nscheduler = get_wsd_schedule(optimizer, 10, 20, 100, warmup_type='exp')",
        "from transformers import get_wsd_schedule\noptimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\nscheduler = get_wsd_schedule(optimizer, 10, 20, 100, decay_type='step')",
        "from transformers import get_scheduler\noptimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\nscheduler = get_scheduler('cosine_with_restarts', optimizer, num_warmup_steps=5, num_training_steps=50, scheduler_specific_kwargs={'power': 2})",
        "from transformers import get_scheduler\noptimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\nscheduler = get_scheduler('warmup_stable_decay', optimizer, num_warmup_steps=5)",
        "from transformers import get_greedy_schedule\noptimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\nscheduler = get_greedy_schedule(optimizer, factor=1.5)",
        "from transformers import get_greedy_schedule\noptimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\nscheduler = get_greedy_schedule(optimizer, mode='up')",
        "from transformers import get_reduce_on_plateau_schedule\noptimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\nscheduler = get_reduce_on_plateau_schedule(optimizer, factor=2.0)",
        "from transformers import get_inverse_sqrt_schedule\noptimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\nscheduler = get_inverse_sqrt_schedule(optimizer, num_warmup_steps=0, timescale=0)",
        "from transformers import get_polynomial_decay_schedule_with_warmup\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\nscheduler = get_polynomial_decay_schedule_with_warmup(optimizer, 5, 5)",
        "from transformers import get_constant_schedule_with_warmup\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\nscheduler = get_constant_schedule_with_warmup(optimizer, num_warmup_steps=3, num_training_steps=10)",
    ]
    return [record(f"err-rand-{i:02d}", code, 30) for i, code in enumerate(snippets)]


def main():
    cases = lambda_cases() + get_scheduler_cases() + greedy_cases() + error_cases()
    out = {"about": "Randomised transformers cases recorded by scripts/golden/gen_hf_extra.py "
                    "(same format as hf_schedules.json).",
           "transformers": transformers.__version__, "torch": torch.__version__.split("+")[0],
           "cases": cases}
    with open(sys.argv[1], "w") as f:
        json.dump(out, f, indent=1)
    print(f"{len(cases)} cases, {sum('error' in c for c in cases)} with errors")


if __name__ == "__main__":
    main()

"""PyTorch eager side of `lrlab-bench speed`: the same loops, timed the same way.

  standard  the standard run: 1->32 tanh->1 MLP on a noisy sine (256 points, batch 32),
            SGD(lr=0.1, momentum=0.9), OneCycleLR(max_lr=0.1, epochs=2500, steps_per_epoch=8)
            stepped per batch, validation (64 points) each epoch: 20,000 steps.
  schedule  optimizer.step(); scheduler.step() on one parameter for N steps (OneCycleLR),
            recording get_last_lr() each step: PyTorch's per-step cost of a schedule.
Prints one JSON object per measurement: wall time and CPU time (process_time, one torch
thread), since on a shared machine wall time mostly measures the other processes.
"""
import json, math, sys, time
import torch

torch.set_num_threads(1)

def clocks():
    return time.perf_counter(), time.process_time()

def standard(repeats):
    times, cpus = [], []
    for _ in range(repeats):
        t0, c0 = clocks()
        g = torch.Generator().manual_seed(0)
        x = (torch.rand(256, 1, generator=g) * 2 - 1) * math.pi
        y = torch.sin(x) + 0.1 * torch.randn(256, 1, generator=g)
        xv = (torch.rand(64, 1, generator=g) * 2 - 1) * math.pi
        yv = torch.sin(xv) + 0.1 * torch.randn(64, 1, generator=g)
        model = torch.nn.Sequential(torch.nn.Linear(1, 32), torch.nn.Tanh(), torch.nn.Linear(32, 1))
        opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, epochs=2500, steps_per_epoch=8)
        loss_fn = torch.nn.MSELoss()
        rows = []
        for epoch in range(2500):
            perm = torch.randperm(256, generator=g)
            for b in range(8):
                idx = perm[b * 32:(b + 1) * 32]
                opt.zero_grad()
                loss = loss_fn(model(x[idx]), y[idx])
                loss.backward()
                opt.step()
                sched.step()
                rows.append((opt.param_groups[0]["lr"], loss.item()))
            with torch.no_grad():
                val = loss_fn(model(xv), yv).item()
        t1, c1 = clocks()
        times.append(t1 - t0)
        cpus.append(c1 - c0)
    return {"bench": "standard", "steps": 20000, "wall_min_ms": min(times) * 1e3,
            "cpu_min_ms": min(cpus) * 1e3, "final_val_loss": val,
            "threads": torch.get_num_threads()}

def schedule(steps, repeats):
    times, cpus = [], []
    for _ in range(repeats):
        p = torch.nn.Parameter(torch.zeros(1))
        opt = torch.optim.SGD([p], lr=0.1, momentum=0.9)
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, total_steps=steps + 1)
        lrs = []
        t0, c0 = clocks()
        for _ in range(steps):
            opt.step()
            sched.step()
            lrs.append(sched.get_last_lr()[0])
        t1, c1 = clocks()
        times.append(t1 - t0)
        cpus.append(c1 - c0)
    return {"bench": "schedule", "steps": steps, "wall_ns_per_step": min(times) / steps * 1e9,
            "cpu_ns_per_step": min(cpus) / steps * 1e9}

if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "all"
    if which in ("standard", "all"):
        print(json.dumps(standard(int(sys.argv[2]) if len(sys.argv) > 2 else 3)), flush=True)
    if which in ("schedule", "all"):
        print(json.dumps(schedule(int(sys.argv[3]) if len(sys.argv) > 3 else 100_000, 3)), flush=True)

#!/usr/bin/env python3
"""Exported PyTorch scripts against lrlab, over seeds 0-19 (needs `pip install torch`).

usage: python3 scripts/compare-pytorch-export.py path/to/lrlab [CASE_ID ...]

For each configuration of Tests/GoldenFixtures/torch_toy_sine.json (all of them by default),
`lrlab export --pytorch` writes the script, PyTorch runs it for seeds 0-19, `lrlab simulate`
runs the same seeds, and a Markdown table compares divergence fraction and the medians of
final and best validation MSE, with the largest per-seed relative difference of final MSE.
"""
import contextlib, io, json, os, runpy, subprocess, sys, tempfile

lrlab = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
golden = os.path.join(here, "..", "Tests", "GoldenFixtures", "torch_toy_sine.json")
cases = {c["id"]: c for c in json.load(open(golden))["cases"]}
wanted = sys.argv[2:] or list(cases)
workdir = tempfile.mkdtemp(prefix="lrlab-export-")
def pct(xs, q):
    xs = sorted(xs)
    if not xs:
        return None
    p = q * (len(xs) - 1); lo = int(p); hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (p - lo)
def stats(runs):
    conv = [r for r in runs if r[2] is None]
    return (1 - len(conv) / len(runs), pct([r[0] for r in conv], .5), pct([r[1] for r in conv], .5))
print("| config | diverged torch-export | lrlab | final median torch-export | lrlab | best median torch-export | lrlab | same-seed max rel diff (converged) |")
print("|---|---|---|---|---|---|---|---|")
for cid in wanted:
    c = cases[cid]
    args = ['--epochs', str(c['epochs']), '--step-every', c['step_every']]
    script = subprocess.run([lrlab, 'export', '--pytorch', *args, c['code']], capture_output=True, text=True, check=True).stdout
    path = os.path.join(workdir, f'{cid}.py')
    open(path, 'w').write(script)
    torch_runs, lr_runs = [], []
    for seed in range(20):
        sys.argv = ['x', str(seed)]
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            runpy.run_path(path, run_name='__main__')
        line = [l for l in buf.getvalue().splitlines() if l.startswith('summary:')][0].split()
        fv, bv, dv = float(line[4]), float(line[6]), (None if line[8] == 'None' else int(line[8]))
        torch_runs.append((fv, bv, dv))
        out = json.loads(subprocess.run([lrlab, 'simulate', '--format', 'json', '--seed', str(seed), *args, c['code']], capture_output=True, text=True, check=True).stdout)['summary']
        lr_runs.append((out['final_val_loss'], out['best_val_loss'], out['diverged_at_step']))
    t, l = stats(torch_runs), stats(lr_runs)
    diffs = [abs(a[0] - b[0]) / b[0] for a, b in zip(lr_runs, torch_runs) if a[2] is None and b[2] is None]
    f = lambda v: '—' if v is None else f'{v:.4f}'
    print(f"| {cid} | {t[0]:.2f} | {l[0]:.2f} | {f(t[1])} | {f(l[1])} | {f(t[2])} | {f(l[2])} | {max(diffs) if diffs else float('nan'):.1e} |", flush=True)

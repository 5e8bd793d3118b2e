def f(n):
    return 1 if n == 0 else f(n - 1) * 2
scheduler = StepLR(optimizer, step_size=f(3), gamma={'a': 0.5}['a'])

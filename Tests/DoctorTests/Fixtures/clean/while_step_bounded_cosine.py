import math
import torch

max_steps = 5000
warmup = 200
optimizer = torch.optim.AdamW(model.parameters(), lr=6e-4, betas=(0.9, 0.95))
scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min(1.0, (s + 1) / warmup) * 0.5 * (1 + math.cos(math.pi * min(s, max_steps) / max_steps)))
step = 0
while step < max_steps:
    x, y = get_batch("train")
    loss = model(x, y)
    loss.backward()
    optimizer.step()
    scheduler.step()
    optimizer.zero_grad()
    if step % 100 == 0:
        print(step, loss.item(), scheduler.get_last_lr()[0])
    step += 1

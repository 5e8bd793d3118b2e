# A hand-written warmup lambda: 400 warmup steps in a 1000-step run.
import torch

total_steps = 1000
warmup_steps = 400
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: min(1.0, (step + 1) / warmup_steps))  # BUG: warmup-too-long
step = 0
while step < total_steps:
    batch = next(data_iter)
    loss = model(batch)
    loss.backward()
    optimizer.step()
    scheduler.step()
    optimizer.zero_grad()
    if step % 100 == 0:
        print(step, scheduler.get_last_lr()[0])
    step += 1

import torch
from transformers import get_linear_schedule_with_warmup

optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)
scheduler = get_linear_schedule_with_warmup(optimizer, 100, 10000)  # BUG: scheduler-never-stepped
step = 0
while step < 10000:
    for batch in loader:
        model(**batch).loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        step += 1
    print(step, optimizer.param_groups[0]["lr"])

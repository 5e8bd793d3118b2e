# A step-bounded while loop over an endless loader; the scheduler moves first.
import torch
from transformers import get_linear_schedule_with_warmup

max_steps = 3000
model = build_model()
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.01)
scheduler = get_linear_schedule_with_warmup(optimizer, num_warmup_steps=300, num_training_steps=max_steps)
global_step = 0
while global_step < max_steps:
    for batch in train_dataloader:
        outputs = model(**batch)
        outputs.loss.backward()
        scheduler.step()  # BUG: step-order
        optimizer.step()
        optimizer.zero_grad()
        global_step += 1
        if global_step % 100 == 0:
            print(global_step, scheduler.get_last_lr()[0])
        if global_step >= max_steps:
            break

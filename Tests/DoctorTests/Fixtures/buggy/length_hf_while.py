# Sized for 1000 steps, trained for 3000: the linear decay hits 0 a third of the way in.
import torch
import transformers

max_train_steps = 3000
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-5)
lr_scheduler = transformers.get_scheduler("linear", optimizer=optimizer, num_warmup_steps=100, num_training_steps=1000)  # BUG: length-mismatch
completed_steps = 0
while completed_steps < max_train_steps:
    for batch in train_dataloader:
        loss = model(**batch).loss
        loss.backward()
        optimizer.step()
        lr_scheduler.step()
        optimizer.zero_grad()
        completed_steps += 1
        if completed_steps >= max_train_steps:
            break
    print(completed_steps, lr_scheduler.get_last_lr())

import torch
from transformers import get_cosine_schedule_with_warmup
epochs = 4
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)
total_steps = len(train_dataloader) * epochs
scheduler = get_cosine_schedule_with_warmup(optimizer, num_warmup_steps=total_steps // 2, num_training_steps=total_steps)  # BUG: warmup-too-long
for epoch in range(epochs):
    for batch in train_dataloader:
        model(**batch).loss.backward()
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
    print(scheduler.get_last_lr())

# Gradient accumulation done right in the loop, but the schedule is sized in batches, not
# optimizer steps: it only gets a quarter of the way through its decay.
import torch
from transformers import get_cosine_schedule_with_warmup

epochs = 4
accumulation_steps = 4
train_loader = DataLoader(TensorDataset(torch.randn(4096, 32)), batch_size=16)
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
scheduler = get_cosine_schedule_with_warmup(optimizer, num_warmup_steps=50, num_training_steps=len(train_loader) * epochs)  # BUG: length-mismatch
for epoch in range(epochs):
    for i, batch in enumerate(train_loader):
        loss = model(batch) / accumulation_steps
        loss.backward()
        if (i + 1) % accumulation_steps == 0:
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
    print(epoch, scheduler.get_last_lr()[0])

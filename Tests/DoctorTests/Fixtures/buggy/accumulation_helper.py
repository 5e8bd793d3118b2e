import torch
from transformers import get_linear_schedule_with_warmup


def train_epoch(model, loader, optimizer, scheduler, scaler, gradient_accumulation_steps):
    for step, batch in enumerate(loader):
        with torch.autocast("cuda"):
            loss = model(**batch).loss / gradient_accumulation_steps
        scaler.scale(loss).backward()
        if (step + 1) % gradient_accumulation_steps == 0:
            scaler.step(optimizer)
            scaler.update()
            optimizer.zero_grad()
        scheduler.step()  # BUG: accumulation-mismatch


def main():
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)
    scaler = torch.cuda.amp.GradScaler()
    scheduler = get_linear_schedule_with_warmup(optimizer, 100, len(loader) * 3)
    for epoch in range(3):
        train_epoch(model, loader, optimizer, scheduler, scaler, 4)
        print(scheduler.get_last_lr())


main()

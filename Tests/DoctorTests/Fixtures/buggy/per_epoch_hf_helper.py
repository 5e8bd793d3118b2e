# Fine-tuning with a transformers schedule, stepped once per epoch from main().
import torch
from transformers import AutoModelForSequenceClassification, get_linear_schedule_with_warmup


def train_epoch(model, dataloader, optimizer, device):
    model.train()
    for step, batch in enumerate(dataloader):
        outputs = model(**batch)
        loss = outputs.loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad()


def main():
    epochs = 3
    model = AutoModelForSequenceClassification.from_pretrained("bert-base-uncased", num_labels=2)
    train_dataloader = make_dataloader("train", batch_size=32)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)
    total_steps = len(train_dataloader) * epochs
    scheduler = get_linear_schedule_with_warmup(optimizer, num_warmup_steps=int(0.1 * total_steps), num_training_steps=total_steps)
    for epoch in range(epochs):
        train_epoch(model, train_dataloader, optimizer, "cuda")
        scheduler.step()  # BUG: per-batch-scheduler-stepped-per-epoch
        print("lr", scheduler.get_last_lr()[0])


main()

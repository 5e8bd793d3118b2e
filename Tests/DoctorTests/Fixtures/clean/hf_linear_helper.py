import torch
from transformers import get_linear_schedule_with_warmup


def train(model, dataloader, optimizer, scheduler, epochs):
    for epoch in range(epochs):
        model.train()
        for step, batch in enumerate(dataloader):
            loss = model(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
        print(epoch, scheduler.get_last_lr()[0])


def main():
    epochs = 3
    dataloader = DataLoader(dataset, batch_size=32, shuffle=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5, eps=1e-8)
    total_steps = len(dataloader) * epochs
    scheduler = get_linear_schedule_with_warmup(optimizer, num_warmup_steps=int(0.06 * total_steps), num_training_steps=total_steps)
    train(model, dataloader, optimizer, scheduler, epochs)


main()

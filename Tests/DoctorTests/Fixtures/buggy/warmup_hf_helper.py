import torch
from transformers import get_cosine_schedule_with_warmup


def train(model, dataloader, optimizer, scheduler, num_epochs):
    for epoch in range(num_epochs):
        for batch in dataloader:
            loss = model(**batch).loss
            loss.backward()
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
        print(epoch, scheduler.get_last_lr()[0])


def main():
    num_epochs = 5
    dataloader = DataLoader(dataset, batch_size=8)
    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)
    num_training_steps = 2000
    scheduler = get_cosine_schedule_with_warmup(optimizer, num_warmup_steps=1000, num_training_steps=num_training_steps)  # BUG: warmup-too-long
    train(model, dataloader, optimizer, scheduler, num_epochs)


main()

# Pre-1.1 style: the scheduler is stepped at the start of each epoch, before train_one_epoch.
import torch
from torch import nn, optim
from torch.optim import lr_scheduler


def train_one_epoch(model, loader, optimizer, criterion):
    model.train()
    total = 0.0
    for inputs, targets in loader:
        optimizer.zero_grad()
        loss = criterion(model(inputs), targets)
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / len(loader)


def main():
    model = nn.Linear(20, 2)
    loader = make_loader(batch_size=32)
    optimizer = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = lr_scheduler.StepLR(optimizer, step_size=5, gamma=0.5)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(20):
        scheduler.step()  # BUG: step-order
        loss = train_one_epoch(model, loader, optimizer, criterion)
        print(epoch, loss, optimizer.param_groups[0]["lr"])


if __name__ == "__main__":
    main()

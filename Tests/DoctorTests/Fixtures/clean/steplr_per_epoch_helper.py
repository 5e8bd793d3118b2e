import torch
from torch import nn, optim


def train_one_epoch(model, loader, optimizer, criterion):
    model.train()
    for inputs, targets in loader:
        optimizer.zero_grad()
        loss = criterion(model(inputs), targets)
        loss.backward()
        optimizer.step()
    return loss.item()


def main():
    model = nn.Linear(20, 2)
    optimizer = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = optim.lr_scheduler.StepLR(optimizer, step_size=30, gamma=0.1)
    for epoch in range(90):
        train_one_epoch(model, loader, optimizer, nn.CrossEntropyLoss())
        scheduler.step()
        print(epoch, scheduler.get_last_lr())


if __name__ == "__main__":
    main()

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


def train_one_epoch(model, loader, optimizer):
    for x, y in loader:
        optimizer.zero_grad()
        F.cross_entropy(model(x), y).backward()
        optimizer.step()


def main():
    epochs = 100
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    scheduler = CosineAnnealingLR(optimizer, T_max=epochs)  # BUG: scheduler-never-stepped
    for epoch in range(epochs):
        train_one_epoch(model, loader, optimizer)
        print(epoch, optimizer.param_groups[0]["lr"])


if __name__ == "__main__":
    main()

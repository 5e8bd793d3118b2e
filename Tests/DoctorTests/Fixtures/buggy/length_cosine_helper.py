# CosineAnnealingLR(T_max=20) in a 50-epoch run: the LR climbs back up after epoch 20.
import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


def run_epoch(model, loader, optimizer):
    for x, y in loader:
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
    return loss.item()


def main(epochs=50):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = CosineAnnealingLR(optimizer, T_max=20)  # BUG: length-mismatch
    for epoch in range(epochs):
        loss = run_epoch(model, train_loader, optimizer)
        scheduler.step()
        print(epoch, loss, scheduler.get_last_lr()[0])


if __name__ == "__main__":
    main()

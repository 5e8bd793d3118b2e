# CosineAnnealingLR(T_max=num_epochs) stepped in the helper's batch loop.
import torch
from torch.optim.lr_scheduler import CosineAnnealingLR

num_epochs = 50


def train_one_epoch(model, loader, optimizer, scheduler):
    for batch_idx, (data, target) in enumerate(loader):
        optimizer.zero_grad()
        loss = F.nll_loss(model(data), target)
        loss.backward()
        optimizer.step()
        scheduler.step()  # BUG: epoch-scheduler-stepped-per-batch
        if batch_idx % 50 == 0:
            print(loss.item(), scheduler.get_last_lr()[0])


def main():
    model = Net()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    scheduler = CosineAnnealingLR(optimizer, T_max=num_epochs)
    for epoch in range(1, num_epochs + 1):
        train_one_epoch(model, train_loader, optimizer, scheduler)
        test(model, test_loader)


if __name__ == "__main__":
    main()

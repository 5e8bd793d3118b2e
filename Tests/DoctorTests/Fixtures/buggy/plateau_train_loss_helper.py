import torch


def train_one_epoch(model, loader, optimizer, scheduler):
    for x, y in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        scheduler.step(loss)  # BUG: plateau-metric-is-train-loss


def main():
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, patience=100)
    for epoch in range(10):
        train_one_epoch(model, train_loader, optimizer, scheduler)
        print(optimizer.param_groups[0]["lr"])


main()

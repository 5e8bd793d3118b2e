import torch


def train(model, loader, optimizer):
    for x, y in loader:
        optimizer.zero_grad()
        criterion(model(x), y).backward()
        optimizer.step()


def validate(model, loader):
    total = 0.0
    with torch.no_grad():
        for x, y in loader:
            total += criterion(model(x), y).item()
    return total / len(loader)


def fit(model, epochs=25):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    plateau = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, patience=2)
    for epoch in range(epochs):
        train(model, train_loader, optimizer)
        val = validate(model, val_loader)
        plateau.step()  # BUG: plateau-without-metric
        print(f"{epoch} {val:.4f} {optimizer.param_groups[0]['lr']}")


fit(make_model())

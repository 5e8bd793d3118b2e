import argparse
import torch


def parse():
    parser = argparse.ArgumentParser(description="CIFAR training")
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--batch-size", type=int, default=128)
    return parser.parse_args()


def train(epoch, model, loader, optimizer):
    model.train()
    for batch_idx, (inputs, targets) in enumerate(loader):
        optimizer.zero_grad()
        loss = criterion(model(inputs), targets)
        loss.backward()
        optimizer.step()


def main():
    args = parse()
    loader = DataLoader(trainset, batch_size=args.batch_size, shuffle=True)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[100, 150], gamma=0.1)
    for epoch in range(args.epochs):
        train(epoch, model, loader, optimizer)
        scheduler.step()
        print("lr", optimizer.param_groups[0]["lr"])


if __name__ == "__main__":
    main()

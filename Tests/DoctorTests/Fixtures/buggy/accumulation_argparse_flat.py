import argparse
import torch

parser = argparse.ArgumentParser()
parser.add_argument("--grad_accum", type=int, default=4)
parser.add_argument("--epochs", type=int, default=3)
args = parser.parse_args()
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs * len(train_loader) // args.grad_accum)
for epoch in range(args.epochs):
    for step, batch in enumerate(train_loader):
        loss = model(batch) / args.grad_accum
        loss.backward()
        if (step + 1) % args.grad_accum == 0:
            optimizer.step()
            optimizer.zero_grad()
        scheduler.step()  # BUG: accumulation-mismatch
    print(scheduler.get_last_lr())

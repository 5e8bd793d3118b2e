import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR


class AutoEncoder(nn.Module):
    def __init__(self, width=16, code=8, classes=2):
        super().__init__()
        self.encoder = nn.Linear(width, code)
        self.decoder = nn.Linear(code, width)
        self.classifier = nn.Linear(code, classes)

    def forward(self, x):
        z = torch.relu(self.encoder(x))
        return self.decoder(z), self.classifier(z)


def get_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lr", type=float, default=1e-2)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--freeze-decoder", action="store_true")
    return parser.parse_args()


args = get_args()
model = AutoEncoder()
if args.freeze_decoder:
    for p in model.decoder.parameters():
        p.requires_grad = False

decay, no_decay = [], []
for name, param in model.named_parameters():
    if name.endswith("bias"):
        no_decay.append(param)
    else:
        decay.append(param)

optimizer = torch.optim.SGD(
    [
        {"params": model.encoder.parameters(), "lr": args.lr},
        {"params": model.decoder.parameters(), "lr": args.lr / 10},
        {"params": model.classifier.parameters()},
    ],
    lr=args.lr * 2,
    momentum=0.9,
)
warmup = LinearLR(optimizer, start_factor=0.1, total_iters=args.warmup)
cosine = CosineAnnealingLR(optimizer, T_max=args.epochs - args.warmup)
scheduler = SequentialLR(optimizer, schedulers=[warmup, cosine], milestones=[args.warmup])

for epoch in range(args.epochs):
    for batch in range(10):
        optimizer.zero_grad()
        optimizer.step()
    scheduler.step()

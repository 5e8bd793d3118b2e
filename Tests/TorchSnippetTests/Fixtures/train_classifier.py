"""Train a small classifier on synthetic data: a whole script, as people paste it."""
import os
import random
import argparse
import logging
from dataclasses import dataclass
from typing import Optional

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset
from torch.optim.lr_scheduler import OneCycleLR

os.environ["CUBLAS_WORKSPACE_CONFIG"] = ":4096:8"
logger = logging.getLogger(__name__)


@dataclass
class Config:
    lr: float = 3e-3
    weight_decay: float = 1e-4
    epochs: int = 5
    batch_size: int = 32
    hidden: int = 64
    seed: int = 42
    checkpoint: Optional[str] = None


def set_seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    if torch.cuda.is_available():
        torch.cuda.manual_seed_all(seed)


class Classifier(nn.Module):
    def __init__(self, in_features: int, hidden: int, classes: int = 2):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Linear(in_features, hidden),
            nn.ReLU(),
            nn.Dropout(0.1),
            nn.Linear(hidden, hidden),
            nn.ReLU(),
        )
        self.norm = nn.LayerNorm(hidden)
        self.head = nn.Linear(hidden, classes)

    def forward(self, x):
        return self.head(self.norm(self.encoder(x)))


def make_loaders(cfg: Config):
    x = torch.randn(1024, 16)
    y = (x.sum(dim=1) > 0).long()
    train = TensorDataset(x[:896], y[:896])
    val = TensorDataset(x[896:], y[896:])
    train_loader = DataLoader(train, batch_size=cfg.batch_size, shuffle=True, drop_last=True)
    val_loader = DataLoader(val, batch_size=cfg.batch_size)
    return train_loader, val_loader


def train_one_epoch(model, loader, optimizer, scheduler, device):
    model.train()
    total = 0.0
    for step, (x, y) in enumerate(loader):
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
        optimizer.step()
        scheduler.step()
        total += loss.item()
    return total / len(loader)


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    correct, count = 0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        correct += (model(x).argmax(dim=1) == y).sum().item()
        count += y.numel()
    return correct / max(count, 1)


def save_checkpoint(model, optimizer, path):
    try:
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, path)
    except OSError as error:
        logger.warning("could not save %s: %s", path, error)
    finally:
        logger.info("checkpoint step done")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--no-cuda", action="store_true")
    return parser.parse_args()


def main():
    args = parse_args()
    cfg = Config(lr=args.lr, epochs=args.epochs)
    set_seed(cfg.seed)
    device = torch.device("cuda" if torch.cuda.is_available() and not args.no_cuda else "cpu")

    train_loader, val_loader = make_loaders(cfg)
    model = Classifier(16, cfg.hidden).to(device)

    no_decay = ["bias", "LayerNorm.weight", "norm.weight"]
    grouped = [
        {
            "params": [p for n, p in model.named_parameters() if not any(nd in n for nd in no_decay)],
            "weight_decay": cfg.weight_decay,
        },
        {
            "params": [p for n, p in model.named_parameters() if any(nd in n for nd in no_decay)],
            "weight_decay": 0.0,
        },
    ]
    optimizer = torch.optim.AdamW(grouped, lr=cfg.lr)
    scheduler = OneCycleLR(
        optimizer,
        max_lr=cfg.lr,
        epochs=cfg.epochs,
        steps_per_epoch=len(train_loader),
        pct_start=0.3,
    )

    best = 0.0
    for epoch in range(cfg.epochs):
        loss = train_one_epoch(model, train_loader, optimizer, scheduler, device)
        acc = evaluate(model, val_loader, device)
        print(f"epoch {epoch}: loss {loss:.4f} acc {acc:.3f} lr {scheduler.get_last_lr()[0]:.2e}")
        if acc > best:
            best = acc
            if cfg.checkpoint:
                save_checkpoint(model, optimizer, cfg.checkpoint)

    with open("results.txt", "w") as f:
        f.write(f"best {best}\n")


if __name__ == "__main__":
    main()

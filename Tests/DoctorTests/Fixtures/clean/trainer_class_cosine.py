# A hand-written Trainer class keeping the optimizer and scheduler on self.
import torch
from dataclasses import dataclass


@dataclass
class Config:
    epochs: int = 30
    lr: float = 0.1
    batch_size: int = 64


class Trainer:
    def __init__(self, model, loader, cfg):
        self.model = model
        self.loader = loader
        self.cfg = cfg
        self.optimizer = torch.optim.SGD(model.parameters(), lr=cfg.lr, momentum=0.9)
        self.scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(self.optimizer, T_max=cfg.epochs)

    def train_epoch(self):
        self.model.train()
        for x, y in self.loader:
            self.optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(self.model(x), y)
            loss.backward()
            self.optimizer.step()

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.train_epoch()
            self.scheduler.step()
            print(f"epoch {epoch} lr {self.scheduler.get_last_lr()[0]:.4f}")


if __name__ == "__main__":
    cfg = Config()
    Trainer(build_model(), build_loader(cfg.batch_size), cfg).fit()

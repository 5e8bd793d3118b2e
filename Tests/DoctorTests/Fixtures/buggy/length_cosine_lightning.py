import torch
import pytorch_lightning as pl


class Net(pl.LightningModule):
    def __init__(self, lr: float = 0.05):
        super().__init__()
        self.lr = lr
        self.model = make_model()

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = torch.nn.functional.cross_entropy(self.model(x), y)
        self.log("loss", loss)
        return loss

    def configure_optimizers(self):
        optimizer = torch.optim.SGD(self.parameters(), lr=self.lr, momentum=0.9)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=10)  # BUG: length-mismatch
        return [optimizer], [scheduler]


def main():
    trainer = pl.Trainer(max_epochs=50, callbacks=[pl.callbacks.LearningRateMonitor()])
    trainer.fit(Net(), datamodule=CIFAR10DataModule())


if __name__ == "__main__":
    main()

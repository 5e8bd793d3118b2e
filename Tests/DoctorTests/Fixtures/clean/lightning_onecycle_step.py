import torch
import pytorch_lightning as pl


class LitModel(pl.LightningModule):
    def __init__(self, lr=1e-3, epochs=10, steps_per_epoch=100):
        super().__init__()
        self.save_hyperparameters()
        self.net = torch.nn.Sequential(torch.nn.Linear(32, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))

    def forward(self, x):
        return self.net(x)

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = torch.nn.functional.cross_entropy(self(x), y)
        self.log("train_loss", loss, prog_bar=True)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        self.log("val_loss", torch.nn.functional.cross_entropy(self(x), y))

    def configure_optimizers(self):
        optimizer = torch.optim.AdamW(self.parameters(), lr=self.hparams.lr)
        scheduler = torch.optim.lr_scheduler.OneCycleLR(
            optimizer, max_lr=1e-2, epochs=self.hparams.epochs,
            steps_per_epoch=self.hparams.steps_per_epoch)
        return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "step"}}


trainer = pl.Trainer(max_epochs=10, callbacks=[pl.callbacks.LearningRateMonitor(logging_interval="step")])
trainer.fit(LitModel(), train_loader, val_loader)

import torch
import pytorch_lightning as pl


class M(pl.LightningModule):
    def training_step(self, batch, batch_idx):
        return self.net(batch).mean()

    def configure_optimizers(self):
        optimizer = torch.optim.Adam(self.parameters(), lr=1e-3)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10)  # BUG: scheduler-never-stepped
        return optimizer


pl.Trainer(max_epochs=30, callbacks=[pl.callbacks.LearningRateMonitor()]).fit(M())

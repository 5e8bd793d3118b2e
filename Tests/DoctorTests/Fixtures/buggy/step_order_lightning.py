# Manual optimization: the scheduler is stepped before the optimizer inside training_step.
import torch
import pytorch_lightning as pl


class Manual(pl.LightningModule):
    def __init__(self):
        super().__init__()
        self.automatic_optimization = False
        self.net = torch.nn.Linear(4, 1)

    def training_step(self, batch, batch_idx):
        opt = self.optimizers()
        sch = self.lr_schedulers()
        loss = self.net(batch).pow(2).mean()
        opt.zero_grad()
        self.manual_backward(loss)
        sch.step()  # BUG: step-order
        opt.step()
        self.log("lr", sch.get_last_lr()[0])

    def configure_optimizers(self):
        optimizer = torch.optim.SGD(self.parameters(), lr=0.01)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=1000)
        return [optimizer], [scheduler]


pl.Trainer(max_steps=1000).fit(Manual())

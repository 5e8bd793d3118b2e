import torch
import lightning as L


class Model(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.net = build_resnet()

    def training_step(self, batch, batch_idx):
        images, labels = batch
        loss = torch.nn.functional.cross_entropy(self.net(images), labels)
        return loss

    def configure_optimizers(self):
        optimizer = torch.optim.SGD(self.parameters(), lr=0.1, momentum=0.9)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30, gamma=0.1)
        return [optimizer], [{"scheduler": scheduler, "interval": "step"}]  # BUG: epoch-scheduler-stepped-per-batch


if __name__ == "__main__":
    trainer = L.Trainer(max_epochs=90, accelerator="gpu")
    trainer.fit(Model(), train_dataloaders=train_loader)
    print(trainer.optimizers[0].param_groups[0]["lr"])

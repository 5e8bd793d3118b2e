import torch
import pytorch_lightning as pl
from transformers import AutoModel, get_linear_schedule_with_warmup


class FineTuner(pl.LightningModule):
    def __init__(self, model_name="bert-base-uncased", warmup_steps=6000, total_steps=10000):
        super().__init__()
        self.model = AutoModel.from_pretrained(model_name)
        self.warmup_steps = warmup_steps
        self.total_steps = total_steps

    def training_step(self, batch, batch_idx):
        return self.model(**batch).loss

    def configure_optimizers(self):
        optimizer = torch.optim.AdamW(self.parameters(), lr=2e-5)
        scheduler = get_linear_schedule_with_warmup(optimizer, self.warmup_steps, self.total_steps)  # BUG: warmup-too-long
        return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "step"}}


pl.Trainer(max_steps=10000, callbacks=[pl.callbacks.LearningRateMonitor("step")]).fit(FineTuner())

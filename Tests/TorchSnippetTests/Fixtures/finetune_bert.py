#!/usr/bin/env python
# Fine-tune a BERT-style encoder for sentence classification.
# The usual shape of such a script: config, data, model, the no-decay grouping,
# a linear warmup written as a LambdaLR, a training loop, evaluation, main.
from __future__ import annotations

import json
import math
import os
import sys
import time
from pathlib import Path

import torch
from torch import nn
from torch.optim import AdamW
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader, Dataset

try:
    from transformers import AutoModel, AutoTokenizer
except ImportError:  # pragma: no cover
    AutoModel = AutoTokenizer = None

MODEL_NAME = os.environ.get("MODEL_NAME", "bert-base-uncased")
OUTPUT_DIR = Path("runs") / "bert-sst2"
NUM_EPOCHS = 3
BATCH_SIZE = 16
LEARNING_RATE = 2e-5
WARMUP_RATIO = 0.1
WEIGHT_DECAY = 0.01
MAX_GRAD_NORM = 1.0


class SentenceDataset(Dataset):
    def __init__(self, path, tokenizer, max_length=128):
        self.rows = [json.loads(line) for line in open(path)]
        self.tokenizer = tokenizer
        self.max_length = max_length

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, index):
        row = self.rows[index]
        encoded = self.tokenizer(
            row["text"], truncation=True, max_length=self.max_length, padding="max_length"
        )
        item = {k: torch.tensor(v) for k, v in encoded.items()}
        item["labels"] = torch.tensor(row["label"])
        return item


class Classifier(nn.Module):
    """An encoder with a classification head and its own LayerNorm."""

    def __init__(self, encoder, hidden_size: int = 768, num_labels: int = 2, dropout: float = 0.1):
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(dropout)
        self.LayerNorm = nn.LayerNorm(hidden_size)
        self.classifier = nn.Linear(hidden_size, num_labels)

    def forward(self, input_ids, attention_mask, labels=None):
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        logits = self.classifier(self.dropout(self.LayerNorm(hidden[:, 0])))
        loss = None
        if labels is not None:
            loss = nn.functional.cross_entropy(logits, labels)
        return loss, logits


def linear_warmup(num_warmup_steps: int, num_training_steps: int):
    def lr_lambda(current_step: int) -> float:
        if current_step < num_warmup_steps:
            return float(current_step) / float(max(1, num_warmup_steps))
        return max(
            0.0,
            float(num_training_steps - current_step)
            / float(max(1, num_training_steps - num_warmup_steps)),
        )

    return lr_lambda


def build_optimizer(model: nn.Module, lr: float, weight_decay: float) -> AdamW:
    no_decay = ["bias", "LayerNorm.weight"]
    grouped = [
        {
            "params": [p for n, p in model.named_parameters() if not any(nd in n for nd in no_decay)],
            "weight_decay": weight_decay,
        },
        {
            "params": [p for n, p in model.named_parameters() if any(nd in n for nd in no_decay)],
            "weight_decay": 0.0,
        },
    ]
    return AdamW(grouped, lr=lr, eps=1e-8)


def train_epoch(model, loader, optimizer, scheduler, device, epoch: int) -> float:
    model.train()
    running, started = 0.0, time.time()
    for step, batch in enumerate(loader, start=1):
        batch = {k: v.to(device) for k, v in batch.items()}
        loss, _ = model(**batch)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), MAX_GRAD_NORM)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
        running += loss.item()
        if step % 50 == 0:
            print(f"epoch {epoch} step {step} loss {running / step:.4f} ({time.time() - started:.0f}s)")
    return running / max(1, len(loader))


@torch.no_grad()
def evaluate(model, loader, device) -> dict:
    model.eval()
    correct = total = 0
    for batch in loader:
        batch = {k: v.to(device) for k, v in batch.items()}
        _, logits = model(**batch)
        correct += (logits.argmax(-1) == batch["labels"]).sum().item()
        total += batch["labels"].numel()
    return {"accuracy": correct / max(1, total)}


def main(argv=None) -> int:
    torch.manual_seed(0)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)
    encoder = AutoModel.from_pretrained(MODEL_NAME)
    model = Classifier(encoder).to(device)

    train_set = SentenceDataset("data/train.jsonl", tokenizer)
    dev_set = SentenceDataset("data/dev.jsonl", tokenizer)
    train_loader = DataLoader(train_set, batch_size=BATCH_SIZE, shuffle=True)
    dev_loader = DataLoader(dev_set, batch_size=BATCH_SIZE * 2)

    num_training_steps = NUM_EPOCHS * len(train_loader)
    num_warmup_steps = math.ceil(WARMUP_RATIO * num_training_steps)
    optimizer = build_optimizer(model, LEARNING_RATE, WEIGHT_DECAY)
    scheduler = LambdaLR(optimizer, linear_warmup(num_warmup_steps, num_training_steps))

    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    best = -1.0
    for epoch in range(1, NUM_EPOCHS + 1):
        train_loss = train_epoch(model, train_loader, optimizer, scheduler, device, epoch)
        metrics = evaluate(model, dev_loader, device)
        print(json.dumps({"epoch": epoch, "train_loss": train_loss, **metrics}))
        if metrics["accuracy"] > best:
            best = metrics["accuracy"]
            torch.save(model.state_dict(), OUTPUT_DIR / "best.pt")
    return 0


if __name__ == "__main__":
    sys.exit(main())

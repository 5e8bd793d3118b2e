optimizer = AdamW([{'params': model.backbone.parameters(), 'lr': 1e-5}, {'params': model.head.parameters()}], lr=1e-3)
scheduler = OneCycleLR(optimizer, max_lr=[1e-4, 1e-2], epochs=num_epochs, steps_per_epoch=len(train_loader))

optimizer = SGD(model.parameters(), lr=0.1, momentum=0.9)
warm = LinearLR(optimizer, start_factor=0.1, total_iters=5)
cos = CosineAnnealingLR(optimizer, T_max=45)
scheduler = SequentialLR(optimizer, schedulers=[warm, cos], milestones=[5])
for epoch in range(num_epochs):
    for batch in train_loader:
        optimizer.step()
    scheduler.step()

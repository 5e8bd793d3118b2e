# Lab key 2: OneCycleLR stepped once per epoch (sized for 20 epochs x 8 batches).
import torch

num_epochs = 20
model = torch.nn.Linear(1, 1)
train_loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(torch.randn(256, 1), torch.randn(256, 1)), batch_size=32)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, epochs=num_epochs, steps_per_epoch=len(train_loader))
for epoch in range(num_epochs):
    for x, y in train_loader:
        optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
    scheduler.step()  # BUG: per-batch-scheduler-stepped-per-epoch
    print(epoch, scheduler.get_last_lr()[0])

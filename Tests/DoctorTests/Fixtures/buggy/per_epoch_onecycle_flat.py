import torch
from torch.optim.lr_scheduler import OneCycleLR

num_epochs = 20
train_loader = DataLoader(TensorDataset(torch.randn(1000, 10), torch.randn(1000, 1)), batch_size=50)
model = torch.nn.Linear(10, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
scheduler = OneCycleLR(optimizer, max_lr=0.1, epochs=num_epochs, steps_per_epoch=len(train_loader))

for epoch in range(num_epochs):
    for x, y in train_loader:
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
    scheduler.step()  # BUG: per-batch-scheduler-stepped-per-epoch
    print(epoch, scheduler.get_last_lr())

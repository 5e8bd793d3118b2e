# OneCycleLR sized for 10 epochs, in a 20-epoch loop: PyTorch raises halfway.
import torch

EPOCHS = 20
loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(torch.randn(640, 8)), batch_size=64)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, epochs=10, steps_per_epoch=len(loader))  # BUG: length-mismatch
for epoch in range(EPOCHS):
    for (x,) in loader:
        optimizer.zero_grad()
        model(x).sum().backward()
        optimizer.step()
        scheduler.step()
    print(epoch, scheduler.get_last_lr())

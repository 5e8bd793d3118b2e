# Full-batch training: one optimizer step per epoch, ExponentialLR per epoch.
import torch

X = torch.randn(256, 3)
y = (X * torch.tensor([1.0, -2.0, 0.5])).sum(1)
w = torch.zeros(3, requires_grad=True)
optimizer = torch.optim.SGD([w], lr=0.1)
scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.97)
for epoch in range(200):
    optimizer.zero_grad()
    loss = (((X * w).sum(1) - y) ** 2).mean()
    loss.backward()
    optimizer.step()
    scheduler.step()
    if epoch % 20 == 0:
        print(epoch, loss.item(), scheduler.get_last_lr()[0])

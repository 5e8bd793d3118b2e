import torch
from torch.optim.lr_scheduler import CosineAnnealingLR

epochs = 30
loader = DataLoader(TensorDataset(torch.randn(6400, 3, 32, 32)), batch_size=64)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
scheduler = CosineAnnealingLR(optimizer, T_max=epochs * len(loader))
scaler = torch.cuda.amp.GradScaler()
for epoch in range(epochs):
    for (images,) in loader:
        optimizer.zero_grad()
        with torch.autocast("cuda"):
            loss = model(images).mean()
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
        scheduler.step()
    print(epoch, scheduler.get_last_lr()[0])

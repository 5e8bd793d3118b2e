# ImageNet-style StepLR(step_size=30) — but stepped inside the batch loop.
import torch
import torchvision

model = torchvision.models.resnet18()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30, gamma=0.1)
train_loader = torch.utils.data.DataLoader(train_set, batch_size=256, shuffle=True)

for epoch in range(90):
    for images, target in train_loader:
        output = model(images)
        loss = criterion(output, target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        scheduler.step()  # BUG: epoch-scheduler-stepped-per-batch
    print(epoch, scheduler.get_last_lr())

import torch

optimizer = torch.optim.SGD(model.parameters(), lr=0.001, momentum=0.9)
scheduler = torch.optim.lr_scheduler.CyclicLR(optimizer, base_lr=0.001, max_lr=0.006, step_size_up=2000)
epoch = 0
while epoch < 12:
    for images, labels in train_loader:
        optimizer.zero_grad()
        criterion(model(images), labels).backward()
        optimizer.step()
        scheduler.step()
    print(epoch, scheduler.get_last_lr())
    epoch += 1

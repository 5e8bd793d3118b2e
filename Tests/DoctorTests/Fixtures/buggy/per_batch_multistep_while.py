import torch

epochs = 100
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True)
scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[50, 75], gamma=0.1)
epoch = 0
while epoch < epochs:
    for inputs, targets in trainloader:
        optimizer.zero_grad()
        loss = criterion(net(inputs), targets)
        loss.backward()
        optimizer.step()
        scheduler.step()  # BUG: epoch-scheduler-stepped-per-batch
    print("Epoch", epoch, optimizer.param_groups[0]["lr"])
    epoch += 1

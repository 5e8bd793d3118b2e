import torch
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda=lambda epoch: 0.95 ** epoch)
for epoch in range(60):
    train(model, loader, optimizer)
    scheduler.step()
    log(scheduler.get_last_lr())

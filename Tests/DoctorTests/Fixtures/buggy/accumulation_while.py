import torch

optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
scheduler = torch.optim.lr_scheduler.CyclicLR(optimizer, base_lr=0.01, max_lr=0.1, step_size_up=500)
micro_step = 0
while micro_step < 20000:
    loss = model(next(it))
    loss.backward()
    if micro_step % 4 == 3:
        optimizer.step()
        optimizer.zero_grad()
    scheduler.step()  # BUG: accumulation-mismatch
    if micro_step % 1000 == 0:
        print(optimizer.param_groups[0]["lr"])
    micro_step += 1

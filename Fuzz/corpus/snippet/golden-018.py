optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
scheduler = ConstantLR(optimizer, factor=0.1, total_iters=1)
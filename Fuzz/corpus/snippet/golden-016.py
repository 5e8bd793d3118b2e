optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
scheduler = ConstantLR(optimizer, factor=0.3333333333333333, total_iters=5)
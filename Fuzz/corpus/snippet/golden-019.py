optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
scheduler = ConstantLR(optimizer, factor=1.0, total_iters=3)
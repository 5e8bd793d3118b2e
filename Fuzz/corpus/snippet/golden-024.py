optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
scheduler = LinearLR(optimizer, start_factor=1.0, end_factor=0.1, total_iters=7)
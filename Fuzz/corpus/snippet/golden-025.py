optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
scheduler = LinearLR(optimizer, start_factor=0.5, end_factor=0.5, total_iters=4)
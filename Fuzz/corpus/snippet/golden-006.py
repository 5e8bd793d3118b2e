optimizer = torch.optim.SGD(model.parameters(), lr=1.0, momentum=0.9)
scheduler = StepLR(optimizer, step_size=3, gamma=0.1)
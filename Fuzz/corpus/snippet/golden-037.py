optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
scheduler = PolynomialLR(optimizer, total_iters=40, power=1.0)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
scheduler = PolynomialLR(optimizer, total_iters=5, power=3.0)
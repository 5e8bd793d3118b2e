scheduler = LambdaLR(optimizer, lr_lambda=lambda e: 0.95 ** e if e < 10 else 0.5)

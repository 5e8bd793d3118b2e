import torch


class Trainer:
    def __init__(self, model, loader, epochs=20):
        self.model = model
        self.loader = loader
        self.epochs = epochs
        self.optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        self.scheduler = torch.optim.lr_scheduler.ExponentialLR(self.optimizer, gamma=0.9)  # BUG: scheduler-never-stepped

    def fit(self):
        for epoch in range(self.epochs):
            for x, y in self.loader:
                self.optimizer.zero_grad()
                loss = torch.nn.functional.mse_loss(self.model(x), y)
                loss.backward()
                self.optimizer.step()
            print(epoch, self.optimizer.param_groups[0]["lr"])


Trainer(make_model(), make_loader()).fit()

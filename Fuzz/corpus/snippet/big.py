x = int(9007199254740993) - 9007199254740992
scheduler = MultiStepLR(optimizer, milestones=[x, 30, 80], gamma=0.1)

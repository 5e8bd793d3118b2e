scheduler = ReduceLROnPlateau(optimizer, mode='min', factor=0.5, patience=2)

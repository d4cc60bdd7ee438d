MixedModels.datasets()

MixedModels.deviance!(gm1)

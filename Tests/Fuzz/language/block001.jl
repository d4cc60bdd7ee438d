dyestuff = MixedModels.dataset(:dyestuff)

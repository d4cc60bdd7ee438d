dyestuff = MixedModels.dataset(:dyestuff);

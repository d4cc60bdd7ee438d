sleepstudy = MixedModels.dataset(:sleepstudy);

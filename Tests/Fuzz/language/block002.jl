fm1 = fit(MixedModel, @formula(yield ~ 1 + (1|batch)), dyestuff)

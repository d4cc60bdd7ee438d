fm1reml = fit(MixedModel, fm, dyestuff, REML=true)

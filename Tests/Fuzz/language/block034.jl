dyestuff = MixedModels.dataset(:dyestuff);
fm1 = fit(MixedModel, @formula(yield ~ 1 + (1|batch)), dyestuff);
sleepstudy = MixedModels.dataset(:sleepstudy);
fm2 = fit(MixedModel, @formula(reaction ~ 1 + days + (1 + days|subj)), sleepstudy);
verbagg = MixedModels.dataset(:verbagg);
verbaggform = @formula(r2 ~ 1 + anger + gender + btype + situ + mode + (1|subj) + (1|item));
gm1 = fit(MixedModel, verbaggform, verbagg, Bernoulli());

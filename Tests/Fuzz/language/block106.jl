sleepstudy = MixedModels.dataset(:sleepstudy)
m = LinearMixedModel(@formula(reaction ~ 1 + days + (1 + days | subj)), sleepstudy)
fit!(m);
(objective(m), deviance(m), loglikelihood(m), aic(m), aicc(m), bic(m))

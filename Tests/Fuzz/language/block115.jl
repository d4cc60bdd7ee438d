contra = MixedModels.dataset(:contra)
g = GeneralizedLinearMixedModel(@formula(use ~ 1 + urban + (1 | dist)), contra, Bernoulli())
fit!(g; fast=true)
(typeof(g), nobs(g), length(fixef(g)))

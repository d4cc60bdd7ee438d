@benchmark fit(MixedModel, $verbaggform, $verbagg, Bernoulli(), fast = true)

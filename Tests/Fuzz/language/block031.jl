@benchmark fit(MixedModel, $verbaggform, $verbagg, Bernoulli())

fit(MixedModel, @formula(y ~ 1 + (1|g)), my_data)

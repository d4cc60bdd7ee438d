fm4a = fit(MixedModel, @formula(strength ~ 1 + (1|batch/cask)), pastes)

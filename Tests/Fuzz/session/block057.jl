pastes = DataFrame(MixedModels.dataset(:pastes))
describe(pastes)

pastes = DataFrame(MixedModels.dataset(:pastes))
(names(pastes), nrow(pastes), ncol(pastes), first(pastes.strength))

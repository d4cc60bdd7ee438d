pastes.sample = string.(pastes.cask, "&", pastes.batch)
first(pastes.sample, 3)

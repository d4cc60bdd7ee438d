sum(leverage(fm4))

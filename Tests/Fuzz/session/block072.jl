sum(leverage(fm2))

sum(leverage(fm3))

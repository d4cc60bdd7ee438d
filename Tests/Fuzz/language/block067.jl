sum(leverage(fm1))

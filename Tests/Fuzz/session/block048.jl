leverage(fm1)

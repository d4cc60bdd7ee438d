objective(fm1)

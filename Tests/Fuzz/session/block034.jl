condVar(fm1)

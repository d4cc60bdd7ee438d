deviance(fm1)
